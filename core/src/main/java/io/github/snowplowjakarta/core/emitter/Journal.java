package io.github.snowplowjakarta.core.emitter;

import io.github.snowplowjakarta.core.emitter.Lane.Queued;
import java.util.List;

/**
 * Where a durable spool plugs into the emitter: told of every event the moment it is accepted and
 * of every batch whose fate is settled. Events left undelivered when the emitter closes are never
 * settled, so a spool keeps them for the next run. {@link #NONE} keeps nothing: events live in
 * memory only.
 *
 * <p>{@link #accepted} runs on the tracking thread under the queue's lock, before the event can be
 * taken into a batch, so a batch never settles before its events were accepted; {@link #settled}
 * runs on the worker's thread. An exception from either is contained by the caller.
 */
interface Journal {
  Journal NONE = new Journal() {};

  /** How a batch left the emitter for good. */
  enum Fate {
    /** The collector acknowledged it. */
    DELIVERED,
    /** The collector refused it in a way a retry would not change (a 400, a single 413 …). */
    REFUSED,
    /** Evicted from a full queue to make room for a newer event. */
    EVICTED
  }

  default void accepted(Queued event) {}

  default void settled(List<Queued> batch, Fate fate) {}
}
