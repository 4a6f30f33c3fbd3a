package io.github.snowplowjakarta.core.emitter;

import io.github.snowplowjakarta.core.emitter.Lane.Queued;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
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
 *
 * <p>A {@linkplain #keepsEvents() journal that keeps events} (the {@link SpoolJournal}) changes
 * admission: it holds every accepted event itself and numbers it, and the queue in memory is only a
 * window onto it. An event that does not fit the window waits in the journal, which offers it to
 * the window later, oldest first; nothing is evicted. The other methods are for such a journal.
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

  /** Whether this journal keeps every accepted event, the queue in memory being a window. */
  default boolean keepsEvents() {
    return false;
  }

  /**
   * Keeps the event and numbers it; offers it to the window at once when no older event waits.
   * Under the queue's lock.
   *
   * @return its sequence number, or -1 if it could not be kept (it is not accepted then)
   */
  default long append(EncodedEvent event, Window window) {
    throw new UnsupportedOperationException();
  }

  /** After {@link #append}, outside the queue's lock: returns once the event is as safe as kept. */
  default void commit(long sequence) {}

  /**
   * Before {@link #refill}, outside the queue's lock: loads what the refill will offer, so that it
   * need not wait for a disk.
   */
  default void prefetch() {}

  /** Offers the window the events waiting outside it, oldest first, until it is full. */
  default void refill(Window window) {}

  /** Events kept and waiting outside the window. */
  default long waiting() {
    return 0;
  }

  /** The sequence number of the oldest event waiting outside the window, or Long.MAX_VALUE. */
  default long oldestWaitingSequence() {
    return Long.MAX_VALUE;
  }

  /** The sequence number of the last event kept, or 0. */
  default long lastSequence() {
    return 0;
  }

  /** Of these events, undelivered when the emitter stopped, how many are lost with it. */
  default int lostOf(List<Queued> events) {
    return events.size();
  }

  /** What a spool holds, or null for a journal that is none. */
  default SpoolStats spoolStats() {
    return null;
  }

  /** When the emitter stopped: what it still keeps stays for the next run. */
  default void close() {}

  /** The queue in memory, as a journal that keeps events sees it. */
  @FunctionalInterface
  interface Window {
    /** Takes the event if it has room, under the queue's lock; false leaves it in the journal. */
    boolean offer(long sequence, EncodedEvent event);
  }
}
