package io.github.snowplowjakarta.web.internal;

import io.github.snowplowjakarta.web.WebResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Reads the page title from the HTML a response sends, from what the adapter feeds it as the body
 * goes out: bytes (decoded in the response's charset, or the one the document declares) or
 * characters, never both. It keeps a copy of the start of the document, at most {@link #LIMIT}
 * bytes or characters, until the title has been closed; the title is read from that copy once, when
 * the page view is tracked. The adapter hands the body on unchanged and feeds a copy; after {@link
 * #closed()} is true, feeding does nothing, so it can stop. Not API.
 */
public final class TitleScanner {
  /** The most of a document's start that is kept to find its title. */
  static final int LIMIT = 32 * 1024;

  /**
   * The least the first copy holds: a page written in one go gets an array of its own size (up to
   * the limit), not 2 KiB for a 50-byte page, and small first writes leave room for a few more.
   */
  private static final int FIRST_SIZE = 256;

  private static final int MAX_ATTEMPTS = 4;

  private final WebResponse response;
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

  /**
   * Scans the body of {@code response}, whose content type names the charset of bytes fed, if a
   * document of that type ({@code tracksContentType}) or of one not known yet.
   */
  public TitleScanner(WebResponse response, Predicate<String> tracksContentType) {
    this.response = response;
    this.tracksContentType = tracksContentType;
  }

  /**
   * Whether the body is worth scanning: its content type, asked when the body starts, is a tracked
   * one, or not set yet.
   */
  public boolean wanted() {
    String type = response.contentType();
    return type == null || tracksContentType.test(type);
  }

  /** Whether nothing more is needed: feeding now does nothing. */
  public boolean closed() {
    return closed;
  }

  /**
   * The charset the response declares, else ISO-8859-1 (HTTP's default): for an adapter that
   * encodes text it feeds as bytes.
   */
  public Charset charset() {
    Charset charset = HtmlTitle.charsetOf(response.contentType());
    return charset != null ? charset : StandardCharsets.ISO_8859_1;
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
          title = HtmlTitle.of(bytes, length, response.contentType());
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

  /** Bytes of the body, as sent. Ignored once characters were fed. */
  public synchronized void feed(byte[] source, int offset, int count) {
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
                    || (found = HtmlTitle.of(bytes, length, response.contentType())) != null));
  }

  /** Characters of the body, as written. Ignored once bytes were fed. */
  public synchronized void feed(CharSequence source, int offset, int count) {
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

  /** The document starts again (a servlet {@code reset()} or {@code resetBuffer()}). */
  public synchronized void restart() {
    if (!read) {
      length = 0;
      attempts = 0;
      found = null;
      closed = false;
      bytes = null;
      chars = null;
    }
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
}
