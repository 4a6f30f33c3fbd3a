package io.github.snowplowjakarta.core.emitter;

import io.github.snowplowjakarta.core.emitter.Lane.Queued;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.encoding.PostBody;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The emitter's loop, on its own thread: takes batches from the {@link EventQueue} when they are
 * due, sends them through the {@link CollectorClient}, and settles each by the {@link ReplyPolicy}:
 * delivered, split, given up, or back for a retry after the {@link RetryDelay}. It completes the
 * flush waiters as events settle, and ends only when the emitter closes.
 */
final class Worker {
  static final ThrottledLogger LOG = new ThrottledLogger(CollectorClient.class);

  private final EmitterSettings settings;
  private final EventQueue queue;
  private final CollectorClient client;
  private final ReplyPolicy replies;
  private final RetryDelay retryDelay;
  private final Counters counters;
  private final Listeners listeners;
  private final FlushWaiters flushWaiters;
  private final Journal journal;
  private final long idleCheckNanos;
  private final Thread thread;

  private volatile boolean closing;
  private volatile boolean stopNow;
  final CompletableFuture<Void> stopped = new CompletableFuture<>();

  Worker(
      EmitterSettings settings,
      EventQueue queue,
      CollectorClient client,
      Counters counters,
      FlushWaiters flushWaiters,
      Journal journal,
      ThreadFactory threads) {
    this.settings = settings;
    this.queue = queue;
    this.client = client;
    this.replies = new ReplyPolicy(settings.noRetryStatusCodes());
    this.retryDelay =
        new RetryDelay(
            settings.initialBackoff(),
            settings.maxBackoff(),
            settings.maxRetryAfter(),
            settings.clock());
    this.counters = counters;
    this.listeners = new Listeners(settings.listener());
    this.flushWaiters = flushWaiters;
    this.journal = journal;
    this.idleCheckNanos = Math.max(settings.flushInterval().toNanos() / 4, 1);
    this.thread = threads.newThread(this::run);
  }

  void start() {
    thread.start();
  }

  void wake() {
    LockSupport.unpark(thread);
  }

  boolean isWorkerThread() {
    return Thread.currentThread() == thread;
  }

  /** Delivers what is queued, then ends. */
  void closeSoon() {
    closing = true;
    wake();
  }

  /** Ends at once: what is in flight is abandoned and counted with the rest. */
  void stopNow() {
    stopNow = true;
    thread.interrupt();
  }

  private void run() {
    try {
      while (!stopNow) {
        if (Thread.interrupted() && !stopNow) {
          LOG.log(
              Level.WARNING,
              "Snowplow emitter thread interrupted by other code: interrupt ignored");
        }
        queue.refill();
        boolean flushing = closing || !flushWaiters.isEmpty();
        boolean sentSomething =
            serve(queue.identified, flushing) | serve(queue.anonymous, flushing);
        flushWaiters.settledBefore(oldestUnsettled());
        if (closing
            && isIdle(queue.identified)
            && isIdle(queue.anonymous)
            && journal.waiting() == 0) {
          break;
        }
        if (!sentSomething) {
          long waitNanos =
              Math.min(nanosUntilDue(queue.identified), nanosUntilDue(queue.anonymous));
          if (waitNanos > 0) {
            LockSupport.parkNanos(this, waitNanos);
          }
        }
      }
    } catch (RuntimeException | Error e) {
      LOG.log(Level.ERROR, "Snowplow emitter stopped by an unexpected error", e);
    } finally {
      queue.close();
      giveUpOnPending();
      closeJournal();
      client.close(stopNow);
      stopped.complete(null);
      flushWaiters.completeAll(oldestUnsettled());
    }
  }

  private boolean isIdle(Lane lane) {
    return lane.retries.isEmpty() && queue.queuedCount(lane) == 0;
  }

  /** The lowest sequence number not yet delivered or given up, or {@code Long.MAX_VALUE}. */
  private long oldestUnsettled() {
    return Math.min(
        Math.min(queue.oldestQueuedSequence(), journal.oldestWaitingSequence()),
        Math.min(queue.identified.oldestRetrySequence(), queue.anonymous.oldestRetrySequence()));
  }

  private void closeJournal() {
    try {
      journal.close();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Snowplow emitter journal not closed cleanly", e);
    }
  }

  /** Sends one batch from the lane if one is due; true if it sent. */
  private boolean serve(Lane lane, boolean flushing) {
    if (stopNow) {
      return false;
    }
    long now = System.nanoTime();
    if (!lane.retries.isEmpty()) {
      if (now - lane.retryAtNanos < 0) {
        return false;
      }
      List<Queued> batch = lane.retries.pollFirst();
      counters.retried.addAndGet(batch.size());
      send(lane, batch);
      return true;
    }
    int queued = queue.queuedCount(lane);
    if (queued == 0) {
      lane.oldestSeenNanos = 0;
      return false;
    }
    if (lane.oldestSeenNanos == 0) {
      lane.oldestSeenNanos = now;
    }
    boolean due =
        flushing
            || queued >= settings.batchSize()
            || queue.queuedBytes(lane) >= settings.maxBatchBytes()
            || now - lane.oldestSeenNanos >= settings.flushInterval().toNanos();
    if (!due) {
      return false;
    }
    List<Queued> batch = queue.takeBatch(lane, PostBody.envelopeSizeInBytes());
    if (batch.isEmpty()) {
      return false;
    }
    lane.oldestSeenNanos = queue.queuedCount(lane) > 0 ? now : 0;
    send(lane, batch);
    return true;
  }

  private long nanosUntilDue(Lane lane) {
    long now = System.nanoTime();
    if (!lane.retries.isEmpty()) {
      return lane.retryAtNanos - now;
    }
    if (lane.oldestSeenNanos == 0) {
      // Idle: look again soon, as events arriving in an empty queue do not wake the worker.
      return queue.queuedCount(lane) > 0 ? 0 : idleCheckNanos;
    }
    return lane.oldestSeenNanos + settings.flushInterval().toNanos() - now;
  }

  private void send(Lane lane, List<Queued> batch) {
    List<EncodedEvent> events = new ArrayList<>(batch.size());
    for (Queued queued : batch) {
      events.add(queued.event());
    }
    CollectorClient.Response response;
    try {
      response = client.send(events, settings.clock().millis(), lane.serverAnonymisation);
    } catch (InterruptedIOException e) {
      if (stopNow) {
        lane.retries.addFirst(batch);
        return;
      }
      counters.lastError = "no answer: " + e;
      retryLater(lane, batch, events, 0, null, e);
      return;
    } catch (IOException | RuntimeException e) {
      counters.lastError = "no answer: " + e;
      retryLater(lane, batch, events, 0, null, e);
      return;
    } catch (InterruptedException e) {
      // close() gave up waiting: the batch goes back so it is counted with the rest.
      lane.retries.addFirst(batch);
      stopNow = true;
      return;
    }
    settle(lane, batch, events, response);
  }

  /** Applies the collector's answer to the batch. */
  private void settle(
      Lane lane, List<Queued> batch, List<EncodedEvent> events, CollectorClient.Response response) {
    int status = response.status();
    switch (replies.judge(status, batch.size())) {
      case DELIVERED -> {
        queue.release(batch);
        journal.settled(batch, Journal.Fate.DELIVERED);
        counters.sent.addAndGet(batch.size());
        lane.failedAttempts = 0;
        listeners.success(events, status);
      }
      case SPLIT -> {
        counters.lastError = "HTTP 413: request too large, splitting the batch";
        int half = batch.size() / 2;
        lane.retries.addFirst(new ArrayList<>(batch.subList(half, batch.size())));
        lane.retries.addFirst(new ArrayList<>(batch.subList(0, half)));
        lane.retryAtNanos = System.nanoTime();
        listeners.failure(events, status, null, true);
      }
      case REFUSED -> {
        counters.lastError = "HTTP " + status + ": events not accepted, not retried";
        queue.release(batch);
        journal.settled(batch, Journal.Fate.REFUSED);
        counters.failed.addAndGet(batch.size());
        LOG.log(
            Level.WARNING,
            "Snowplow collector refused " + batch.size() + " events with HTTP " + status);
        listeners.failure(events, status, null, false);
      }
      case RETRY -> {
        counters.lastError = "HTTP " + status;
        retryLater(lane, batch, events, status, response.retryAfter(), null);
      }
    }
  }

  private void retryLater(
      Lane lane,
      List<Queued> batch,
      List<EncodedEvent> events,
      int status,
      String retryAfter,
      Throwable error) {
    lane.failedAttempts++;
    long delayNanos = retryDelay.nanos(lane.failedAttempts, retryAfter);
    lane.retries.addFirst(batch);
    lane.retryAtNanos = System.nanoTime() + delayNanos;
    LOG.log(
        Level.WARNING,
        "Snowplow collector unavailable ("
            + counters.lastError
            + "), "
            + queue.pendingCount()
            + " events waiting; retrying in "
            + TimeUnit.NANOSECONDS.toMillis(delayNanos)
            + " ms");
    listeners.failure(events, status, error, true);
  }

  /**
   * At the end: every event not delivered is released, never settled, and counted as failed unless
   * the journal keeps it for the next start.
   */
  private void giveUpOnPending() {
    List<Queued> left = new ArrayList<>();
    for (Lane lane : new Lane[] {queue.identified, queue.anonymous}) {
      for (List<Queued> batch : lane.retries) {
        queue.release(batch);
        left.addAll(batch);
      }
      lane.retries.clear();
      left.addAll(queue.drainQueued(lane));
    }
    int lost = journal.lostOf(left);
    if (lost > 0) {
      counters.failed.addAndGet(lost);
      LOG.log(Level.WARNING, "Snowplow emitter closed with " + lost + " events undelivered");
    }
    long kept = left.size() - lost + journal.waiting();
    if (kept > 0) {
      LOG.log(
          Level.WARNING,
          "Snowplow emitter closed with "
              + kept
              + " events undelivered, kept in "
              + journal
              + " for the next start");
    }
  }
}
