package io.github.snowplowjakarta.core.event;

import io.github.snowplowjakarta.core.internal.Checks;

/** A self-describing event ({@code e=ue}): any event defined by its own Iglu schema. */
public final class SelfDescribing extends Event {
  private final SelfDescribingJson data;

  private SelfDescribing(Builder b) {
    super(b);
    this.data = Checks.requireNonNull(b.data, "data");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The event's schema and data. */
  public SelfDescribingJson data() {
    return data;
  }

  /** Builds a {@link SelfDescribing} event. */
  public static final class Builder extends Event.Builder<Builder> {
    private SelfDescribingJson data;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** The event's schema and data; required. */
    public Builder data(SelfDescribingJson data) {
      this.data = Checks.requireNonNull(data, "data");
      return this;
    }

    @Override
    public SelfDescribing build() {
      return new SelfDescribing(this);
    }
  }
}
