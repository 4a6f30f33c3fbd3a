package io.github.snowplowjakarta.web.consent;

import io.github.snowplowjakarta.core.Anonymisation;

/**
 * Names for anonymisation settings in configuration: {@code full}, {@code anonymous-with-session},
 * {@code anonymous}, each optionally with {@code +server} for server anonymisation, and {@code off}
 * for no tracking at all.
 */
public final class Levels {
  private Levels() {}

  /** Parses a name, as {@link Anonymisation#parse}. */
  public static Anonymisation parse(String name) {
    return Anonymisation.parse(name);
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

  /** The name of a setting, as {@link Anonymisation#configName}. */
  public static String name(Anonymisation anonymisation) {
    return anonymisation.configName();
  }
}
