package io.github.snowplowjakarta.core.event;

import static io.github.snowplowjakarta.core.internal.Checks.blankToNull;

import io.github.snowplowjakarta.core.internal.Checks;

/**
 * A structured event ({@code e=se}): category and action are required; label, property and value
 * are optional.
 */
public final class Structured extends Event {
  private final String category;
  private final String action;
  private final String label;
  private final String property;
  private final Double value;

  private Structured(Builder b) {
    super(b);
    this.category = Checks.requireNonBlank(b.category, "category");
    this.action = Checks.requireNonBlank(b.action, "action");
    this.label = b.label;
    this.property = b.property;
    this.value = b.value;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String category() {
    return category;
  }

  public String action() {
    return action;
  }

  public String label() {
    return label;
  }

  public String property() {
    return property;
  }

  public Double value() {
    return value;
  }

  /** Builds a {@link Structured} event. */
  public static final class Builder extends Event.Builder<Builder> {
    private String category;
    private String action;
    private String label;
    private String property;
    private Double value;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** The category ({@code se_ca}); required. */
    public Builder category(String category) {
      this.category = Checks.requireNonBlank(category, "category");
      return this;
    }

    /** The action ({@code se_ac}); required. */
    public Builder action(String action) {
      this.action = Checks.requireNonBlank(action, "action");
      return this;
    }

    /** The label ({@code se_la}). */
    public Builder label(String label) {
      this.label = blankToNull(label);
      return this;
    }

    /** The property ({@code se_pr}). */
    public Builder property(String property) {
      this.property = blankToNull(property);
      return this;
    }

    /** The value ({@code se_va}); must be finite. */
    public Builder value(double value) {
      this.value = Checks.requireFinite(value, "value");
      return this;
    }

    @Override
    public Structured build() {
      return new Structured(this);
    }
  }
}
