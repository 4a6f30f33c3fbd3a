package io.github.snowplowjakarta.core;

import io.github.snowplowjakarta.core.internal.Checks;
import java.util.Locale;

/**
 * How anonymous an event must be: one of the three client-side levels plus the independent
 * server-anonymisation flag, exactly as the Snowplow trackers define them.
 *
 * <table>
 *   <caption>What each setting removes</caption>
 *   <tr><th></th><th>FULL</th><th>ANONYMOUS_WITH_SESSION</th><th>ANONYMOUS</th><th>server flag</th></tr>
 *   <tr><td>{@code duid}, {@code uid}</td><td>sent</td><td>removed</td><td>removed</td><td></td></tr>
 *   <tr><td>{@code sid}, {@code vid}</td><td>sent</td><td>sent</td><td>removed</td><td></td></tr>
 *   <tr><td>client_session entity</td><td>optional</td><td>sent, nil user id</td><td>removed</td><td></td></tr>
 *   <tr><td>{@code ip}, {@code tnuid}, {@code nuid}</td><td></td><td></td><td></td><td>removed</td></tr>
 *   <tr><td>{@code SP-Anonymous} header</td><td></td><td></td><td></td><td>sent</td></tr>
 * </table>
 *
 * <p>Below them, {@link Level#OFF}: nothing is tracked at all; a tracker at that level counts each
 * event it is given ({@code Tracker.withheld()}) and sends nothing.
 *
 * @param level what the client-side anonymisation removes
 * @param serverAnonymisation whether the network identifiers are removed too and the collector is
 *     asked, by the {@code SP-Anonymous} header, not to record the IP address and cookie
 */
public record Anonymisation(Level level, boolean serverAnonymisation) {

  /** The client-side anonymisation levels. */
  public enum Level {
    /** Every identifier the tracker knows is sent. */
    FULL,
    /** User identifiers are removed; the session identifiers stay. */
    ANONYMOUS_WITH_SESSION,
    /** User and session identifiers are removed. */
    ANONYMOUS,
    /** Nothing is tracked: no event leaves. */
    OFF
  }

  /** Full tracking: nothing removed. */
  public static final Anonymisation FULL_TRACKING = new Anonymisation(Level.FULL, false);

  /** User identifiers removed, session kept. */
  public static final Anonymisation ANONYMOUS_WITH_SESSION =
      new Anonymisation(Level.ANONYMOUS_WITH_SESSION, false);

  /** User and session identifiers removed. */
  public static final Anonymisation ANONYMOUS = new Anonymisation(Level.ANONYMOUS, false);

  /**
   * User, session and network identifiers removed, and the collector asked not to record the IP
   * address: the privacy-safe choice when nothing says the user consented.
   */
  public static final Anonymisation ANONYMOUS_SERVER = new Anonymisation(Level.ANONYMOUS, true);

  /** No tracking at all: events are counted and dropped, never encoded. */
  public static final Anonymisation OFF = new Anonymisation(Level.OFF, true);

  public Anonymisation {
    Checks.requireNonNull(level, "level");
    if (level == Level.OFF) {
      // Nothing leaves, so nothing can be identified: one value for off, with the server flag.
      serverAnonymisation = true;
    }
  }

  /**
   * The setting a configuration names: {@code full}, {@code anonymous-with-session} or {@code
   * anonymous}, each optionally followed by {@code +server}, or {@code off}; case and surrounding
   * blanks do not matter.
   *
   * @throws IllegalArgumentException saying what it expected
   */
  public static Anonymisation parse(String name) {
    Checks.requireNonNull(name, "name");
    String text = name.trim().toLowerCase(Locale.ROOT);
    boolean server = text.endsWith("+server");
    String level = server ? text.substring(0, text.length() - "+server".length()) : text;
    switch (level) {
      case "full":
        return new Anonymisation(Level.FULL, server);
      case "anonymous-with-session":
        return new Anonymisation(Level.ANONYMOUS_WITH_SESSION, server);
      case "anonymous":
        return new Anonymisation(Level.ANONYMOUS, server);
      case "off":
        return OFF;
      default:
        throw new IllegalArgumentException(
            "expected full, anonymous-with-session or anonymous, optionally with +server, or off,"
                + " was '"
                + name
                + "'");
    }
  }

  /** The name {@link #parse} reads: {@code anonymous+server}, {@code full}, {@code off}. */
  public String configName() {
    if (!tracks()) {
      return "off";
    }
    String name = level.name().toLowerCase(Locale.ROOT).replace('_', '-');
    return serverAnonymisation ? name + "+server" : name;
  }

  /** Whether events are tracked at all: false only for {@link Level#OFF}. */
  public boolean tracks() {
    return level != Level.OFF;
  }

  /**
   * The setting a consent event is sent at when the decision it records moves the visitor from
   * {@code before} to {@code after}: whichever of the two sends more identifiers (the lower level;
   * at the same level, the one without the server flag), never a mix of the two.
   *
   * <ul>
   *   <li>A withdrawal, a denial or a narrower choice goes with the identifiers the visitor had
   *       before it: those the earlier events carry, so the pipeline can find them and honour it.
   *   <li>A grant or a wider choice goes with the identifiers it allows: those of the events it
   *       authorises.
   *   <li>Nothing else: no identifier the visitor had neither before nor after the decision.
   * </ul>
   */
  public static Anonymisation forConsentChange(Anonymisation before, Anonymisation after) {
    Checks.requireNonNull(before, "before");
    Checks.requireNonNull(after, "after");
    int levels = before.level.compareTo(after.level);
    if (levels != 0) {
      return levels < 0 ? before : after;
    }
    return after.serverAnonymisation && !before.serverAnonymisation ? before : after;
  }

  /** Whether the business and domain user identifiers ({@code uid}, {@code duid}) are sent. */
  public boolean sendsUserIdentifiers() {
    return level == Level.FULL;
  }

  /** Whether the session identifiers ({@code sid}, {@code vid}) are sent. */
  public boolean sendsSessionIdentifiers() {
    return level == Level.FULL || level == Level.ANONYMOUS_WITH_SESSION;
  }

  /** Whether the IP address and network user id are sent. */
  public boolean sendsNetworkIdentifiers() {
    return !serverAnonymisation;
  }

  // equals, hashCode and toString are written out rather than generated: a record's generated
  // equals leaves a method handle typed with the record's class in a JDK-wide cache, which keeps an
  // undeployed web application's class loader alive: for good on Java 17 (JDK-8078641), until the
  // heap runs short on 25 (softly held). README "Redeploying"; RecordsReleaseTheirLoaderTest.

  @Override
  public boolean equals(Object other) {
    return other instanceof Anonymisation that
        && level == that.level
        && serverAnonymisation == that.serverAnonymisation;
  }

  @Override
  public int hashCode() {
    return level.ordinal() * 2 + (serverAnonymisation ? 1 : 0);
  }

  @Override
  public String toString() {
    return "Anonymisation[level=" + level + ", serverAnonymisation=" + serverAnonymisation + "]";
  }
}
