package io.github.snowplowjakarta.core.emitter;

import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/** An emitter's counters, shared by its parts, read as one {@link EmitterStats}. */
final class Counters {
  private static final ThrottledLogger DROP_LOG = new ThrottledLogger(Emitter.class);

  final AtomicLong accepted = new AtomicLong();
  final AtomicLong sent = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong retried = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong internalErrors = new AtomicLong();
  final AtomicLong clientRestarts = new AtomicLong();
  volatile String lastError;
  volatile String misconfiguration;

  /** When the collector last acknowledged a request, in the emitter clock's millis; 0: never. */
  volatile long lastSuccessMillis;

  /** When a request last failed and its events were kept to be sent again; 0: never. */
  volatile long lastFailureMillis;

  void drop(int events, String why) {
    dropped.addAndGet(events);
    DROP_LOG.log(Level.WARNING, "Snowplow events dropped: " + why);
  }

  EmitterStats snapshot(long queueDepth, SpoolStats spool) {
    return new EmitterStats(
        accepted.get(),
        sent.get(),
        failed.get(),
        retried.get(),
        dropped.get(),
        queueDepth,
        lastError,
        misconfiguration,
        internalErrors.get(),
        clientRestarts.get(),
        spool);
  }
}
