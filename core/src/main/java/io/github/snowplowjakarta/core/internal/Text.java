package io.github.snowplowjakarta.core.internal;

/** Text clean-up for what leaves the tracker. Not API, may change. */
public final class Text {
  private static final char REPLACEMENT = '\uFFFD';

  private Text() {}

  /**
   * {@code value} cut to at most {@code maxCodePoints} code points, never splitting a surrogate
   * pair, with every unpaired surrogate (text that has no UTF-8 form) replaced by U+FFFD. Returns
   * {@code value} itself when nothing needs to change.
   */
  public static String fit(String value, int maxCodePoints) {
    int length = value.length();
    boolean hasSurrogates = false;
    for (int i = 0; i < length; i++) {
      if (Character.isSurrogate(value.charAt(i))) {
        hasSurrogates = true;
        break;
      }
    }
    if (!hasSurrogates && length <= maxCodePoints) {
      return value;
    }
    StringBuilder out = new StringBuilder((int) Math.min(length, 2L * maxCodePoints));
    int codePoints = 0;
    int i = 0;
    while (i < length && codePoints < maxCodePoints) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        out.append(c).append(value.charAt(i + 1));
        i += 2;
      } else {
        out.append(Character.isSurrogate(c) ? REPLACEMENT : c);
        i++;
      }
      codePoints++;
    }
    return out.toString();
  }

  /** {@code value} with every unpaired surrogate replaced by U+FFFD. */
  public static String wellFormed(String value) {
    return fit(value, Integer.MAX_VALUE);
  }
}
