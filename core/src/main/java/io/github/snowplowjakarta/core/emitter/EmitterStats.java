package io.github.snowplowjakarta.core.emitter;

/**
 * A snapshot of an emitter's counters, in events.
 *
 * @param accepted events taken into the queue
 * @param sent events the collector acknowledged
 * @param failed events given up on: refused by the collector, too large, or left at close
 * @param retried event sends that were attempts after the first
 * @param dropped events not taken, or thrown out, because the queue was full or the emitter closed
 * @param queueDepth events waiting or being retried now
 * @param lastError the last delivery error, or null
 */
public record EmitterStats(
    long accepted,
    long sent,
    long failed,
    long retried,
    long dropped,
    long queueDepth,
    String lastError) {}
