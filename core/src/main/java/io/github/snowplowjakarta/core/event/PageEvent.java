package io.github.snowplowjakarta.core.event;

import static io.github.snowplowjakarta.core.internal.Checks.blankToNull;

import io.github.snowplowjakarta.core.internal.Checks;

/** An event about a page: its URL (required), title and referrer. */
public abstract sealed class PageEvent extends Event permits PageView, PagePing {
  private final String url;
  private final String title;
  private final String referrer;

  PageEvent(Builder<?> builder) {
    super(builder);
    this.url = Checks.requireNonBlank(builder.url, "url");
    this.title = builder.title;
    this.referrer = builder.referrer;
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

  /** What every page event builder offers. */
  public abstract static class Builder<B extends Builder<B>> extends Event.Builder<B> {
    private String url;
    private String title;
    private String referrer;

    Builder() {}

    /** The page URL ({@code url}); required. */
    public B url(String url) {
      this.url = Checks.requireNonBlank(url, "url");
      return self();
    }

    /** The page title ({@code page}). */
    public B title(String title) {
      this.title = blankToNull(title);
      return self();
    }

    /** The referrer ({@code refr}). */
    public B referrer(String referrer) {
      this.referrer = blankToNull(referrer);
      return self();
    }
  }
}
