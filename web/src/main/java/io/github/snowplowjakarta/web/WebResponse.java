package io.github.snowplowjakarta.web;

/** The response to a {@link WebRequest}, as web tracking reads and writes it. */
public interface WebResponse {
  /** The status code so far. */
  int status();

  /** The {@code Content-Type} so far, or null. */
  String contentType();

  /** Whether the status and headers have gone out: no header can be added any more. */
  boolean committed();

  /** Adds a header, such as {@code Set-Cookie}, beside those of the same name. */
  void addHeader(String name, String value);
}
