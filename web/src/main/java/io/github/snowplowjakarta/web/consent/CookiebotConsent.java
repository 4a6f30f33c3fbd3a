package io.github.snowplowjakarta.web.consent;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cookiebot's {@code CookieConsent} cookie (name configurable), a JavaScript object literal such as
 * {@code {stamp:'…',necessary:true,statistics:false,…}}; {@code -1} means no consent is required
 * where the visitor is, {@code 0} that only necessary cookies are allowed. Cookiebot writes every
 * category, so a value without the configured one cannot be read.
 */
final class CookiebotConsent extends CookieSource {
  private static final int MAX_LENGTH = 4096;

  private final Pattern category;
  private final String categoryName;

  CookiebotConsent(String cookie, String category, Answers answers) {
    super("cookiebot", List.of(cookie), answers);
    this.categoryName = category;
    this.category =
        Pattern.compile("(?:^|[{,\\s])" + Pattern.quote(category) + "\\s*:\\s*(true|false)\\b");
  }

  @Override
  ConsentDecision read(String raw, ConsentRequest request) {
    if (raw.length() > MAX_LENGTH) {
      return answers.unreadable("Cookiebot cookie");
    }
    String value = ConsentRequest.decode(raw).trim();
    if (value.equals("-1")) {
      return answers.of(true, "Cookiebot: no consent required in this region");
    }
    if (value.equals("0")) {
      return answers.of(false, "Cookiebot: necessary cookies only");
    }
    Matcher matcher = category.matcher(value);
    if (!matcher.find()) {
      return answers.unreadable("Cookiebot cookie");
    }
    boolean allowed = matcher.group(1).equals("true");
    return answers.of(allowed, "Cookiebot " + categoryName + " = " + allowed);
  }
}
