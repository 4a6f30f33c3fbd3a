package io.github.snowplowjakarta.core.internal;

/** Argument checks shared by the value types. Not API, may change. */
public final class Checks {
  private static final boolean[] HEX_OR_DASH = new boolean[128];

  static {
    for (char c : "0123456789abcdefABCDEF-".toCharArray()) {
      HEX_OR_DASH[c] = true;
    }
  }

  private Checks() {}

  public static <T> T requireNonNull(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  public static String requireNonBlank(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /**
   * Returns {@code value}, or null when it is null or blank: optional text treats blank as absent.
   */
  public static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  public static double requireFinite(double value, String name) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number, was " + value);
    }
    return value;
  }

  public static int requireNonNegative(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
    return value;
  }

  public static int requirePositive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }

  /**
   * Returns {@code value}, or throws naming the parameter when it has more than {@code max} code
   * points (what a JSON schema's {@code maxLength} counts). Null passes through.
   */
  public static String requireMaxLength(String value, int max, String name) {
    if (value != null && value.length() > max && value.codePointCount(0, value.length()) > max) {
      throw new IllegalArgumentException(
          name
              + " must be at most "
              + max
              + " characters, was "
              + value.codePointCount(0, value.length()));
    }
    return value;
  }

  /** Whether {@code value} is a UUID in its 8-4-4-4-12 hexadecimal form. */
  public static boolean isUuid(String value) {
    if (value == null
        || value.length() != 36
        || value.charAt(8) != '-'
        || value.charAt(13) != '-'
        || value.charAt(18) != '-'
        || value.charAt(23) != '-') {
      return false;
    }
    // No branch per character: on random digits, "digit or letter?" mispredicts every other time,
    // and the filter checks a few UUIDs per page view. Four dashes where they stand and none else.
    boolean hexOrDash = true;
    int dashes = 0;
    for (int i = 0; i < 36; i++) {
      char c = value.charAt(i);
      hexOrDash &= c < 128 & HEX_OR_DASH[c & 127];
      dashes += c == '-' ? 1 : 0;
    }
    return hexOrDash && dashes == 4;
  }

  /** Returns the UUID in lower case, or throws naming the parameter. Null passes through. */
  public static String requireUuidOrNull(String value, String name) {
    if (value == null) {
      return null;
    }
    if (!isUuid(value)) {
      throw new IllegalArgumentException(name + " must be a UUID, was '" + abbreviate(value) + "'");
    }
    return value.toLowerCase(java.util.Locale.ROOT);
  }

  /** Shortens a bad value for an error message so a huge input cannot flood the log. */
  public static String abbreviate(String value) {
    return value.length() <= 64 ? value : value.substring(0, 61) + "...";
  }
}
