package io.github.snowplowjakarta.core.emitter;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a failed batch waits before it is sent again: exponential backoff with equal jitter
 * (half the step fixed, half random), capped, and never less than a {@code Retry-After} the
 * collector asked for, itself capped.
 */
final class RetryDelay {
  private final long initialNanos;
  private final long maxNanos;
  private final Duration maxRetryAfter;
  private final Clock clock;

  RetryDelay(Duration initial, Duration max, Duration maxRetryAfter, Clock clock) {
    this.initialNanos = Durations.nanos(initial);
    this.maxNanos = Durations.nanos(max);
    this.maxRetryAfter = maxRetryAfter;
    this.clock = clock;
  }

  /** The longest wait: the cap of the backoff. */
  long maxNanos() {
    return maxNanos;
  }

  /**
   * @param failedAttempts how many attempts in a row failed, 1 or more
   * @param retryAfter the collector's {@code Retry-After} header, or null
   */
  long nanos(int failedAttempts, String retryAfter) {
    int doublings = Math.min(Math.max(failedAttempts - 1, 0), 62);
    long step = initialNanos <= (maxNanos >> doublings) ? initialNanos << doublings : maxNanos;
    step = Math.max(step, 2);
    long delay = step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
    Duration requested = RetryAfter.parse(retryAfter, clock, maxRetryAfter);
    if (requested != null) {
      delay = Math.max(delay, Durations.nanos(requested));
    }
    return delay;
  }
}
