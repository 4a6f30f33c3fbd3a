package io.github.snowplowjakarta.servlet.consent;

import io.github.snowplowjakarta.core.Anonymisation;
import java.util.Locale;

/**
 * Names for anonymisation settings in configuration: {@code full}, {@code anonymous-with-session},
 * {@code anonymous}, each optionally with {@code +server} for server anonymisation, and {@code off}
 * for no tracking at all.
 */
public final class Levels {
  private Levels() {}

  /** Parses a name; throws {@link IllegalArgumentException} naming what it expected. */
  public static Anonymisation parse(String name) {
    String text = name.trim().toLowerCase(Locale.ROOT);
    boolean server = text.endsWith("+server");
    String level = server ? text.substring(0, text.length() - "+server".length()) : text;
    switch (level) {
      case "full":
        return new Anonymisation(Anonymisation.Level.FULL, server);
      case "anonymous-with-session":
        return new Anonymisation(Anonymisation.Level.ANONYMOUS_WITH_SESSION, server);
      case "anonymous":
        return new Anonymisation(Anonymisation.Level.ANONYMOUS, server);
      case "off":
        return Anonymisation.OFF;
      default:
        throw new IllegalArgumentException(
            "expected full, anonymous-with-session or anonymous, optionally with +server, or off,"
                + " was '"
                + name
                + "'");
    }
  }

  /** The more anonymous of the two: the higher level, and the server flag if either has it. */
  public static Anonymisation mostAnonymous(Anonymisation a, Anonymisation b) {
    Anonymisation.Level level = a.level().compareTo(b.level()) >= 0 ? a.level() : b.level();
    return new Anonymisation(level, a.serverAnonymisation() || b.serverAnonymisation());
  }

  /** Whether {@code a} allows nothing {@code b} forbids: no higher level, no server flag lost. */
  public static boolean atMostAsPermissive(Anonymisation a, Anonymisation b) {
    return mostAnonymous(a, b).equals(a);
  }

  public static String name(Anonymisation anonymisation) {
    if (!anonymisation.tracks()) {
      return "off";
    }
    String level = anonymisation.level().name().toLowerCase(Locale.ROOT).replace('_', '-');
    return anonymisation.serverAnonymisation() ? level + "+server" : level;
  }
}
