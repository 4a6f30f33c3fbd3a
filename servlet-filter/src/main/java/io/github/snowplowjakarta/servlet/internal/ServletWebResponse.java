package io.github.snowplowjakarta.servlet.internal;

import io.github.snowplowjakarta.web.WebResponse;
import jakarta.servlet.http.HttpServletResponse;

/** A servlet response as web tracking reads and writes it. Not API. */
public final class ServletWebResponse implements WebResponse {
  private final HttpServletResponse response;

  public ServletWebResponse(HttpServletResponse response) {
    this.response = response;
  }

  @Override
  public int status() {
    return response.getStatus();
  }

  @Override
  public String contentType() {
    return response.getContentType();
  }

  @Override
  public boolean committed() {
    return response.isCommitted();
  }

  @Override
  public void addHeader(String name, String value) {
    response.addHeader(name, value);
  }
}
