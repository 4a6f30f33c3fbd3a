package io.github.snowplowjakarta.core.event;

import io.github.snowplowjakarta.core.internal.Checks;

/**
 * Validates Iglu schema URIs of the form {@code
 * iglu:vendor/name/jsonschema/MODEL-REVISION-ADDITION}, with the character sets of Iglu's
 * self-describing meta-schema. Hand-written rather than a regular expression: it runs for every
 * entity of every event.
 */
final class IgluUri {
  private static final String PREFIX = "iglu:";
  private static final String FORMAT = "/jsonschema/";

  /**
   * The last URI found valid, compared by identity: an application names a schema by a constant, so
   * an entity made per request (the filter's {@code web_page}) is checked once, not per request.
   * Strings are immutable, so a racy read sees a whole one or null.
   */
  private static String lastValid;

  private IgluUri() {}

  static String require(String uri, String name) {
    if (uri == lastValid && uri != null) {
      return uri;
    }
    Checks.requireNonBlank(uri, name);
    if (!isValid(uri)) {
      throw new IllegalArgumentException(
          name
              + " must be an Iglu URI like iglu:com.acme/event_name/jsonschema/1-0-0, was '"
              + Checks.abbreviate(uri)
              + "'");
    }
    lastValid = uri;
    return uri;
  }

  static boolean isValid(String uri) {
    if (!uri.startsWith(PREFIX)) {
      return false;
    }
    int vendorEnd = uri.indexOf('/', PREFIX.length());
    if (vendorEnd < 0 || !isName(uri, PREFIX.length(), vendorEnd, true)) {
      return false;
    }
    int nameEnd = uri.indexOf('/', vendorEnd + 1);
    if (nameEnd < 0 || !isName(uri, vendorEnd + 1, nameEnd, false)) {
      return false;
    }
    if (!uri.startsWith(FORMAT, nameEnd)) {
      return false;
    }
    int position = nameEnd + FORMAT.length();
    for (int part = 0; part < 3; part++) {
      int end = part < 2 ? uri.indexOf('-', position) : uri.length();
      if (end < 0 || !isNumber(uri, position, end)) {
        return false;
      }
      position = end + 1;
    }
    return true;
  }

  private static boolean isName(String s, int from, int to, boolean dotsAllowed) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || (dotsAllowed && c == '.');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** A SchemaVer number: digits, no leading zero unless it is 0. */
  private static boolean isNumber(String s, int from, int to) {
    if (from >= to || (s.charAt(from) == '0' && to - from > 1)) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
