package io.github.snowplowjakarta.core.event;

/** A page view ({@code e=pv}): the URL is required; title and referrer are optional. */
public final class PageView extends PageEvent {

  private PageView(Builder builder) {
    super(builder);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PageView}. */
  public static final class Builder extends PageEvent.Builder<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    @Override
    public PageView build() {
      return new PageView(this);
    }
  }
}
