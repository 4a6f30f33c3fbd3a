package io.github.snowplowjakarta.servlet.consent;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.servlet.internal.Cookies;
import java.util.Map;
import java.util.Optional;

/** The application's own consent cookie: each known value maps to a level. */
final class AppCookieConsent implements ConsentResolver {
  private final String name;
  private final Map<String, Anonymisation> levels;

  AppCookieConsent(String name, Map<String, Anonymisation> levels) {
    this.name = name;
    this.levels = Map.copyOf(levels);
  }

  @Override
  public Optional<ConsentDecision> resolve(ConsentRequest request) {
    String value = Cookies.decode(request.cookie(name));
    Anonymisation level = value == null ? null : levels.get(value.trim());
    return level == null
        ? Optional.empty()
        : Optional.of(new ConsentDecision(level, "cookie " + name + " = " + value.trim()));
  }
}
