package io.github.snowplowjakarta.web.consent;

import java.util.List;

/**
 * Complianz's {@code cmplz_statistics} cookie (name configurable): {@code allow} or {@code deny}.
 */
final class ComplianzConsent extends CookieSource {
  ComplianzConsent(String cookie, Answers answers) {
    super("complianz", List.of(cookie), answers);
  }

  @Override
  ConsentDecision read(String raw, ConsentRequest request) {
    String value = ConsentRequest.decode(raw).trim();
    if (value.equals("allow") || value.equals("deny")) {
      return answers.of(value.equals("allow"), "Complianz statistics = " + value);
    }
    return answers.unreadable("Complianz cookie");
  }
}
