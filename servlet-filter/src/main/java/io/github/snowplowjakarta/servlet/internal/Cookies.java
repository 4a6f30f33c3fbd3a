package io.github.snowplowjakarta.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request's cookies read from the raw {@code Cookie} headers, values as sent: some containers
 * drop values with commas or quotes from {@code getCookies()}, and consent cookies have both.
 * Hostile input is bounded: headers beyond 16 KiB and more than 200 cookies are ignored. Not API.
 */
public final class Cookies {
  private static final int MAX_HEADER_CHARS = 16 * 1024;
  private static final int MAX_COOKIES = 200;

  private final Map<String, String> values;

  private Cookies(Map<String, String> values) {
    this.values = values;
  }

  public static Cookies of(HttpServletRequest request) {
    Map<String, String> values = new LinkedHashMap<>();
    Enumeration<String> headers = request.getHeaders("Cookie");
    int budget = MAX_HEADER_CHARS;
    while (headers != null && headers.hasMoreElements() && budget > 0) {
      String header = headers.nextElement();
      if (header == null) {
        continue;
      }
      String text = header.length() > budget ? header.substring(0, budget) : header;
      budget -= text.length();
      for (String pair : text.split(";")) {
        int equals = pair.indexOf('=');
        if (equals <= 0 || values.size() >= MAX_COOKIES) {
          continue;
        }
        String name = pair.substring(0, equals).trim();
        String value = pair.substring(equals + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        values.putIfAbsent(name, value);
      }
    }
    return new Cookies(values);
  }

  /** The raw value of the cookie, or null. */
  public String raw(String name) {
    return values.get(name);
  }

  /** Every cookie whose name starts with {@code prefix}, raw values. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> matching = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> {
          if (name.startsWith(prefix)) {
            matching.put(name, value);
          }
        });
    return matching.isEmpty() ? Collections.emptyMap() : matching;
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
