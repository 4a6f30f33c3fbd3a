package io.github.snowplowjakarta.servlet.internal;

import io.github.snowplowjakarta.servlet.consent.ConsentRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;

/**
 * The request's cookies read from the raw {@code Cookie} headers, values as sent: some containers
 * drop values with commas or quotes from {@code getCookies()}, and consent cookies have both. The
 * headers are read when a cookie is first asked for: where its names and values stand is noted in
 * one pass (a browser's header holds a few cookies, asked for by a dozen names), and a request
 * allocates only the values it uses. A cookie asked for by name is found wherever it stands;
 * hostile input is bounded: headers beyond 64 KiB are cut ({@link #truncated()} then says so), a
 * header of more than {@value #MAX_INDEXED} cookies is scanned for each name instead of noted, and
 * a prefix scan stops at the 200th cookie. Not API.
 */
public final class Cookies {
  static final int MAX_HEADER_CHARS = 64 * 1024;
  private static final int MAX_PREFIX_COOKIES = 200;
  static final int MAX_INDEXED = 64;

  /** Where each cookie's name and value are in the header. */
  private static final class Index {
    static final Index TOO_MANY = new Index(null, 0);

    /** Per cookie, four: name start, name end, value start, value end (its ';' or the end). */
    final int[] spans;

    final int count;

    Index(int[] spans, int count) {
      this.spans = spans;
      this.count = count;
    }
  }

  private final String header;
  private final boolean truncated;
  private Index index; // made on the first lookup; its fields final, so safe to race on

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

  /**
   * The raw value of the first cookie with this name, or null. A name is compared whole, as cookie
   * names are written: without spaces at its ends or an {@code =}.
   */
  public String raw(String name) {
    Index noted = index();
    if (noted != Index.TOO_MANY) {
      int cookie = next(noted, name, 0);
      return cookie < 0 ? null : value(noted, cookie);
    }
    long found = find(name, 0);
    return found < 0 ? null : value(found);
  }

  /** The raw values of every cookie with this name, in header order. */
  public List<String> all(String name) {
    Index noted = index();
    if (noted != Index.TOO_MANY) {
      int first = next(noted, name, 0);
      if (first < 0) {
        return List.of();
      }
      int second = next(noted, name, first + 1);
      if (second < 0) {
        return List.of(value(noted, first));
      }
      List<String> values = new ArrayList<>(2);
      for (int cookie = first; cookie >= 0; cookie = next(noted, name, cookie + 1)) {
        values.add(value(noted, cookie));
      }
      return values;
    }
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

  private Index index() {
    Index noted = index;
    if (noted == null) {
      noted = noteCookies();
      index = noted;
    }
    return noted;
  }

  /**
   * Notes each cookie with a name and an {@code =}, as {@link #find} reads them: the name without
   * the spaces around it, the value from the {@code =} to the {@code ;}.
   */
  private Index noteCookies() {
    int[] spans = new int[4 * 4];
    int count = 0;
    int length = header.length();
    int position = 0;
    for (int segments = 0; position < length; segments++) {
      if (segments == MAX_INDEXED) {
        return Index.TOO_MANY;
      }
      int end = header.indexOf(';', position);
      if (end < 0) {
        end = length;
      }
      int nameStart = position;
      while (nameStart < end && header.charAt(nameStart) == ' ') {
        nameStart++;
      }
      int equals = nameStart;
      while (equals < end && header.charAt(equals) != '=') {
        equals++;
      }
      if (equals > nameStart && equals < end) {
        int nameEnd = equals;
        while (nameEnd > nameStart && header.charAt(nameEnd - 1) == ' ') {
          nameEnd--;
        }
        if (4 * count == spans.length) {
          spans = Arrays.copyOf(spans, 2 * spans.length);
        }
        spans[4 * count] = nameStart;
        spans[4 * count + 1] = nameEnd;
        spans[4 * count + 2] = equals + 1;
        spans[4 * count + 3] = end;
        count++;
      }
      position = end + 1;
    }
    return new Index(spans, count);
  }

  /** The first noted cookie from {@code from} named {@code name}, or -1. */
  private int next(Index noted, String name, int from) {
    int[] spans = noted.spans;
    for (int cookie = from; cookie < noted.count; cookie++) {
      int start = spans[4 * cookie];
      if (spans[4 * cookie + 1] - start == name.length() && header.startsWith(name, start)) {
        return cookie;
      }
    }
    return -1;
  }

  private String value(Index noted, int cookie) {
    return value(noted.spans[4 * cookie + 2], noted.spans[4 * cookie + 3]);
  }

  /** Cookies whose name starts with {@code prefix}, in order, with their raw values. */
  public void forEachWithPrefix(String prefix, Visitor visitor) {
    Index noted = index();
    if (noted == Index.TOO_MANY) {
      scan(prefix, MAX_PREFIX_COOKIES, visitor);
      return;
    }
    for (int cookie = 0; cookie < noted.count; cookie++) {
      if (hasPrefix(noted, cookie, prefix)) {
        int[] spans = noted.spans;
        visitor.cookie(
            header.substring(spans[4 * cookie], spans[4 * cookie + 1]), value(noted, cookie));
      }
    }
  }

  private boolean hasPrefix(Index noted, int cookie, String prefix) {
    int start = noted.spans[4 * cookie];
    return noted.spans[4 * cookie + 1] - start >= prefix.length()
        && header.startsWith(prefix, start);
  }

  /** Whether any cookie's name starts with {@code prefix}. */
  public boolean anyWithPrefix(String prefix) {
    Index noted = index();
    if (noted != Index.TOO_MANY) {
      for (int cookie = 0; cookie < noted.count; cookie++) {
        if (hasPrefix(noted, cookie, prefix)) {
          return true;
        }
      }
      return false;
    }
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
