package io.github.snowplowjakarta.servlet.consent;

import java.util.Optional;

/** Complianz's {@code cmplz_statistics} cookie: {@code allow} or {@code deny}. */
final class ComplianzConsent implements ConsentResolver {
  @Override
  public Optional<ConsentDecision> resolve(ConsentRequest request) {
    String value = request.cookie("cmplz_statistics");
    if ("allow".equals(value) || "deny".equals(value)) {
      return CmpAnswer.of(value.equals("allow"), "Complianz statistics = " + value);
    }
    return Optional.empty();
  }
}
