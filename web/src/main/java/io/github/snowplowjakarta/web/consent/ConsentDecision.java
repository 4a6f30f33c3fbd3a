package io.github.snowplowjakarta.web.consent;

import io.github.snowplowjakarta.core.Anonymisation;
import java.util.Objects;

/**
 * How anonymous one request's tracking must be, and why.
 *
 * @param anonymisation the level and server flag
 * @param reason what decided it, such as {@code OneTrust group C0002 = 0}, for the page that shows
 *     it and for logs; never a cookie value
 */
public record ConsentDecision(Anonymisation anonymisation, String reason) {
  // equals, hashCode and toString are written out: on Java 17 a record's generated ones can
  // keep its class loader alive (see Anonymisation).
  @Override
  public boolean equals(Object other) {
    return other instanceof ConsentDecision that
        && Objects.equals(anonymisation, that.anonymisation)
        && Objects.equals(reason, that.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(anonymisation, reason);
  }

  @Override
  public String toString() {
    return "ConsentDecision[" + "anonymisation=" + anonymisation + ", reason=" + reason + "]";
  }
}
