package io.github.snowplowjakarta.web.consent;

import io.github.snowplowjakarta.core.Anonymisation;
import java.util.Objects;

/**
 * How anonymous one request's tracking must be, and why.
 *
 * @param anonymisation the level and server flag
 * @param reason what decided it, such as {@code OneTrust group C0002 = 0}, for the page that shows
 *     it and for logs; never a cookie value
 * @param source the name of what decided the level, for figures: the {@link ConsentSource#name()}
 *     of the source whose decision won ({@code onetrust}, {@code cookie}), or of the cap that
 *     lowered it ({@code gpc}), or of the source that failed; {@link #DEFAULT} when none decided,
 *     {@link #UNREADABLE} when the cookies could not be read. {@link ConsentPolicy} sets it; a
 *     source's own decision may leave it null.
 */
public record ConsentDecision(Anonymisation anonymisation, String reason, String source) {
  /** The source of a decision no source made: the configured default level. */
  public static final String DEFAULT = "default";

  /** The source of a decision for a request whose cookies could not all be read. */
  public static final String UNREADABLE = "unreadable";

  /** A decision with no source named: what a {@link ConsentSource} returns. */
  public ConsentDecision(Anonymisation anonymisation, String reason) {
    this(anonymisation, reason, null);
  }

  /** This decision, said to be {@code source}'s. */
  public ConsentDecision from(String source) {
    return Objects.equals(source, this.source)
        ? this
        : new ConsentDecision(anonymisation, reason, source);
  }

  // equals, hashCode and toString are written out: on Java 17 a record's generated ones can
  // keep its class loader alive (see Anonymisation).
  @Override
  public boolean equals(Object other) {
    return other instanceof ConsentDecision that
        && Objects.equals(anonymisation, that.anonymisation)
        && Objects.equals(reason, that.reason)
        && Objects.equals(source, that.source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(anonymisation, reason, source);
  }

  @Override
  public String toString() {
    return "ConsentDecision["
        + "anonymisation="
        + anonymisation
        + ", reason="
        + reason
        + ", source="
        + source
        + "]";
  }
}
