package io.github.snowplowjakarta.core.emitter;

/**
 * How far an event accepted with the spool on is from the disk when {@code track()} returns. See
 * docs/durability.md.
 */
public enum SpoolFsync {
  /**
   * Written and synced ({@code fsync}) before {@code track()} returns: neither a killed process nor
   * a machine crash loses an accepted event. Costs a disk sync per event (callers arriving together
   * share one).
   */
  ALWAYS,
  /**
   * Buffered, written to the operating system within 20 ms (or every 64 KiB), synced every fsync
   * interval: a killed process loses at most the last 20 ms of events, a machine crash at most the
   * last interval.
   */
  INTERVAL,
  /** As {@link #INTERVAL}, but the sync is left to the operating system. */
  NEVER
}
