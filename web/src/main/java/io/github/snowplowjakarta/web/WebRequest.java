package io.github.snowplowjakarta.web;

import java.util.List;
import java.util.Optional;

/**
 * An HTTP request as web tracking reads it, whatever serves it: the servlet filter implements it
 * over an {@code HttpServletRequest}, other frameworks' adapters over theirs. It may be read after
 * the request's thread has moved on (an async request finishes on another), so it reads the live
 * request or what was copied from it, never a recycled one.
 */
public interface WebRequest {
  /** The method, such as {@code GET}. */
  String method();

  /** The first value of the header, or null. */
  String header(String name);

  /** Every value of the header, in the order received; empty if there is none. */
  List<String> headers(String name);

  /**
   * The URL as the browser asked for it: scheme, host, port if any, path and query string if any,
   * still percent-encoded.
   */
  String url();

  /**
   * The path within the application: after the context path, without path parameters ({@code
   * ;jsessionid=…}); {@code /} at its root.
   */
  String path();

  /** The path the application is served under, {@code ""} at the root. */
  String contextPath();

  /** The host name the request was sent to. */
  String serverName();

  /** Whether the request came over HTTPS. */
  boolean secure();

  /** The address of the client or the last proxy, an IP literal. */
  String remoteAddress();

  /** The name of the authenticated user, or null. */
  String userName();

  /**
   * The framework's own request, for code that reads the application's record (a session attribute,
   * say): the servlet filter's answers {@code HttpServletRequest.class}. Empty when the request is
   * not of that type.
   */
  default <T> Optional<T> unwrap(Class<T> type) {
    return Optional.empty();
  }
}
