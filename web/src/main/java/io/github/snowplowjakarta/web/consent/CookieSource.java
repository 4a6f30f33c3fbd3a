package io.github.snowplowjakarta.web.consent;

import io.github.snowplowjakarta.core.Anonymisation;
import java.util.List;
import java.util.Optional;

/**
 * A source that reads one or more cookies by name. Every value sent under those names is read (a
 * stale duplicate must not outvote a newer one) and the most restrictive decision wins; a value
 * whose reading throws counts as unreadable.
 */
abstract class CookieSource implements ConsentSource {
  private final String name;
  private final List<String> cookieNames;
  final Answers answers;

  CookieSource(String name, List<String> cookieNames, Answers answers) {
    this.name = name;
    this.cookieNames = List.copyOf(cookieNames);
    this.answers = answers;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public final Optional<ConsentDecision> decide(ConsentRequest request) {
    ConsentDecision result = null;
    // Indexed loops: every request asks every source, and an iterator each is garbage.
    for (int i = 0; i < cookieNames.size(); i++) {
      String cookie = cookieNames.get(i);
      List<String> values = request.cookies(cookie);
      for (int j = 0; j < values.size(); j++) {
        String raw = values.get(j);
        ConsentDecision decision;
        try {
          decision = read(raw, request);
        } catch (RuntimeException e) {
          decision = answers.unreadable(cookie);
        }
        result = ConsentPolicy.moreRestrictive(result, decision);
      }
    }
    return Optional.ofNullable(result);
  }

  @Override
  public boolean readsOnlyCookiesAndHeaders() {
    return true;
  }

  /** The most restrictive answer this source can give. */
  Anonymisation strictest() {
    return answers.refused();
  }

  /**
   * The decision one cookie value makes: null when it decides nothing (no choice made yet), {@link
   * Answers#unreadable} when it cannot be read.
   */
  abstract ConsentDecision read(String raw, ConsentRequest request);
}
