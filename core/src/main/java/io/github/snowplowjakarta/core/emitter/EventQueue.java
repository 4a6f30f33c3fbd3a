package io.github.snowplowjakarta.core.emitter;

import io.github.snowplowjakarta.core.emitter.Lane.Queued;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Admission: the bounded queue every event enters. It numbers each accepted event, keeps the count
 * and bytes of every event not yet settled (queued, in flight or waiting for a retry) within the
 * emitter's bounds, and makes room under {@link OverflowPolicy#DROP_OLDEST} by evicting the oldest
 * queued events. One lock guards numbering, bounds and both lanes' queues, so the queues stay in
 * sequence order and two producers never evict for the same room.
 */
final class EventQueue {
  private static final ThrottledLogger LOG = new ThrottledLogger(EventQueue.class);

  /** The collector turns a body over 1 MiB into one bad row: no single event may come near it. */
  static final int MAX_EVENT_BYTES = 1_000_000;

  /** What {@link #offer} did. */
  enum Admission {
    DROPPED,
    QUEUED,
    /** Queued, and its lane now holds a full batch: worth waking the worker for. */
    BATCH_READY
  }

  private final EmitterSettings settings;
  private final Counters counters;
  private final Journal journal;
  final Lane identified = new Lane(false);
  final Lane anonymous = new Lane(true);

  private final Object lock = new Object();
  private long sequence;
  // Written under the lock, read without it: a stats() read never waits for a tracking thread.
  private volatile int pendingCount;
  private long pendingBytes;
  private boolean closed;

  private final Journal.Window window = this::admitKept;

  EventQueue(EmitterSettings settings, Counters counters, Journal journal) {
    this.settings = settings;
    this.counters = counters;
    this.journal = journal;
    this.sequence = journal.lastSequence();
  }

  Admission offer(EncodedEvent event) {
    int size = event.sizeInBytes();
    if (size > MAX_EVENT_BYTES) {
      counters.lose(LossReason.TOO_LARGE, 1);
      LOG.log(
          Level.WARNING,
          "Snowplow event "
              + event.eventId()
              + " dropped: "
              + size
              + " bytes, more than a collector accepts in one request");
      return Admission.DROPPED;
    }
    if (size > settings.maxQueueBytes()) {
      counters.drop(LossReason.LARGER_THAN_QUEUE, "the event is larger than the whole queue");
      return Admission.DROPPED;
    }
    if (journal.keepsEvents()) {
      return offerKept(event);
    }
    Lane lane = event.serverAnonymisation() ? anonymous : identified;
    synchronized (lock) {
      if (closed) {
        counters.drop(LossReason.CLOSED, "the emitter is closed");
        return Admission.DROPPED;
      }
      if (!makeRoom(size)) {
        counters.drop(LossReason.QUEUE_FULL, "the queue is full");
        return Admission.DROPPED;
      }
      Queued queued = new Queued(event, ++sequence);
      try {
        journal.accepted(queued);
      } catch (RuntimeException e) {
        // Kept in memory all the same: the journal's failure is counted, not the caller's.
        counters.internalErrors.incrementAndGet();
        LOG.log(Level.ERROR, "Snowplow emitter: the journal failed to record an event", e);
      }
      lane.add(queued);
      pendingCount++;
      pendingBytes += size;
      counters.accepted.incrementAndGet();
      return lane.queuedCount == settings.batchSize()
              || (lane.queuedBytes >= settings.maxBatchBytes()
                  && lane.queuedBytes - size < settings.maxBatchBytes())
          ? Admission.BATCH_READY
          : Admission.QUEUED;
    }
  }

  /**
   * With a journal that keeps events: accepted once kept, queued in memory if the window has room
   * and no older event waits in the journal, otherwise left there for {@link #refill}. Nothing is
   * evicted.
   */
  private Admission offerKept(EncodedEvent event) {
    long kept;
    boolean batchReady;
    synchronized (lock) {
      if (closed) {
        counters.drop(LossReason.CLOSED, "the emitter is closed");
        return Admission.DROPPED;
      }
      Lane lane = event.serverAnonymisation() ? anonymous : identified;
      int queuedBefore = lane.queuedCount;
      kept = journal.append(event, window);
      if (kept < 0) {
        counters.lose(LossReason.SPOOL_WRITE, 1);
        return Admission.DROPPED;
      }
      sequence = kept;
      counters.accepted.incrementAndGet();
      batchReady = lane.queuedCount > queuedBefore && lane.queuedCount == settings.batchSize();
    }
    journal.commit(kept);
    return batchReady ? Admission.BATCH_READY : Admission.QUEUED;
  }

  /** The window's side of a journal that keeps events: takes the event if it fits. */
  private boolean admitKept(long kept, EncodedEvent event) {
    int size = event.sizeInBytes();
    if (!fits(pendingCount + 1, pendingBytes + size)) {
      return false;
    }
    (event.serverAnonymisation() ? anonymous : identified).add(new Queued(event, kept));
    pendingCount++;
    pendingBytes += size;
    return true;
  }

  /** Moves events waiting in a journal that keeps them into memory, as far as there is room. */
  void refill() {
    long waiting = journal.waiting();
    while (waiting > 0) {
      // The disk read, if any, before the lock: trackers wait for the lock, never for the disk.
      journal.prefetch();
      synchronized (lock) {
        if (closed) {
          return;
        }
        journal.refill(window);
      }
      long before = waiting;
      waiting = journal.waiting();
      if (waiting == before) {
        return; // the window is full
      }
    }
  }

  /** Whether an event of this size fits, after evicting the oldest queued events if allowed. */
  private boolean makeRoom(int size) {
    if (fits(pendingCount + 1, pendingBytes + size)) {
      return true;
    }
    if (settings.overflowPolicy() == OverflowPolicy.DROP_NEWEST
        // Batches in flight or waiting for a retry cannot be evicted.
        || !fits(
            pendingCount + 1 - identified.queuedCount - anonymous.queuedCount,
            pendingBytes + size - identified.queuedBytes - anonymous.queuedBytes)) {
      return false;
    }
    while (!fits(pendingCount + 1, pendingBytes + size)) {
      Lane older =
          identified.oldestQueuedSequence() < anonymous.oldestQueuedSequence()
              ? identified
              : anonymous;
      Queued evicted = older.takeOldest();
      pendingCount--;
      pendingBytes -= evicted.event().sizeInBytes();
      counters.drop(LossReason.QUEUE_FULL, "the queue is full");
      try {
        journal.settled(List.of(evicted), Journal.Fate.EVICTED);
      } catch (RuntimeException e) {
        counters.internalErrors.incrementAndGet();
        LOG.log(Level.ERROR, "Snowplow emitter: the journal failed to record an eviction", e);
      }
    }
    return true;
  }

  private boolean fits(long count, long bytes) {
    return count <= settings.queueCapacity() && bytes <= settings.maxQueueBytes();
  }

  /** Takes the next batch of the lane, up to the emitter's batch limits; empty if none queued. */
  List<Queued> takeBatch(Lane lane, int envelopeBytes) {
    synchronized (lock) {
      return lane.takeBatch(settings.eventsPerRequest(), settings.maxBatchBytes(), envelopeBytes);
    }
  }

  int queuedCount(Lane lane) {
    synchronized (lock) {
      return lane.queuedCount;
    }
  }

  long queuedBytes(Lane lane) {
    synchronized (lock) {
      return lane.queuedBytes;
    }
  }

  /** The lowest sequence number queued in either lane, or {@code Long.MAX_VALUE}. */
  long oldestQueuedSequence() {
    synchronized (lock) {
      return Math.min(identified.oldestQueuedSequence(), anonymous.oldestQueuedSequence());
    }
  }

  /** The number of the last event accepted. */
  long lastSequence() {
    synchronized (lock) {
      return sequence;
    }
  }

  /** Forgets events that left the emitter, delivered or given up, freeing their room. */
  void release(List<Queued> batch) {
    long bytes = 0;
    for (Queued queued : batch) {
      bytes += queued.event().sizeInBytes();
    }
    synchronized (lock) {
      pendingCount -= batch.size();
      pendingBytes -= bytes;
    }
  }

  /**
   * Events accepted and not yet settled: queued, in flight, waiting for a retry, or waiting in a
   * journal that keeps events.
   */
  int pendingCount() {
    return (int) Math.min(Integer.MAX_VALUE, pendingCount + journal.waiting());
  }

  /** Refuses every later event. */
  void close() {
    synchronized (lock) {
      closed = true;
    }
  }

  boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /** Takes every queued event of the lane, for an emitter that stopped; they are released. */
  List<Queued> drainQueued(Lane lane) {
    synchronized (lock) {
      List<Queued> drained = new ArrayList<>();
      Queued queued;
      while ((queued = lane.takeOldest()) != null) {
        pendingCount--;
        pendingBytes -= queued.event().sizeInBytes();
        drained.add(queued);
      }
      return drained;
    }
  }
}
