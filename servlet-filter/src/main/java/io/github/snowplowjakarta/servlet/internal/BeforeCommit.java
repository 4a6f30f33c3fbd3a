package io.github.snowplowjakarta.servlet.internal;

import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.System.Logger.Level;

/**
 * A response that runs a hook once, just before its first byte of body or its first flush, while
 * headers can still be added: by then the status and content type say whether the response tracks.
 * A {@code reset()} clears the headers the hook added, so it arms the hook again. Every call is
 * handed to the container's own stream or writer, so the application sees what it would see without
 * the filter (its print encoding, its {@code checkError()}, its exceptions); the hook's own
 * failures are logged, never thrown into the application's write. Not API.
 */
public final class BeforeCommit extends HttpServletResponseWrapper {
  private static final ThrottledLogger LOG = new ThrottledLogger(BeforeCommit.class);

  private final Runnable hook;
  private final Runnable afterReset;
  private volatile boolean ran;
  private Stream stream;
  private Writer writer;

  /**
   * @param hook adds the headers, once
   * @param afterReset runs after a {@code reset()} cleared the headers, before the hook is armed
   *     again
   */
  public BeforeCommit(HttpServletResponse response, Runnable hook, Runnable afterReset) {
    super(response);
    this.hook = hook;
    this.afterReset = afterReset;
  }

  /** Runs the hook if it has not run yet. */
  void run() {
    if (ran) {
      return;
    }
    synchronized (this) {
      if (ran) {
        return;
      }
      ran = true;
    }
    try {
      hook.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Snowplow: identity cookies not written: " + e, e);
    }
  }

  @Override
  public void reset() {
    super.reset();
    synchronized (this) {
      ran = false;
    }
    try {
      afterReset.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Snowplow: cookies not set again after a reset: " + e, e);
    }
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    ServletOutputStream own = super.getOutputStream();
    if (stream == null || stream.out != own) {
      stream = new Stream(own);
    }
    return stream;
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    PrintWriter own = super.getWriter();
    if (writer == null || writer.out != own) {
      writer = new Writer(own);
    }
    return writer;
  }

  @Override
  public void flushBuffer() throws IOException {
    run();
    super.flushBuffer();
  }

  /** The container's stream; every method it has of its own is handed to it. */
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
    public void print(String s) throws IOException {
      run();
      out.print(s);
    }

    @Override
    public void print(boolean b) throws IOException {
      run();
      out.print(b);
    }

    @Override
    public void print(char c) throws IOException {
      run();
      out.print(c);
    }

    @Override
    public void print(int i) throws IOException {
      run();
      out.print(i);
    }

    @Override
    public void print(long l) throws IOException {
      run();
      out.print(l);
    }

    @Override
    public void print(float f) throws IOException {
      run();
      out.print(f);
    }

    @Override
    public void print(double d) throws IOException {
      run();
      out.print(d);
    }

    @Override
    public void println() throws IOException {
      run();
      out.println();
    }

    @Override
    public void println(String s) throws IOException {
      run();
      out.println(s);
    }

    @Override
    public void println(boolean b) throws IOException {
      run();
      out.println(b);
    }

    @Override
    public void println(char c) throws IOException {
      run();
      out.println(c);
    }

    @Override
    public void println(int i) throws IOException {
      run();
      out.println(i);
    }

    @Override
    public void println(long l) throws IOException {
      run();
      out.println(l);
    }

    @Override
    public void println(float f) throws IOException {
      run();
      out.println(f);
    }

    @Override
    public void println(double d) throws IOException {
      run();
      out.println(d);
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

  /**
   * The container's writer: every method that writes ends in one of those overridden here, and
   * {@code checkError()} is the container's, which turns true when the client has gone.
   */
  private final class Writer extends PrintWriter {
    private final PrintWriter out;

    Writer(PrintWriter out) {
      super(out, false);
      this.out = out;
    }

    @Override
    public void write(int c) {
      run();
      out.write(c);
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
    public void println() {
      run();
      out.println();
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

    @Override
    public boolean checkError() {
      return out.checkError();
    }
  }
}
