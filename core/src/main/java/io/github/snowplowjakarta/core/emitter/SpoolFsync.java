package io.github.snowplowjakarta.core.emitter;

/**
 * How far an event accepted with the spool on is from the disk when {@code track()} returns. In
 * every mode it has been written to the spool's file (the operating system's page cache), so a
 * killed process ({@code kill -9}, an OOM kill) loses nothing accepted; the mode decides what a
 * machine crash or a power cut loses. See docs/durability.md.
 */
public enum SpoolFsync {
  /**
   * Written and synced ({@code fsync}) before {@code track()} returns: a machine crash loses
   * nothing accepted either. Costs a disk sync per event (callers arriving together share one).
   */
  ALWAYS,
  /** Written before {@code track()} returns, synced every fsync interval by a background thread. */
  INTERVAL,
  /** Written before {@code track()} returns; the sync is left to the operating system. */
  NEVER
}
