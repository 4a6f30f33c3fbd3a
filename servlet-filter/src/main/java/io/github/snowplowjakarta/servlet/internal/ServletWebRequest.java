package io.github.snowplowjakarta.servlet.internal;

import io.github.snowplowjakarta.web.WebRequest;
import io.github.snowplowjakarta.web.internal.PageViewTracking;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/** A servlet request as web tracking reads it. Not API. */
public final class ServletWebRequest implements WebRequest {
  private final HttpServletRequest request;

  public ServletWebRequest(HttpServletRequest request) {
    this.request = request;
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String header(String name) {
    return request.getHeader(name);
  }

  @Override
  public List<String> headers(String name) {
    Enumeration<String> values = request.getHeaders(name);
    if (values == null || !values.hasMoreElements()) {
      return List.of();
    }
    String first = values.nextElement();
    if (!values.hasMoreElements()) {
      return List.of(first);
    }
    List<String> all = new ArrayList<>(4);
    all.add(first);
    while (values.hasMoreElements()) {
      all.add(values.nextElement());
    }
    return all;
  }

  @Override
  public String url() {
    StringBuffer url = request.getRequestURL();
    String query = request.getQueryString();
    return query == null ? url.toString() : url.append('?').append(query).toString();
  }

  @Override
  public String path() {
    return PageViewTracking.pathWithinApplication(
        request.getRequestURI(), request.getContextPath());
  }

  @Override
  public String contextPath() {
    return request.getContextPath();
  }

  @Override
  public String serverName() {
    return request.getServerName();
  }

  @Override
  public boolean secure() {
    return request.isSecure();
  }

  @Override
  public String remoteAddress() {
    return request.getRemoteAddr();
  }

  @Override
  public String userName() {
    Principal principal = request.getUserPrincipal();
    return principal == null ? null : principal.getName();
  }

  @Override
  public <T> Optional<T> unwrap(Class<T> type) {
    return type.isInstance(request) ? Optional.of(type.cast(request)) : Optional.empty();
  }
}
