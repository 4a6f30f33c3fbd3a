package io.github.snowplowjakarta.servlet.internal;

import io.github.snowplowjakarta.servlet.consent.ConsentRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * The request's cookies read from the raw {@code Cookie} headers, values as sent: some containers
 * drop values with commas or quotes from {@code getCookies()}, and consent cookies have both. The
 * headers are scanned when a cookie is asked for, so a request allocates only the values it uses. A
 * cookie asked for by name is found wherever it stands; hostile input is bounded: headers beyond 64
 * KiB are cut ({@link #truncated()} then says so) and a prefix scan stops at the 200th cookie. Not
 * API.
 */
public final class Cookies {
  static final int MAX_HEADER_CHARS = 64 * 1024;
  private static final int MAX_PREFIX_COOKIES = 200;

  private final String header;
  private final boolean truncated;

  private Cookies(String header, boolean truncated) {
    this.header = header;
    this.truncated = truncated;
  }

  public static Cookies of(HttpServletRequest request) {
    Enumeration<String> headers = request.getHeaders("Cookie");
    String first = headers != null && headers.hasMoreElements() ? headers.nextElement() : null;
    if (first == null || !headers.hasMoreElements()) {
      return bounded(first == null ? "" : first, false);
    }
    StringBuilder all = new StringBuilder(first);
    while (headers.hasMoreElements() && all.length() <= MAX_HEADER_CHARS) {
      all.append(';').append(headers.nextElement());
    }
    return bounded(all.toString(), headers.hasMoreElements());
  }

  /** Cookies of one {@code Cookie} header value. */
  public static Cookies of(String header) {
    return bounded(header == null ? "" : header, false);
  }

  private static Cookies bounded(String header, boolean more) {
    return header.length() > MAX_HEADER_CHARS || more
        ? new Cookies(header.substring(0, Math.min(header.length(), MAX_HEADER_CHARS)), true)
        : new Cookies(header, false);
  }

  /** Whether the headers were longer than this reads: a cookie may have been missed. */
  public boolean truncated() {
    return truncated;
  }

  /** Receives a cookie found by {@link #forEachWithPrefix}. */
  @FunctionalInterface
  public interface Visitor {
    void cookie(String name, String rawValue);
  }

  /** The raw value of the first cookie with this name, or null. */
  public String raw(String name) {
    long found = find(name, 0);
    return found < 0 ? null : value(found);
  }

  /** The raw values of every cookie with this name, in header order. */
  public List<String> all(String name) {
    long found = find(name, 0);
    if (found < 0) {
      return List.of();
    }
    String first = value(found);
    long next = find(name, (int) found + 1);
    if (next < 0) {
      return List.of(first);
    }
    List<String> values = new ArrayList<>(2);
    values.add(first);
    for (; next >= 0; next = find(name, (int) next + 1)) {
      values.add(value(next));
    }
    return values;
  }

  /**
   * The next cookie named {@code name} from {@code from}: its value's start and end packed as
   * {@code start << 32 | end}, or -1.
   */
  private long find(String name, int from) {
    int length = header.length();
    int position = from;
    while (position < length) {
      int end = header.indexOf(';', position);
      if (end < 0) {
        end = length;
      }
      int nameStart = position;
      while (nameStart < end && header.charAt(nameStart) == ' ') {
        nameStart++;
      }
      if (header.startsWith(name, nameStart)) {
        int equals = nameStart + name.length();
        while (equals < end && header.charAt(equals) == ' ') {
          equals++;
        }
        if (equals < end && header.charAt(equals) == '=' && !name.isEmpty()) {
          return (long) (equals + 1) << 32 | end;
        }
      }
      position = end + 1;
    }
    return -1;
  }

  private String value(long found) {
    return value((int) (found >>> 32), (int) found);
  }

  /** Cookies whose name starts with {@code prefix}, in order, with their raw values. */
  public void forEachWithPrefix(String prefix, Visitor visitor) {
    scan(prefix, MAX_PREFIX_COOKIES, visitor);
  }

  /** Whether any cookie's name starts with {@code prefix}. */
  public boolean anyWithPrefix(String prefix) {
    boolean[] found = new boolean[1];
    scan(prefix, MAX_PREFIX_COOKIES, (n, value) -> found[0] = true);
    return found[0];
  }

  /** Shows the visitor each cookie whose name starts with {@code prefix}, among the first ones. */
  private void scan(String prefix, int maxCookies, Visitor visitor) {
    int length = header.length();
    int position = 0;
    for (int cookies = 0; position < length && cookies < maxCookies; cookies++) {
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
        if (nameEnd - nameStart >= prefix.length() && header.startsWith(prefix, nameStart)) {
          visitor.cookie(header.substring(nameStart, nameEnd), value(equals + 1, end));
        }
      }
      position = end + 1;
    }
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

  /** {@link ConsentRequest#decode}, for the filter's own cookies. */
  public static String decode(String value) {
    return ConsentRequest.decode(value);
  }
}
