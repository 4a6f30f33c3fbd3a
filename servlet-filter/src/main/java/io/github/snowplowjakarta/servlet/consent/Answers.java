package io.github.snowplowjakarta.servlet.consent;

import io.github.snowplowjakarta.core.Anonymisation;

/**
 * What a consent platform's yes and no to analytics mean for tracking: {@code
 * snowplow.consent.granted-level} (default full) and {@code snowplow.consent.refused-level}
 * (default anonymous with server anonymisation). A signal present but unreadable counts as a no.
 */
record Answers(Anonymisation granted, Anonymisation refused) {
  static final Answers DEFAULT =
      new Answers(Anonymisation.FULL_TRACKING, Anonymisation.ANONYMOUS_SERVER);

  ConsentDecision of(boolean allowed, String reason) {
    return new ConsentDecision(allowed ? granted : refused, reason);
  }

  ConsentDecision unreadable(String what) {
    return new ConsentDecision(refused, what + " present but unreadable");
  }
}
