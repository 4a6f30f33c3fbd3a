package io.github.snowplowjakarta.servlet.consent;

/** What a consent resolver may look at: the request's cookies, raw, and its headers. */
public interface ConsentRequest {
  /** The cookie's value as sent (still percent-encoded), or null. */
  String cookie(String name);

  /** The first value of the header, or null. */
  String header(String name);
}
