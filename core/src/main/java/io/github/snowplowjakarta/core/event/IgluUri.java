package io.github.snowplowjakarta.core.event;

import io.github.snowplowjakarta.core.internal.Checks;
import java.util.regex.Pattern;

/**
 * Validates Iglu schema URIs of the form {@code
 * iglu:vendor/name/jsonschema/MODEL-REVISION-ADDITION}.
 */
final class IgluUri {
  private static final Pattern PATTERN =
      Pattern.compile(
          "^iglu:[a-zA-Z0-9-_.]+/[a-zA-Z0-9-_]+/jsonschema/(0|[1-9][0-9]*)-(0|[1-9][0-9]*)-(0|[1-9][0-9]*)$");

  private IgluUri() {}

  static String require(String uri, String name) {
    Checks.requireNonBlank(uri, name);
    if (!PATTERN.matcher(uri).matches()) {
      throw new IllegalArgumentException(
          name
              + " must be an Iglu URI like iglu:com.acme/event_name/jsonschema/1-0-0, was '"
              + Checks.abbreviate(uri)
              + "'");
    }
    return uri;
  }
}
