package io.github.snowplowjakarta.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * The request's cookies read from the raw {@code Cookie} headers, values as sent: some containers
 * drop values with commas or quotes from {@code getCookies()}, and consent cookies have both. The
 * headers are scanned when a cookie is asked for, so a request allocates only the values it uses.
 * Hostile input is bounded: headers beyond 16 KiB and cookies beyond the 200th are ignored. Not
 * API.
 */
public final class Cookies {
  private static final int MAX_HEADER_CHARS = 16 * 1024;
  private static final int MAX_COOKIES = 200;

  private final String header;

  private Cookies(String header) {
    this.header = header;
  }

  public static Cookies of(HttpServletRequest request) {
    Enumeration<String> headers = request.getHeaders("Cookie");
    String first = headers != null && headers.hasMoreElements() ? headers.nextElement() : null;
    if (first == null || !headers.hasMoreElements()) {
      return new Cookies(bounded(first == null ? "" : first));
    }
    StringBuilder all = new StringBuilder(first);
    while (headers.hasMoreElements() && all.length() < MAX_HEADER_CHARS) {
      all.append(';').append(headers.nextElement());
    }
    return new Cookies(bounded(all.toString()));
  }

  private static String bounded(String header) {
    return header.length() > MAX_HEADER_CHARS ? header.substring(0, MAX_HEADER_CHARS) : header;
  }

  /** Receives a cookie found by {@link #forEachWithPrefix}. */
  @FunctionalInterface
  public interface Visitor {
    void cookie(String name, String rawValue);
  }

  /** The raw value of the first cookie with this name, or null. */
  public String raw(String name) {
    return scan(name, true, null);
  }

  /** Every cookie whose name starts with {@code prefix}, in order, with its raw value. */
  public void forEachWithPrefix(String prefix, Visitor visitor) {
    scan(prefix, false, visitor);
  }

  /** Whether any cookie's name starts with {@code prefix}. */
  public boolean anyWithPrefix(String prefix) {
    return scan(prefix, false, null) != null;
  }

  /**
   * Finds the cookies named {@code wanted}, or starting with it: without a visitor, returns the
   * first one's value; with one, shows it each and returns null.
   */
  private String scan(String wanted, boolean exact, Visitor visitor) {
    int length = header.length();
    int position = 0;
    for (int cookies = 0; position < length && cookies < MAX_COOKIES; cookies++) {
      int end = header.indexOf(';', position);
      if (end < 0) {
        end = length;
      }
      int nameStart = position;
      while (nameStart < end && header.charAt(nameStart) == ' ') {
        nameStart++;
      }
      int equals = header.indexOf('=', nameStart);
      if (equals > nameStart && equals < end) {
        int nameEnd = equals;
        while (nameEnd > nameStart && header.charAt(nameEnd - 1) == ' ') {
          nameEnd--;
        }
        int nameLength = nameEnd - nameStart;
        boolean matches =
            exact
                ? nameLength == wanted.length() && header.startsWith(wanted, nameStart)
                : nameLength >= wanted.length() && header.startsWith(wanted, nameStart);
        if (matches) {
          if (visitor == null) {
            return value(equals + 1, end);
          }
          visitor.cookie(header.substring(nameStart, nameEnd), value(equals + 1, end));
        }
      }
      position = end + 1;
    }
    return null;
  }

  private String value(int from, int to) {
    int start = from;
    int end = to;
    while (start < end && header.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && header.charAt(end - 1) <= ' ') {
      end--;
    }
    if (end - start >= 2 && header.charAt(start) == '"' && header.charAt(end - 1) == '"') {
      start++;
      end--;
    }
    return header.substring(start, end);
  }

  /**
   * Percent-decodes {@code value} as UTF-8 without turning {@code +} into a space, leaving a
   * malformed escape as it is and replacing malformed UTF-8 with U+FFFD.
   */
  public static String decode(String value) {
    if (value == null || value.indexOf('%') < 0) {
      return value;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '%' && i + 2 < value.length()) {
        int high = Character.digit(value.charAt(i + 1), 16);
        int low = Character.digit(value.charAt(i + 2), 16);
        if (high >= 0 && low >= 0) {
          bytes.write(high << 4 | low);
          i += 3;
          continue;
        }
      }
      int codePoint = value.codePointAt(i);
      byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
      bytes.write(encoded, 0, encoded.length);
      i += Character.charCount(codePoint);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
