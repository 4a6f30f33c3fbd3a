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
  private final long maxRetryAfterNanos;
  private final Clock clock;

  RetryDelay(Duration initial, Duration max, Duration maxRetryAfter, Clock clock) {
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.maxRetryAfterNanos = maxRetryAfter.toNanos();
    this.clock = clock;
  }

  /**
   * @param failedAttempts how many attempts in a row failed, 1 or more
   * @param retryAfter the collector's {@code Retry-After} header, or null
   */
  long nanos(int failedAttempts, String retryAfter) {
    int doublings = Math.min(failedAttempts - 1, 62);
    long step = initialNanos <= (maxNanos >> doublings) ? initialNanos << doublings : maxNanos;
    step = Math.max(step, 2);
    long delay = step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
    Duration requested = RetryAfter.parse(retryAfter, clock);
    if (requested != null) {
      delay = Math.max(delay, Math.min(requested.toNanos(), maxRetryAfterNanos));
    }
    return delay;
  }
}
