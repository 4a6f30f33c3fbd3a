package io.github.snowplowjakarta.core.emitter;

/**
 * When the spool asks the operating system to put appended events on the disk itself ({@code
 * fsync}). Every event is written to the operating system before {@code track()} returns, whatever
 * the policy, so a killed process loses nothing; the policy decides what a machine crash or a power
 * cut may lose.
 */
public enum SpoolFsync {
  /** Before {@code track()} returns: a machine crash loses nothing accepted. The slowest. */
  ALWAYS,
  /** Every fsync interval: a machine crash loses at most the last interval's events. */
  INTERVAL,
  /** Left to the operating system (on Linux, usually within 30 seconds). */
  NEVER
}
