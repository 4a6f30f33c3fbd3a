package io.github.snowplowjakarta.web.consent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** What a consent source may look at: the request's cookies, raw, its headers, the request. */
public interface ConsentRequest {
  /**
   * The values of every cookie with this name, as sent (still percent-encoded), in the order of the
   * {@code Cookie} header, wherever they stand in it; empty if there is none. A browser sends the
   * older of two same-named cookies first, so a source should read them all.
   */
  List<String> cookies(String name);

  /** The first value of the cookie with this name, as sent, or null. */
  default String cookie(String name) {
    List<String> values = cookies(name);
    return values.isEmpty() ? null : values.get(0);
  }

  /** The first value of the header, or null. */
  String header(String name);

  /**
   * The framework's own request, for a source that reads the application's own record (a session
   * attribute, say): under the servlet filter, {@code unwrap(HttpServletRequest.class)}. Empty
   * where consent is decided without one, or the request is not of that type.
   */
  default <T> Optional<T> unwrap(Class<T> type) {
    return Optional.empty();
  }

  /**
   * Percent-decodes a cookie value as UTF-8 without turning {@code +} into a space, leaving a
   * malformed escape as it is and replacing malformed UTF-8 with U+FFFD; null stays null.
   */
  static String decode(String value) {
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
