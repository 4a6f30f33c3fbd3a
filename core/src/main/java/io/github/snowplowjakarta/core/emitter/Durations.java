package io.github.snowplowjakarta.core.emitter;

import java.time.Duration;

/** Durations as nanoseconds without overflow: a setting of a thousand years means "for ever". */
final class Durations {
  /** About 146 years: far enough for "for ever", and room to add it to {@code nanoTime()}. */
  static final long FOREVER_NANOS = Long.MAX_VALUE / 2;

  private Durations() {}

  /** The duration in nanoseconds, at most {@link #FOREVER_NANOS}; 0 for a negative one. */
  static long nanos(Duration duration) {
    if (duration.isNegative()) {
      return 0;
    }
    if (duration.getSeconds() >= FOREVER_NANOS / 1_000_000_000L) {
      return FOREVER_NANOS;
    }
    return duration.toNanos();
  }
}
