package io.github.snowplowjakarta.servlet.consent;

import io.github.snowplowjakarta.servlet.internal.Cookies;
import java.util.Optional;

/**
 * CookieYes's {@code cookieyes-consent} cookie: {@code consent:yes,action:yes,analytics:no,…}; an
 * empty {@code action} means the visitor has not decided yet.
 */
final class CookieYesConsent implements ConsentResolver {
  private final String category;

  CookieYesConsent(String category) {
    this.category = category;
  }

  @Override
  public Optional<ConsentDecision> resolve(ConsentRequest request) {
    String value = Cookies.decode(request.cookie("cookieyes-consent"));
    if (value == null) {
      return Optional.empty();
    }
    String action = null;
    String answer = null;
    for (String pair : value.split(",")) {
      int colon = pair.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = pair.substring(0, colon).trim();
      String flag = pair.substring(colon + 1).trim();
      if (key.equals("action")) {
        action = flag;
      } else if (key.equals(category)) {
        answer = flag;
      }
    }
    if (action == null || action.isEmpty() || !("yes".equals(answer) || "no".equals(answer))) {
      return Optional.empty();
    }
    return CmpAnswer.of(answer.equals("yes"), "CookieYes " + category + " = " + answer);
  }
}
