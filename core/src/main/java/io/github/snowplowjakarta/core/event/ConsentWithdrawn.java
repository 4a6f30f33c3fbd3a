package io.github.snowplowjakarta.core.event;

import io.github.snowplowjakarta.core.internal.Checks;
import java.util.Map;

/**
 * The visitor withdrew consent: {@code consent_withdrawn/1-0-0}, whose {@code all} flag says
 * whether every consent is withdrawn or only the one given under the document. The document goes as
 * a {@code consent_document} entity after the caller's entities.
 *
 * <p>As the browser tracker's {@code trackConsentWithdrawn}, with one difference: the browser
 * tracker always attaches a {@code consent_document}, empty when no document is named, which its
 * schema (id and version required) rejects. Here a withdrawal of everything may name no document,
 * and then carries none; a withdrawal of one consent must name its document.
 */
public final class ConsentWithdrawn extends ConsentEvent {
  /** The event's schema. */
  public static final String SCHEMA =
      "iglu:com.snowplowanalytics.snowplow/consent_withdrawn/jsonschema/1-0-0";

  private final boolean all;
  private final ConsentDocument document;

  private ConsentWithdrawn(Builder b) {
    super(b, data(b), b.document == null ? null : b.document.entity());
    this.all = b.all;
    this.document = b.document;
  }

  private static SelfDescribingJson data(Builder b) {
    Checks.requireNonNull(b.all, "all");
    if (!b.all && b.document == null) {
      throw new IllegalArgumentException(
          "document must be set when all is false: it names the consent withdrawn");
    }
    return SelfDescribingJson.of(SCHEMA, Map.of("all", b.all));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether every consent is withdrawn, not only the document's. */
  public boolean all() {
    return all;
  }

  /** The document whose consent is withdrawn; may be null when {@link #all()} is true. */
  public ConsentDocument document() {
    return document;
  }

  /** Builds a {@link ConsentWithdrawn} event. */
  public static final class Builder extends Event.Builder<Builder> {
    private Boolean all;
    private ConsentDocument document;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** True to withdraw every consent, false for the document's only; required. */
    public Builder all(boolean all) {
      this.all = all;
      return this;
    }

    /** The document consent was given under; required unless {@code all} is true. */
    public Builder document(ConsentDocument document) {
      this.document = Checks.requireNonNull(document, "document");
      return this;
    }

    @Override
    public ConsentWithdrawn build() {
      return new ConsentWithdrawn(this);
    }
  }
}
