package io.github.snowplowjakarta.core.event;

import io.github.snowplowjakarta.core.internal.Checks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The visitor granted consent under a document: {@code consent_granted/1-0-0}, with the document as
 * a {@code consent_document} entity after the caller's entities, and the consent's expiry if it has
 * one. What the browser tracker's {@code trackConsentGranted} sends.
 */
public final class ConsentGranted extends ConsentEvent {
  /** The event's schema. */
  public static final String SCHEMA =
      "iglu:com.snowplowanalytics.snowplow/consent_granted/jsonschema/1-0-0";

  private static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

  private final ConsentDocument document;
  private final Instant expiry;

  private ConsentGranted(Builder b) {
    super(b, data(b), Checks.requireNonNull(b.document, "document").entity());
    this.document = b.document;
    this.expiry = b.expiry;
  }

  private static SelfDescribingJson data(Builder b) {
    Checks.requireNonNull(b.document, "document");
    Map<String, Object> data = new LinkedHashMap<>(1);
    if (b.expiry != null) {
      data.put("expiry", b.expiry.toString());
    }
    return SelfDescribingJson.of(SCHEMA, data);
  }

  public static Builder builder() {
    return new Builder();
  }

  public ConsentDocument document() {
    return document;
  }

  /** When the consent lapses; null when it does not. */
  public Instant expiry() {
    return expiry;
  }

  /** Builds a {@link ConsentGranted} event. */
  public static final class Builder extends Event.Builder<Builder> {
    private ConsentDocument document;
    private Instant expiry;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** The document consent is granted under; required. */
    public Builder document(ConsentDocument document) {
      this.document = Checks.requireNonNull(document, "document");
      return this;
    }

    /**
     * When the consent lapses, sent to the millisecond as an RFC 3339 date-time in UTC; default
     * none. Must be between the years 1970 and 9999.
     */
    public Builder expiry(Instant expiry) {
      if (expiry != null && (expiry.isBefore(Instant.EPOCH) || expiry.isAfter(LATEST_EXPIRY))) {
        throw new IllegalArgumentException("expiry must be between 1970 and 9999, was " + expiry);
      }
      this.expiry = expiry == null ? null : expiry.truncatedTo(ChronoUnit.MILLIS);
      return this;
    }

    @Override
    public ConsentGranted build() {
      return new ConsentGranted(this);
    }
  }
}
