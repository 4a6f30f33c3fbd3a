package io.github.snowplowjakarta.core.emitter;

import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** An emitter's counters, shared by its parts, read as one {@link EmitterStats}. */
final class Counters {
  private static final ThrottledLogger DROP_LOG = new ThrottledLogger(Emitter.class);
  private static final LossReason[] REASONS = LossReason.values();
  static final long MAX_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

  final AtomicLong accepted = new AtomicLong();
  final AtomicLong sent = new AtomicLong();
  final AtomicLong retried = new AtomicLong();
  final AtomicLong internalErrors = new AtomicLong();
  final AtomicLong clientRestarts = new AtomicLong();
  private final AtomicLongArray lost = new AtomicLongArray(REASONS.length);
  volatile String lastError;
  volatile String misconfiguration;

  /** When the collector last acknowledged a request, in the emitter clock's millis; 0: never. */
  volatile long lastSuccessMillis;

  /** When a request last failed and its events were kept to be sent again; 0: never. */
  volatile long lastFailureMillis;

  // Written by the worker thread only, read by anyone: volatile is enough.
  volatile int requestsInFlight;
  volatile long eventsInFlight;
  final AtomicLong requestsSucceeded = new AtomicLong();
  final AtomicLong requestsFailed = new AtomicLong();
  final AtomicLong succeededNanos = new AtomicLong();
  final AtomicLong failedNanos = new AtomicLong();
  private volatile long windowStartNanos = System.nanoTime();
  private volatile long windowMaxNanos;
  private volatile long previousMaxNanos;

  void lose(LossReason reason, long events) {
    lost.addAndGet(reason.ordinal(), events);
  }

  void drop(LossReason reason, String why) {
    lose(reason, 1);
    DROP_LOG.log(Level.WARNING, "Snowplow events dropped: " + why);
  }

  long lost(LossReason reason) {
    return lost.get(reason.ordinal());
  }

  long lost(boolean dropped) {
    long sum = 0;
    for (LossReason reason : REASONS) {
      if (reason.dropped() == dropped) {
        sum += lost.get(reason.ordinal());
      }
    }
    return sum;
  }

  /** A request's exchange ended, acknowledged or not. Worker thread only. */
  void requestEnded(boolean succeeded, long nanos, long nowNanos) {
    (succeeded ? requestsSucceeded : requestsFailed).incrementAndGet();
    (succeeded ? succeededNanos : failedNanos).addAndGet(nanos);
    long age = nowNanos - windowStartNanos;
    if (age >= MAX_WINDOW_NANOS) {
      previousMaxNanos = age >= 2 * MAX_WINDOW_NANOS ? 0 : windowMaxNanos;
      windowMaxNanos = 0;
      windowStartNanos = nowNanos;
    }
    if (nanos > windowMaxNanos) {
      windowMaxNanos = nanos;
    }
  }

  /** The longest request that ended in the last one to two minutes; 0 if none did. */
  long recentMaxNanos(long nowNanos) {
    long age = nowNanos - windowStartNanos;
    if (age >= 2 * MAX_WINDOW_NANOS) {
      return 0;
    }
    return age >= MAX_WINDOW_NANOS ? windowMaxNanos : Math.max(windowMaxNanos, previousMaxNanos);
  }

  EmitterStats snapshot(long queueDepth, SpoolStats spool) {
    Map<LossReason, Long> byReason = new EnumMap<>(LossReason.class);
    long failed = 0;
    long dropped = 0;
    for (LossReason reason : REASONS) {
      long count = lost.get(reason.ordinal());
      byReason.put(reason, count);
      if (reason.dropped()) {
        dropped += count;
      } else {
        failed += count;
      }
    }
    return new EmitterStats(
        accepted.get(),
        sent.get(),
        failed,
        retried.get(),
        dropped,
        byReason,
        queueDepth,
        requestsInFlight,
        eventsInFlight,
        lastError,
        misconfiguration,
        internalErrors.get(),
        clientRestarts.get(),
        spool);
  }
}
