package io.github.snowplowjakarta.servlet.consent;

import java.util.Optional;

/**
 * One source of consent. A resolver either decides (the first that does wins) or caps (every cap
 * that applies can only make the decision more anonymous). A resolver must not throw on malformed
 * input: it returns empty, and the next source is asked.
 */
public interface ConsentResolver {
  /** The decision this source makes for the request, or empty when it has nothing to say. */
  Optional<ConsentDecision> resolve(ConsentRequest request);

  /** Whether this source only ever lowers the level, like Global Privacy Control. */
  default boolean isCap() {
    return false;
  }
}
