package io.github.snowplowjakarta.quarkus.internal.vertx;

import io.github.snowplowjakarta.web.WebResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** The response to a {@link VertxWebRequest}: committed once its head is written. */
final class VertxWebResponse implements WebResponse {
  private final HttpServerResponse response;

  VertxWebResponse(HttpServerResponse response) {
    this.response = response;
  }

  @Override
  public int status() {
    return response.getStatusCode();
  }

  @Override
  public String contentType() {
    return response.headers().get(HttpHeaders.CONTENT_TYPE);
  }

  @Override
  public boolean committed() {
    return response.headWritten();
  }

  @Override
  public void addHeader(String name, String value) {
    response.headers().add(name, value);
  }
}
