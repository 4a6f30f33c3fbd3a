package io.github.snowplowjakarta.web.consent;

import io.github.snowplowjakarta.web.internal.Cookies;
import java.util.List;
import java.util.Map;

/** Consent requests made from a {@code Cookie} header and other headers, for unit tests. */
final class Requests {
  private Requests() {}

  static ConsentRequest of(String cookieHeader, String... headers) {
    Cookies cookies = Cookies.of(cookieHeader);
    Map<String, String> other = new java.util.HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      other.put(headers[i].toLowerCase(java.util.Locale.ROOT), headers[i + 1]);
    }
    return new ConsentRequest() {
      @Override
      public List<String> cookies(String name) {
        return cookies.all(name);
      }

      @Override
      public String header(String name) {
        return other.get(name.toLowerCase(java.util.Locale.ROOT));
      }
    };
  }
}
