package io.github.snowplowjakarta.core.emitter;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of an emitter's counters, in events.
 *
 * @param accepted events taken into the queue
 * @param sent events the collector acknowledged
 * @param failed events given up on: refused by the collector, too large, not written by the spool
 *     (a full disk), or left at close; the sum of the failing {@link LossReason}s
 * @param retried event sends that were attempts after the first
 * @param dropped events not taken, or thrown out, because the queue was full or the emitter closed;
 *     the sum of the dropping {@link LossReason}s
 * @param lost the events given up, dropped or failed, by reason: every reason, zeros included
 * @param queueDepth events waiting, in flight, or being retried now
 * @param requestsInFlight requests to the collector sent and not yet answered
 * @param eventsInFlight the events in those requests
 * @param lastError the last delivery error, or null
 * @param misconfiguration while the collector answers in a way that only a change of settings will
 *     fix (a redirect, 401, 403, 404, 405, 501, a proxy's 407 or refused {@code CONNECT}): what it
 *     answered and the likely fix; null once a request succeeds again
 * @param internalErrors unexpected errors the worker contained (a bug or an exhausted JVM): each
 *     was logged, and delivery went on
 * @param clientRestarts times the HTTP client was found dead (its I/O thread ended, by an {@link
 *     OutOfMemoryError} or an interrupt) and replaced by a new one; each was logged at ERROR
 * @param spool the spool's figures, or null without a spool
 */
public record EmitterStats(
    long accepted,
    long sent,
    long failed,
    long retried,
    long dropped,
    Map<LossReason, Long> lost,
    long queueDepth,
    int requestsInFlight,
    long eventsInFlight,
    String lastError,
    String misconfiguration,
    long internalErrors,
    long clientRestarts,
    SpoolStats spool) {

  public EmitterStats {
    Map<LossReason, Long> copy = new EnumMap<>(LossReason.class);
    copy.putAll(lost);
    lost = Collections.unmodifiableMap(copy);
  }

  /** Events given up for this reason. */
  public long lost(LossReason reason) {
    return lost.getOrDefault(reason, 0L);
  }

  // equals, hashCode and toString are written out: on Java 17 a record's generated ones can
  // keep its class loader alive (see Anonymisation).
  @Override
  public boolean equals(Object other) {
    return other instanceof EmitterStats that
        && accepted == that.accepted
        && sent == that.sent
        && failed == that.failed
        && retried == that.retried
        && dropped == that.dropped
        && lost.equals(that.lost)
        && queueDepth == that.queueDepth
        && requestsInFlight == that.requestsInFlight
        && eventsInFlight == that.eventsInFlight
        && Objects.equals(lastError, that.lastError)
        && Objects.equals(misconfiguration, that.misconfiguration)
        && internalErrors == that.internalErrors
        && clientRestarts == that.clientRestarts
        && Objects.equals(spool, that.spool);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        accepted,
        sent,
        failed,
        retried,
        dropped,
        lost,
        queueDepth,
        requestsInFlight,
        eventsInFlight,
        lastError,
        misconfiguration,
        internalErrors,
        clientRestarts,
        spool);
  }

  @Override
  public String toString() {
    return "EmitterStats["
        + "accepted="
        + accepted
        + ", sent="
        + sent
        + ", failed="
        + failed
        + ", retried="
        + retried
        + ", dropped="
        + dropped
        + ", lost="
        + lost
        + ", queueDepth="
        + queueDepth
        + ", requestsInFlight="
        + requestsInFlight
        + ", eventsInFlight="
        + eventsInFlight
        + ", lastError="
        + lastError
        + ", misconfiguration="
        + misconfiguration
        + ", internalErrors="
        + internalErrors
        + ", clientRestarts="
        + clientRestarts
        + ", spool="
        + spool
        + "]";
  }
}
