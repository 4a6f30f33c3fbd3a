package io.github.snowplowjakarta.servlet.internal;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * A response that runs a hook once, just before its first byte of body or its first flush, while
 * headers can still be added: by then the status and content type say whether the response tracks.
 * Not API.
 */
final class BeforeCommit extends HttpServletResponseWrapper {
  private final Runnable hook;
  private boolean ran; // guarded by this
  private ServletOutputStream stream;
  private PrintWriter writer;

  BeforeCommit(HttpServletResponse response, Runnable hook) {
    super(response);
    this.hook = hook;
  }

  /** Runs the hook if it has not run yet. */
  void run() {
    synchronized (this) {
      if (ran) {
        return;
      }
      ran = true;
    }
    hook.run();
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    ServletOutputStream out = super.getOutputStream();
    if (stream == null) {
      stream = new Stream(out);
    }
    return stream;
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    PrintWriter out = super.getWriter();
    if (writer == null) {
      writer = new PrintWriter(new Chars(out));
    }
    return writer;
  }

  @Override
  public void flushBuffer() throws IOException {
    run();
    super.flushBuffer();
  }

  private final class Stream extends ServletOutputStream {
    private final ServletOutputStream out;

    Stream(ServletOutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      run();
      out.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      run();
      out.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
      run();
      out.flush();
    }

    @Override
    public void close() throws IOException {
      run();
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

  private final class Chars extends Writer {
    private final PrintWriter out;

    Chars(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      run();
      out.write(chars, offset, length);
    }

    @Override
    public void write(String text, int offset, int length) {
      run();
      out.write(text, offset, length);
    }

    @Override
    public void flush() {
      run();
      out.flush();
    }

    @Override
    public void close() {
      run();
      out.close();
    }
  }
}
