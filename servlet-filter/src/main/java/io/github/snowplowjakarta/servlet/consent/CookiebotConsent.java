package io.github.snowplowjakarta.servlet.consent;

import io.github.snowplowjakarta.servlet.internal.Cookies;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cookiebot's {@code CookieConsent} cookie, a JavaScript object literal such as {@code
 * {stamp:'…',necessary:true,statistics:false,…}}; {@code -1} means no consent is required where the
 * visitor is, {@code 0} that only necessary cookies are allowed.
 */
final class CookiebotConsent implements ConsentResolver {
  private final Pattern category;
  private final String categoryName;

  CookiebotConsent(String category) {
    this.categoryName = category;
    this.category =
        Pattern.compile("(?:^|[{,\\s])" + Pattern.quote(category) + "\\s*:\\s*(true|false)");
  }

  @Override
  public Optional<ConsentDecision> resolve(ConsentRequest request) {
    String value = Cookies.decode(request.cookie("CookieConsent"));
    if (value == null || value.length() > 4096) {
      return Optional.empty();
    }
    String trimmed = value.trim();
    if (trimmed.equals("-1")) {
      return CmpAnswer.of(true, "Cookiebot: no consent required in this region");
    }
    if (trimmed.equals("0")) {
      return CmpAnswer.of(false, "Cookiebot: necessary cookies only");
    }
    Matcher matcher = category.matcher(trimmed);
    if (!matcher.find()) {
      return Optional.empty();
    }
    boolean allowed = matcher.group(1).equals("true");
    return CmpAnswer.of(allowed, "Cookiebot " + categoryName + " = " + allowed);
  }
}
