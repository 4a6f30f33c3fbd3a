package io.github.snowplowjakarta.servlet.consent;

import io.github.snowplowjakarta.core.Anonymisation;
import java.util.List;
import java.util.Map;

/**
 * The application's own consent cookie: each known value maps to a level ({@code off} included). A
 * value that maps to nothing counts as the most restrictive of the mapped levels.
 */
final class AppCookieConsent extends CookieSource {
  private final String cookie;
  private final Map<String, Anonymisation> levels;
  private final Anonymisation strictest;

  AppCookieConsent(String cookie, Map<String, Anonymisation> levels) {
    super("cookie", List.of(cookie), Answers.DEFAULT);
    this.cookie = cookie;
    this.levels = Map.copyOf(levels);
    Anonymisation strictest = null;
    for (Anonymisation level : levels.values()) {
      strictest = strictest == null ? level : Levels.mostAnonymous(strictest, level);
    }
    this.strictest = strictest == null ? Anonymisation.ANONYMOUS_SERVER : strictest;
  }

  @Override
  Anonymisation strictest() {
    return strictest;
  }

  @Override
  ConsentDecision read(String raw, ConsentRequest request) {
    String value = ConsentRequest.decode(raw).trim();
    Anonymisation level = levels.get(value);
    return level == null
        ? new ConsentDecision(strictest, "cookie " + cookie + " present but unreadable")
        : new ConsentDecision(level, "cookie " + cookie + " = " + value);
  }
}
