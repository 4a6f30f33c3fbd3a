package io.github.snowplowjakarta.web.consent;

import io.github.snowplowjakarta.core.Anonymisation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's own consent cookie: each known value maps to a level ({@code off} included). A
 * value that maps to nothing counts as the most restrictive of the mapped levels.
 */
final class AppCookieConsent extends CookieSource {
  /** The decision of each known value, made once: every request with the cookie asks. */
  private final Map<String, ConsentDecision> decisions;

  private final ConsentDecision unreadable;
  private final Anonymisation strictest;

  AppCookieConsent(String cookie, Map<String, Anonymisation> levels) {
    super("cookie", List.of(cookie), Answers.DEFAULT);
    Map<String, ConsentDecision> decisions = new HashMap<>();
    Anonymisation strictest = null;
    for (Map.Entry<String, Anonymisation> level : levels.entrySet()) {
      decisions.put(
          level.getKey(),
          new ConsentDecision(level.getValue(), "cookie " + cookie + " = " + level.getKey()));
      strictest =
          strictest == null ? level.getValue() : Levels.mostAnonymous(strictest, level.getValue());
    }
    this.decisions = Map.copyOf(decisions);
    this.strictest = strictest == null ? Anonymisation.ANONYMOUS_SERVER : strictest;
    this.unreadable =
        new ConsentDecision(this.strictest, "cookie " + cookie + " present but unreadable");
  }

  @Override
  Anonymisation strictest() {
    return strictest;
  }

  @Override
  ConsentDecision read(String raw, ConsentRequest request) {
    ConsentDecision decision = decisions.get(ConsentRequest.decode(raw).trim());
    return decision == null ? unreadable : decision;
  }
}
