package io.github.snowplowjakarta.core.event;

/**
 * A page ping ({@code e=pp}): the page is still in view, and how far it was scrolled. The URL and
 * the four offsets are required.
 */
public final class PagePing extends PageEvent {
  private final int minXOffset;
  private final int maxXOffset;
  private final int minYOffset;
  private final int maxYOffset;

  private PagePing(Builder b) {
    super(b);
    if (!b.offsetsSet) {
      throw new IllegalArgumentException("offsets must be set");
    }
    this.minXOffset = b.minXOffset;
    this.maxXOffset = b.maxXOffset;
    this.minYOffset = b.minYOffset;
    this.maxYOffset = b.maxYOffset;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int minXOffset() {
    return minXOffset;
  }

  public int maxXOffset() {
    return maxXOffset;
  }

  public int minYOffset() {
    return minYOffset;
  }

  public int maxYOffset() {
    return maxYOffset;
  }

  /** Builds a {@link PagePing}. */
  public static final class Builder extends PageEvent.Builder<Builder> {
    private boolean offsetsSet;
    private int minXOffset;
    private int maxXOffset;
    private int minYOffset;
    private int maxYOffset;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * The scroll offsets seen since the last ping ({@code pp_mix}, {@code pp_max}, {@code pp_miy},
     * {@code pp_may}); required. A minimum must not exceed its maximum.
     */
    public Builder offsets(int minX, int maxX, int minY, int maxY) {
      if (minX > maxX) {
        throw new IllegalArgumentException("minXOffset " + minX + " exceeds maxXOffset " + maxX);
      }
      if (minY > maxY) {
        throw new IllegalArgumentException("minYOffset " + minY + " exceeds maxYOffset " + maxY);
      }
      this.minXOffset = minX;
      this.maxXOffset = maxX;
      this.minYOffset = minY;
      this.maxYOffset = maxY;
      this.offsetsSet = true;
      return this;
    }

    @Override
    public PagePing build() {
      return new PagePing(this);
    }
  }
}
