package io.github.snowplowjakarta.quarkus.internal.vertx;

import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import io.github.snowplowjakarta.web.WebResponse;
import io.github.snowplowjakarta.web.internal.TitleScanner;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;

/**
 * Reads a quarkus-rest page's title (a Qute template's, any {@code text/html} entity's) from the
 * bytes its writer produces, for the page view. Not API.
 */
public final class HtmlTitles implements WriterInterceptor {
  private static final ThrottledLogger LOG = new ThrottledLogger(HtmlTitles.class);

  @Override
  public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
    TitleScanner scanner = scanner(context.getMediaType());
    if (scanner == null) {
      context.proceed();
      return;
    }
    OutputStream out = context.getOutputStream();
    context.setOutputStream(new Feeding(out, scanner));
    try {
      context.proceed();
    } finally {
      context.setOutputStream(out);
    }
  }

  private static TitleScanner scanner(MediaType type) {
    try {
      TrackedExchange exchange = TrackedExchange.current();
      if (exchange == null || type == null) {
        return null;
      }
      String contentType = type.toString();
      TitleScanner scanner =
          exchange.tracking.titleScanner(
              exchange.state, exchange.request, new Typed(exchange.response, contentType));
      return scanner != null && scanner.wanted() ? scanner : null;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Snowplow: page title not read: " + e, e);
      return null;
    }
  }

  /** The response as the writer will send it: its content type the entity's media type. */
  private static final class Typed implements WebResponse {
    private final WebResponse response;
    private final String contentType;

    Typed(WebResponse response, String contentType) {
      this.response = response;
      this.contentType = contentType;
    }

    @Override
    public int status() {
      return response.status();
    }

    @Override
    public String contentType() {
      return contentType;
    }

    @Override
    public boolean committed() {
      return response.committed();
    }

    @Override
    public void addHeader(String name, String value) {
      response.addHeader(name, value);
    }
  }

  /** Passes the body on, the scanner seeing its start. */
  private static final class Feeding extends FilterOutputStream {
    private final TitleScanner scanner;

    Feeding(OutputStream out, TitleScanner scanner) {
      super(out);
      this.scanner = scanner;
    }

    @Override
    public void write(int b) throws IOException {
      if (!scanner.closed()) {
        scanner.feed(new byte[] {(byte) b}, 0, 1);
      }
      out.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (!scanner.closed()) {
        scanner.feed(bytes, offset, length);
      }
      out.write(bytes, offset, length);
    }
  }
}
