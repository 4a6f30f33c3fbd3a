package io.github.snowplowjakarta.web.consent;

import java.util.List;

/**
 * CookieYes's {@code cookieyes-consent} cookie (name configurable): {@code
 * consentid:…,consent:yes,action:yes,necessary:yes,analytics:no,…}. CookieYes sets {@code
 * action:yes} once the visitor has acted on the banner; before that the categories are only the
 * banner's defaults. So only {@code action:yes} makes the cookie decide: an empty {@code action},
 * {@code action:no} or none at all decides nothing. Once decided, a category value other than
 * {@code yes} or {@code no} cannot be read.
 */
final class CookieYesConsent extends CookieSource {
  private final String category;

  CookieYesConsent(String cookie, String category, Answers answers) {
    super("cookieyes", List.of(cookie), answers);
    this.category = category;
  }

  @Override
  ConsentDecision read(String raw, ConsentRequest request) {
    String action = null;
    String answer = null;
    for (String pair : ConsentRequest.decode(raw).split(",")) {
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
    if (!"yes".equals(action)) {
      return null;
    }
    if (!("yes".equals(answer) || "no".equals(answer))) {
      return answers.unreadable("CookieYes cookie");
    }
    return answers.of(answer.equals("yes"), "CookieYes " + category + " = " + answer);
  }
}
