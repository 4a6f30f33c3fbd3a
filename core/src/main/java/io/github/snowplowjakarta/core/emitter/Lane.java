package io.github.snowplowjakarta.core.emitter;

import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The events of one kind, server-anonymised or not, on their way to the collector: the two kinds
 * never share a request. The queued events belong to the {@link EventQueue} and are touched under
 * its lock; the rest (batches waiting for a retry or in flight, the timers) belongs to the {@link
 * Worker}'s thread alone.
 */
final class Lane {
  /** An event with the sequence number it was accepted under. */
  record Queued(EncodedEvent event, long sequence) {
    // equals, hashCode and toString are written out: on Java 17 a record's generated ones can
    // keep its class loader alive (see Anonymisation).
    @Override
    public boolean equals(Object other) {
      return other instanceof Queued that
          && Objects.equals(event, that.event)
          && sequence == that.sequence;
    }

    @Override
    public int hashCode() {
      return Objects.hash(event, sequence);
    }

    @Override
    public String toString() {
      return "Queued[" + "event=" + event + ", sequence=" + sequence + "]";
    }
  }

  final boolean serverAnonymisation;

  // Guarded by the EventQueue's lock: in sequence order, as events are numbered under that lock.
  final Deque<Queued> queue = new ArrayDeque<>();
  int queuedCount;
  long queuedBytes;

  // The worker's thread only.
  /** Batches that failed and wait for their retry, oldest first. */
  final List<List<Queued>> retries = new ArrayList<>();

  /** Requests of this lane in flight. */
  int inFlight;

  long retryAtNanos;
  int failedAttempts;

  /** When the worker first saw the oldest queued event, or 0 when the queue was empty. */
  long oldestSeenNanos;

  Lane(boolean serverAnonymisation) {
    this.serverAnonymisation = serverAnonymisation;
  }

  /**
   * Takes up to {@code maxEvents} events, and as many bytes as fit {@code maxBytes} (one at least).
   */
  List<Queued> takeBatch(int maxEvents, long maxBytes, int envelopeBytes) {
    List<Queued> batch = new ArrayList<>(Math.min(maxEvents, Math.max(1, queuedCount)));
    long bytes = envelopeBytes;
    Queued next;
    while (batch.size() < maxEvents && (next = queue.peekFirst()) != null) {
      int size = next.event().sizeInBytes() + 1;
      if (!batch.isEmpty() && bytes + size > maxBytes) {
        break;
      }
      taken(queue.pollFirst());
      batch.add(next);
      bytes += size;
    }
    return batch;
  }

  /** Removes the oldest queued event; null when there is none. */
  Queued takeOldest() {
    Queued oldest = queue.pollFirst();
    if (oldest != null) {
      taken(oldest);
    }
    return oldest;
  }

  void add(Queued queued) {
    queue.addLast(queued);
    queuedCount++;
    queuedBytes += queued.event().sizeInBytes();
  }

  private void taken(Queued queued) {
    queuedCount--;
    queuedBytes -= queued.event().sizeInBytes();
  }

  /** Puts a batch back for a retry, in sequence order with the others waiting. */
  void retryLater(List<Queued> batch) {
    long first = batch.get(0).sequence();
    int at = 0;
    while (at < retries.size() && retries.get(at).get(0).sequence() < first) {
      at++;
    }
    retries.add(at, batch);
  }

  /** The lowest sequence number still waiting for a retry, or {@code Long.MAX_VALUE}. */
  long oldestRetrySequence() {
    long oldest = Long.MAX_VALUE;
    for (List<Queued> batch : retries) {
      for (Queued queued : batch) {
        oldest = Math.min(oldest, queued.sequence());
      }
    }
    return oldest;
  }

  /** The lowest queued sequence number, or {@code Long.MAX_VALUE}. Under the queue's lock. */
  long oldestQueuedSequence() {
    Queued head = queue.peekFirst();
    return head == null ? Long.MAX_VALUE : head.sequence();
  }
}
