package io.github.snowplowjakarta.web.consent;

import io.github.snowplowjakarta.core.Anonymisation;
import java.util.Objects;

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

  // equals, hashCode and toString are written out: on Java 17 a record's generated ones can
  // keep its class loader alive (see Anonymisation).
  @Override
  public boolean equals(Object other) {
    return other instanceof Answers that
        && Objects.equals(granted, that.granted)
        && Objects.equals(refused, that.refused);
  }

  @Override
  public int hashCode() {
    return Objects.hash(granted, refused);
  }

  @Override
  public String toString() {
    return "Answers[" + "granted=" + granted + ", refused=" + refused + "]";
  }
}
