package io.github.snowplowjakarta.servlet.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Reads the page title from the HTML a response sends, as it goes out. The application writes
 * through wrappers that hand every call straight on to the container's stream or writer first (so
 * nothing is held back, reordered or changed, and flushes, commits and errors happen as without
 * them) and then copy the start of the document, at most {@link #LIMIT} bytes or characters, until
 * the title has been closed. The title is read from that copy once, when the page view is tracked.
 * The request is wrapped too, only so that an async cycle started on it writes through the same
 * wrappers. Not API.
 */
public final class TitleCapture {
  /** The most of a document's start that is kept to find its title. */
  static final int LIMIT = 32 * 1024;

  /**
   * The least the first copy holds: a page written in one go gets an array of its own size (up to
   * the limit), not 2 KiB for a 50-byte page, and small first writes leave room for a few more.
   */
  private static final int FIRST_SIZE = 256;

  private static final int MAX_ATTEMPTS = 4;
  private static final String LINE_SEPARATOR = System.lineSeparator();
  private static final byte[] CRLF = {'\r', '\n'};

  private final Response response;
  private final Request request;
  private final Predicate<String> tracksContentType;
  private byte[] bytes; // guarded by this
  private char[] chars; // guarded by this
  private int length; // guarded by this

  /**
   * The title is complete, cannot be any more, or was read: written under the lock, read without it
   * too, so that the writes after the head (most of a page) cost a field read and no lock.
   */
  private volatile boolean closed;

  private int attempts; // guarded by this
  private String found; // guarded by this: the title, once copying stopped after it
  private boolean read; // guarded by this
  private String title; // guarded by this

  /** Captures the title of responses of a type {@code tracksContentType} accepts, or unknown. */
  public TitleCapture(
      HttpServletRequest request,
      HttpServletResponse response,
      Predicate<String> tracksContentType) {
    this.response = new Response(response);
    this.request = new Request(request, this.response);
    this.tracksContentType = tracksContentType;
  }

  public HttpServletRequest request() {
    return request;
  }

  public HttpServletResponse response() {
    return response;
  }

  /** The document's title, or null: read once, when first asked. */
  public synchronized String title() {
    if (!read) {
      read = true;
      closed = true;
      try {
        if (found != null) {
          title = found;
        } else if (bytes != null) {
          title = HtmlTitle.of(bytes, length, response.getContentType());
        } else if (chars != null) {
          title = HtmlTitle.of(new String(chars, 0, length));
        }
      } catch (RuntimeException e) {
        title = null;
      }
      bytes = null;
      chars = null;
    }
    return title;
  }

  private boolean capturing() {
    String type = response.getContentType();
    return type == null || tracksContentType.test(type);
  }

  private synchronized void copy(byte[] source, int offset, int count) {
    if (closed || count <= 0 || chars != null) {
      return;
    }
    int n = Math.min(count, LIMIT - length);
    if (bytes == null) {
      bytes = new byte[Math.max(FIRST_SIZE, Math.min(n, LIMIT))];
    } else if (length + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.min(LIMIT, Math.max(bytes.length * 2, length + n)));
    }
    System.arraycopy(source, offset, bytes, length, n);
    int from = Math.max(0, length - 6);
    length += n;
    Marker marker = marker(bytes, from, length);
    closed =
        length == LIMIT
            || marker == Marker.BODY
            || (marker == Marker.END_OF_TITLE
                && (++attempts > MAX_ATTEMPTS
                    || (found = HtmlTitle.of(bytes, length, response.getContentType())) != null));
  }

  private synchronized void copy(CharSequence source, int offset, int count) {
    if (closed || count <= 0 || bytes != null) {
      return;
    }
    int n = Math.min(count, LIMIT - length);
    if (chars == null) {
      chars = new char[Math.max(FIRST_SIZE, Math.min(n, LIMIT))];
    } else if (length + n > chars.length) {
      chars = Arrays.copyOf(chars, Math.min(LIMIT, Math.max(chars.length * 2, length + n)));
    }
    if (source instanceof String string) {
      string.getChars(offset, offset + n, chars, length);
    } else {
      for (int i = 0; i < n; i++) {
        chars[length + i] = source.charAt(offset + i);
      }
    }
    int from = Math.max(0, length - 6);
    length += n;
    Marker marker = marker(chars, from, length);
    closed =
        length == LIMIT
            || marker == Marker.BODY
            || (marker == Marker.END_OF_TITLE
                && (++attempts > MAX_ATTEMPTS
                    || (found = HtmlTitle.of(new String(chars, 0, length))) != null));
  }

  /**
   * What starts in this range: {@code <body} (nothing after it is copied: the title is in the
   * head), or {@code </title}, after which the copy so far is read for a title (not found if that
   * tag was in a comment or script; tried {@link #MAX_ATTEMPTS} times at most), or neither.
   */
  private enum Marker {
    NONE,
    END_OF_TITLE,
    BODY
  }

  private static Marker marker(byte[] data, int from, int to) {
    for (int i = from; i < to; i++) {
      if (data[i] == '<') {
        if (matches(data, i + 1, to, "body")) {
          return Marker.BODY;
        }
        if (matches(data, i + 1, to, "/title")) {
          return Marker.END_OF_TITLE;
        }
      }
    }
    return Marker.NONE;
  }

  private static Marker marker(char[] data, int from, int to) {
    for (int i = from; i < to; i++) {
      if (data[i] == '<') {
        if (matches(data, i + 1, to, "body")) {
          return Marker.BODY;
        }
        if (matches(data, i + 1, to, "/title")) {
          return Marker.END_OF_TITLE;
        }
      }
    }
    return Marker.NONE;
  }

  private static boolean matches(byte[] data, int at, int to, String lowerCase) {
    if (at + lowerCase.length() > to) {
      return false;
    }
    for (int i = 0; i < lowerCase.length(); i++) {
      if (Character.toLowerCase((char) (data[at + i] & 0xff)) != lowerCase.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(char[] data, int at, int to, String lowerCase) {
    if (at + lowerCase.length() > to) {
      return false;
    }
    for (int i = 0; i < lowerCase.length(); i++) {
      if (Character.toLowerCase(data[at + i]) != lowerCase.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The document starts again: after {@code reset()} or {@code resetBuffer()}. */
  private synchronized void restart() {
    if (!read) {
      length = 0;
      attempts = 0;
      found = null;
      closed = false;
      bytes = null;
      chars = null;
    }
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
        stream = capturing() ? new CapturingStream(own) : own;
      }
      return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      PrintWriter own = super.getWriter();
      if (writer == null) {
        writer = capturing() ? new CapturingWriter(own) : own;
      }
      return writer;
    }

    @Override
    public void reset() {
      super.reset();
      restart();
    }

    @Override
    public void resetBuffer() {
      super.resetBuffer();
      restart();
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
      if (!closed) {
        copy(new byte[] {(byte) b}, 0, 1);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      if (!closed) {
        copy(b, off, len);
      }
    }

    @Override
    public void print(String s) throws IOException {
      out.print(s);
      if (!closed) {
        byte[] encoded = String.valueOf(s).getBytes(charset());
        copy(encoded, 0, encoded.length);
      }
    }

    @Override
    public void println() throws IOException {
      out.println();
      if (!closed) {
        copy(CRLF, 0, CRLF.length);
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

    private Charset charset() {
      Charset charset = HtmlTitle.charsetOf(response.getContentType());
      return charset != null ? charset : StandardCharsets.ISO_8859_1;
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
      if (!closed) {
        copy(String.valueOf((char) c), 0, 1);
      }
    }

    @Override
    public void write(char[] buf, int off, int len) {
      out.write(buf, off, len);
      if (!closed) {
        copy(java.nio.CharBuffer.wrap(buf), off, len);
      }
    }

    @Override
    public void write(String s, int off, int len) {
      out.write(s, off, len);
      if (!closed) {
        copy(s, off, len);
      }
    }

    @Override
    public void println() {
      out.println();
      if (!closed) {
        copy(LINE_SEPARATOR, 0, LINE_SEPARATOR.length());
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
