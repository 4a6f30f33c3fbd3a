package io.github.snowplowjakarta.core.internal;

/** Text rules for what leaves the tracker. Not API, may change. */
public final class Text {
  private Text() {}

  /**
   * {@code value} cut to at most {@code maxCodePoints} code points, never splitting a surrogate
   * pair. Returns {@code value} itself when it is short enough.
   */
  public static String truncate(String value, int maxCodePoints) {
    if (value.length() <= maxCodePoints) {
      return value;
    }
    int end = 0;
    int codePoints = 0;
    while (end < value.length() && codePoints < maxCodePoints) {
      end +=
          Character.isHighSurrogate(value.charAt(end))
                  && end + 1 < value.length()
                  && Character.isLowSurrogate(value.charAt(end + 1))
              ? 2
              : 1;
      codePoints++;
    }
    return value.substring(0, end);
  }
}
