package io.github.snowplowjakarta.web.internal;

import io.github.snowplowjakarta.web.WebRequest;
import io.github.snowplowjakarta.web.consent.ConsentRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The request's cookies read from the raw {@code Cookie} headers, values as sent: some containers
 * drop values with commas or quotes from {@code getCookies()}, and consent cookies have both. The
 * headers are read when a cookie is first asked for: where each name and value stands is noted in
 * one pass (a browser's header holds a few cookies, asked for by a dozen names, each then a
 * comparison), and a request allocates only the values it uses. A cookie asked for by name is found
 * wherever it stands; hostile input is bounded: headers beyond 64 KiB are cut ({@link #truncated()}
 * then says so) and a prefix scan stops at the 200th cookie. Not API.
 */
public final class Cookies {
  static final int MAX_HEADER_CHARS = 64 * 1024;
  private static final int MAX_PREFIX_COOKIES = 200;

  private final String header;
  private final boolean truncated;

  private Noted noted; // on the first lookup; its fields final, so two threads may race to note

  /**
   * Where each cookie stands: per cookie, four offsets into the header (name start, name end, value
   * start, value end: its {@code ;} or the end of the header).
   */
  private static final class Noted {
    final int[] spans;
    final int count;

    Noted(int[] spans, int count) {
      this.spans = spans;
      this.count = count;
    }

    int nameStart(int cookie) {
      return spans[4 * cookie];
    }

    int nameLength(int cookie) {
      return spans[4 * cookie + 1] - spans[4 * cookie];
    }
  }

  private Cookies(String header, boolean truncated) {
    this.header = header;
    this.truncated = truncated;
  }

  public static Cookies of(WebRequest request) {
    List<String> headers = request.headers("Cookie");
    if (headers.size() <= 1) {
      return bounded(headers.isEmpty() ? "" : headers.get(0), false);
    }
    StringBuilder all = new StringBuilder(headers.get(0));
    int i = 1;
    while (i < headers.size() && all.length() <= MAX_HEADER_CHARS) {
      all.append(';').append(headers.get(i++));
    }
    return bounded(all.toString(), i < headers.size());
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
    Noted noted = noted();
    int cookie = next(noted, name, 0);
    return cookie < 0 ? null : value(noted, cookie);
  }

  /** The raw values of every cookie with this name, in header order. */
  public List<String> all(String name) {
    Noted noted = noted();
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

  /** Cookies whose name starts with {@code prefix}, among the first 200, with their raw values. */
  public void forEachWithPrefix(String prefix, Visitor visitor) {
    Noted noted = noted();
    int count = Math.min(noted.count, MAX_PREFIX_COOKIES);
    for (int cookie = 0; cookie < count; cookie++) {
      if (hasPrefix(noted, cookie, prefix)) {
        int start = noted.nameStart(cookie);
        visitor.cookie(
            header.substring(start, start + noted.nameLength(cookie)), value(noted, cookie));
      }
    }
  }

  /** Whether any of the first 200 cookies has a name that starts with {@code prefix}. */
  public boolean anyWithPrefix(String prefix) {
    Noted noted = noted();
    int count = Math.min(noted.count, MAX_PREFIX_COOKIES);
    for (int cookie = 0; cookie < count; cookie++) {
      if (hasPrefix(noted, cookie, prefix)) {
        return true;
      }
    }
    return false;
  }

  private Noted noted() {
    Noted found = noted;
    if (found == null) {
      found = noteCookies();
      noted = found;
    }
    return found;
  }

  /**
   * Each cookie with a name and an {@code =}: the name without the spaces around it, the value from
   * the {@code =} to the {@code ;}. Segments without either are skipped.
   */
  private Noted noteCookies() {
    int[] noted = new int[4 * 4];
    int count = 0;
    int length = header.length();
    int position = 0;
    while (position < length) {
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
        if (4 * count == noted.length) {
          noted = Arrays.copyOf(noted, 2 * noted.length);
        }
        noted[4 * count] = nameStart;
        noted[4 * count + 1] = nameEnd;
        noted[4 * count + 2] = equals + 1;
        noted[4 * count + 3] = end;
        count++;
      }
      position = end + 1;
    }
    return new Noted(noted, count);
  }

  /** The first cookie from {@code from} named {@code name}, or -1. */
  private int next(Noted noted, String name, int from) {
    for (int cookie = from; cookie < noted.count; cookie++) {
      if (noted.nameLength(cookie) == name.length()
          && header.startsWith(name, noted.nameStart(cookie))) {
        return cookie;
      }
    }
    return -1;
  }

  private boolean hasPrefix(Noted noted, int cookie, String prefix) {
    return noted.nameLength(cookie) >= prefix.length()
        && header.startsWith(prefix, noted.nameStart(cookie));
  }

  private String value(Noted noted, int cookie) {
    return value(noted.spans[4 * cookie + 2], noted.spans[4 * cookie + 3]);
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
