package io.github.snowplowjakarta.servlet.consent;

import io.github.snowplowjakarta.core.Anonymisation;
import java.util.Optional;

/** What a consent platform's yes or no to analytics means for tracking. */
final class CmpAnswer {
  private CmpAnswer() {}

  static Optional<ConsentDecision> of(boolean analyticsAllowed, String reason) {
    return Optional.of(
        new ConsentDecision(
            analyticsAllowed ? Anonymisation.FULL_TRACKING : Anonymisation.ANONYMOUS_SERVER,
            reason));
  }
}
