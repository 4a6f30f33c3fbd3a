package io.github.snowplowjakarta.core.event;

import io.github.snowplowjakarta.core.internal.Checks;
import java.util.Map;

/**
 * The consent banner (the consent management platform's dialog) was shown: {@code
 * cmp_visible/1-0-0}, as the browser tracker's {@code trackCmpVisible} sends it.
 */
public final class CmpVisible extends ConsentEvent {
  /** The event's schema. */
  public static final String SCHEMA =
      "iglu:com.snowplowanalytics.snowplow/cmp_visible/jsonschema/1-0-0";

  private final double elapsedTime;

  private CmpVisible(Builder b) {
    super(b, data(b), null);
    this.elapsedTime = b.elapsedTime;
  }

  private static SelfDescribingJson data(Builder b) {
    Checks.requireNonNull(b.elapsedTime, "elapsedTime");
    return SelfDescribingJson.of(SCHEMA, Map.of("elapsedTime", b.elapsedTime));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The time between the page loading and the banner appearing. */
  public double elapsedTime() {
    return elapsedTime;
  }

  /** Builds a {@link CmpVisible} event. */
  public static final class Builder extends Event.Builder<Builder> {
    private Double elapsedTime;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * The time between the page loading and the banner appearing; required, finite, between 0 and
     * {@code Long.MAX_VALUE}. The schema fixes no unit: send what the browser tracker sends on the
     * same site.
     */
    public Builder elapsedTime(double elapsedTime) {
      Checks.requireFinite(elapsedTime, "elapsedTime");
      if (elapsedTime < 0 || elapsedTime > Long.MAX_VALUE) {
        throw new IllegalArgumentException(
            "elapsedTime must be between 0 and " + Long.MAX_VALUE + ", was " + elapsedTime);
      }
      this.elapsedTime = elapsedTime;
      return this;
    }

    @Override
    public CmpVisible build() {
      return new CmpVisible(this);
    }
  }
}
