package io.github.snowplowjakarta.servlet.internal;

import io.github.snowplowjakarta.web.internal.TitleScanner;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Feeds the HTML a response sends to a {@link TitleScanner}, as it goes out. The application writes
 * through wrappers that hand every call straight on to the container's stream or writer first (so
 * nothing is held back, reordered or changed, and flushes, commits and errors happen as without
 * them) and then feed what was written to the scanner, until it has what it needs. The request is
 * wrapped too, only so that an async cycle started on it writes through the same wrappers. Not API.
 */
public final class TitleCapture {
  private static final String LINE_SEPARATOR = System.lineSeparator();
  private static final byte[] CRLF = {'\r', '\n'};

  private final Response response;
  private final Request request;
  private final TitleScanner scanner;

  /** Feeds what the response sends to {@code scanner}. */
  public TitleCapture(
      HttpServletRequest request, HttpServletResponse response, TitleScanner scanner) {
    this.response = new Response(response);
    this.request = new Request(request, this.response);
    this.scanner = scanner;
  }

  public HttpServletRequest request() {
    return request;
  }

  public HttpServletResponse response() {
    return response;
  }

  /** The document's title, or null: read once, when first asked. */
  public String title() {
    return scanner.title();
  }

  private final class Response extends HttpServletResponseWrapper {
    private ServletOutputStream stream;
    private PrintWriter writer;

    Response(HttpServletResponse response) {
      super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      ServletOutputStream own = super.getOutputStream();
      if (stream == null) {
        stream = scanner.wanted() ? new CapturingStream(own) : own;
      }
      return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      PrintWriter own = super.getWriter();
      if (writer == null) {
        writer = scanner.wanted() ? new CapturingWriter(own) : own;
      }
      return writer;
    }

    @Override
    public void reset() {
      super.reset();
      scanner.restart();
    }

    @Override
    public void resetBuffer() {
      super.resetBuffer();
      scanner.restart();
    }
  }

  /** Async cycles started on the request keep writing through the capturing response. */
  private static final class Request extends HttpServletRequestWrapper {
    private final Response response;

    Request(HttpServletRequest request, Response response) {
      super(request);
      this.response = response;
    }

    @Override
    public AsyncContext startAsync() {
      return getRequest().startAsync(this, response);
    }
  }

  /**
   * The container's stream, each call handed on first; what was written is then copied. Print
   * methods go to the container's own, which encodes as it does; the copy encodes them in the
   * response's character encoding.
   */
  private final class CapturingStream extends ServletOutputStream {
    private final ServletOutputStream out;

    CapturingStream(ServletOutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      if (!scanner.closed()) {
        scanner.feed(new byte[] {(byte) b}, 0, 1);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      if (!scanner.closed()) {
        scanner.feed(b, off, len);
      }
    }

    @Override
    public void print(String s) throws IOException {
      out.print(s);
      if (!scanner.closed()) {
        byte[] encoded = String.valueOf(s).getBytes(scanner.charset());
        scanner.feed(encoded, 0, encoded.length);
      }
    }

    @Override
    public void println() throws IOException {
      out.println();
      if (!scanner.closed()) {
        scanner.feed(CRLF, 0, CRLF.length);
      }
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }

    @Override
    public boolean isReady() {
      return out.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      out.setWriteListener(listener);
    }
  }

  /**
   * The container's writer, each call handed on first; what was written is then copied. Every
   * method that writes ends in one of those overridden here.
   */
  private final class CapturingWriter extends PrintWriter {
    private final PrintWriter out;

    CapturingWriter(PrintWriter out) {
      super(out, false);
      this.out = out;
    }

    @Override
    public void write(int c) {
      out.write(c);
      if (!scanner.closed()) {
        scanner.feed(String.valueOf((char) c), 0, 1);
      }
    }

    @Override
    public void write(char[] buf, int off, int len) {
      out.write(buf, off, len);
      if (!scanner.closed()) {
        scanner.feed(java.nio.CharBuffer.wrap(buf), off, len);
      }
    }

    @Override
    public void write(String s, int off, int len) {
      out.write(s, off, len);
      if (!scanner.closed()) {
        scanner.feed(s, off, len);
      }
    }

    @Override
    public void println() {
      out.println();
      if (!scanner.closed()) {
        scanner.feed(LINE_SEPARATOR, 0, LINE_SEPARATOR.length());
      }
    }

    @Override
    public void flush() {
      out.flush();
    }

    @Override
    public void close() {
      out.close();
    }

    @Override
    public boolean checkError() {
      return out.checkError();
    }
  }
}
