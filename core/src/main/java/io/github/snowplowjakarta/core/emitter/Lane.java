package io.github.snowplowjakarta.core.emitter;

import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The events of one kind, server-anonymised or not, on their way to the collector: the two kinds
 * never share a request. Producers add to {@link #queue}; only the emitter's thread takes from it,
 * and only it touches the batches waiting to be retried.
 */
final class Lane {
  /** An event with the sequence number it was accepted under. */
  record Queued(EncodedEvent event, long sequence) {}

  final boolean serverAnonymisation;
  final ConcurrentLinkedDeque<Queued> queue = new ConcurrentLinkedDeque<>();
  final AtomicInteger queuedCount = new AtomicInteger();
  final AtomicLong queuedBytes = new AtomicLong();

  /** Batches that failed and wait for their retry, oldest first. Emitter thread only. */
  final Deque<List<Queued>> retries = new ArrayDeque<>();

  long retryAtNanos;
  int failedAttempts;

  /** When the emitter first saw the oldest queued event, or 0 when the queue was empty. */
  long oldestSeenNanos;

  Lane(boolean serverAnonymisation) {
    this.serverAnonymisation = serverAnonymisation;
  }

  /**
   * Takes up to {@code maxEvents} events, and as many bytes as fit {@code maxBytes} (one at least).
   */
  List<Queued> takeBatch(int maxEvents, long maxBytes, int envelopeBytes) {
    List<Queued> batch = new ArrayList<>(Math.min(maxEvents, Math.max(1, queuedCount.get())));
    long bytes = envelopeBytes;
    Queued next;
    while (batch.size() < maxEvents && (next = queue.pollFirst()) != null) {
      int size = next.event().sizeInBytes() + 1;
      if (!batch.isEmpty() && bytes + size > maxBytes) {
        queue.offerFirst(next);
        break;
      }
      taken(next);
      batch.add(next);
      bytes += size;
    }
    return batch;
  }

  /** Removes the oldest queued event, for a producer making room; null when there is none. */
  Queued evictOldest() {
    Queued oldest = queue.pollFirst();
    if (oldest != null) {
      taken(oldest);
    }
    return oldest;
  }

  private void taken(Queued queued) {
    queuedCount.decrementAndGet();
    queuedBytes.addAndGet(-queued.event().sizeInBytes());
  }

  /** The lowest sequence number not yet delivered or given up, or {@code Long.MAX_VALUE}. */
  long oldestPendingSequence() {
    long oldest = Long.MAX_VALUE;
    for (List<Queued> batch : retries) {
      for (Queued queued : batch) {
        oldest = Math.min(oldest, queued.sequence());
      }
    }
    Queued head = queue.peekFirst();
    return head == null ? oldest : Math.min(oldest, head.sequence());
  }

  boolean isIdle() {
    return retries.isEmpty() && queue.isEmpty();
  }
}
