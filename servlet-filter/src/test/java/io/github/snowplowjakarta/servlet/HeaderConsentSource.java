package io.github.snowplowjakarta.servlet;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.web.consent.ConsentDecision;
import io.github.snowplowjakarta.web.consent.ConsentRequest;
import io.github.snowplowjakarta.web.consent.ConsentSource;
import java.util.Optional;

/**
 * An application's own consent source, found through the ServiceLoader entry in the test resources:
 * the {@code X-Test-Consent} header, {@code yes} or {@code no}.
 */
public final class HeaderConsentSource implements ConsentSource {
  @Override
  public String name() {
    return "test-header";
  }

  @Override
  public Optional<ConsentDecision> decide(ConsentRequest request) {
    String value = request.header("X-Test-Consent");
    if ("yes".equals(value)) {
      return Optional.of(new ConsentDecision(Anonymisation.FULL_TRACKING, "test header yes"));
    }
    if ("no".equals(value)) {
      return Optional.of(new ConsentDecision(Anonymisation.ANONYMOUS_SERVER, "test header no"));
    }
    return Optional.empty();
  }

  @Override
  public boolean readsOnlyCookiesAndHeaders() {
    return true;
  }
}
