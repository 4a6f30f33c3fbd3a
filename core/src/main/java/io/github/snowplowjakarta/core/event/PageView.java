package io.github.snowplowjakarta.core.event;

import static io.github.snowplowjakarta.core.internal.Checks.blankToNull;

import io.github.snowplowjakarta.core.internal.Checks;

/** A page view ({@code e=pv}): the URL is required; title and referrer are optional. */
public final class PageView extends Event {
  private final String url;
  private final String title;
  private final String referrer;

  private PageView(Builder b) {
    super(b);
    this.url = Checks.requireNonBlank(b.url, "url");
    this.title = b.title;
    this.referrer = b.referrer;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String url() {
    return url;
  }

  public String title() {
    return title;
  }

  public String referrer() {
    return referrer;
  }

  /** Builds a {@link PageView}. */
  public static final class Builder extends Event.Builder<Builder> {
    private String url;
    private String title;
    private String referrer;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** The page URL ({@code url}); required. */
    public Builder url(String url) {
      this.url = Checks.requireNonBlank(url, "url");
      return this;
    }

    /** The page title ({@code page}). */
    public Builder title(String title) {
      this.title = blankToNull(title);
      return this;
    }

    /** The referrer ({@code refr}). */
    public Builder referrer(String referrer) {
      this.referrer = blankToNull(referrer);
      return this;
    }

    @Override
    public PageView build() {
      return new PageView(this);
    }
  }
}
