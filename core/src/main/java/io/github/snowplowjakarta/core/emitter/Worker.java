package io.github.snowplowjakarta.core.emitter;

import io.github.snowplowjakarta.core.emitter.Lane.Queued;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import io.github.snowplowjakarta.core.internal.encoding.PostBody;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The emitter's loop, on its own thread: takes batches from the {@link EventQueue} when they are
 * due, starts them through the {@link CollectorClient} (up to {@code maxRequestsInFlight} at once),
 * and settles each answer by the {@link ReplyPolicy}: delivered, split, given up, or back for a
 * retry after the {@link RetryDelay}. It completes the flush waiters as events settle.
 *
 * <p>Nothing but {@link Emitter#close} ends it: an exception while starting or settling one batch
 * is logged, counted in {@link EmitterStats#internalErrors()}, and the batch goes back for a retry.
 *
 * <p>A lane whose last request failed sends one request at a time, its retries first and oldest
 * first, until one succeeds. Answers arrive on the HTTP client's I/O thread, which only hands them
 * over: everything else, the listener calls included, happens on this thread.
 */
final class Worker {
  static final ThrottledLogger LOG = new ThrottledLogger(CollectorClient.class);
  private static final ThrottledLogger ERROR_LOG = new ThrottledLogger(Worker.class);
  private static final Logger SETTINGS_LOG = System.getLogger(Emitter.class.getName());
  private static final ThrottledLogger RESTART_LOG = new ThrottledLogger(Emitter.class);
  private static final long CLIENT_REBUILD_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final EmitterSettings settings;
  private final EventQueue queue;
  private final Supplier<CollectorClient> newClient;
  private CollectorClient client;
  private long clientBuiltNanos;
  private final ReplyPolicy replies;
  private final RetryDelay retryDelay;
  private final Counters counters;
  private final Listeners listeners;
  private final FlushWaiters flushWaiters;
  private final Journal journal;
  private final Lane[] lanes;
  private final long idleCheckNanos;
  private final long flushIntervalNanos;
  private final long answerWithinNanos;
  private final Thread thread;

  /** Requests sent and not yet settled. This thread only. */
  private final List<Request> inFlight = new ArrayList<>();

  /** Requests whose exchange is over, handed over by the I/O thread. */
  private final ConcurrentLinkedQueue<Request> answered = new ConcurrentLinkedQueue<>();

  private volatile boolean closing;
  private volatile boolean stopNow;
  final CompletableFuture<Void> stopped = new CompletableFuture<>();

  /** One batch on its way. */
  private static final class Request {
    final Lane lane;
    final List<Queued> batch;
    final List<EncodedEvent> events;
    final long startNanos;
    final long deadlineNanos;
    CollectorClient.Exchange exchange;
    boolean aborted;

    /** When the exchange ended, set by the I/O thread before it hands the request over. */
    long endNanos;

    /** Whether the collector acknowledged it. */
    boolean delivered;

    /** Whether the batch was released or put back: from then on it is not this request's. */
    boolean settled;

    Request(Lane lane, List<Queued> batch, long startNanos, long deadlineNanos) {
      this.lane = lane;
      this.batch = batch;
      this.startNanos = startNanos;
      this.deadlineNanos = deadlineNanos;
      this.events = new ArrayList<>(batch.size());
      for (Queued queued : batch) {
        events.add(queued.event());
      }
    }
  }

  Worker(
      EmitterSettings settings,
      EventQueue queue,
      Supplier<CollectorClient> newClient,
      Counters counters,
      FlushWaiters flushWaiters,
      Journal journal,
      ThreadFactory threads) {
    this.settings = settings;
    this.queue = queue;
    this.newClient = newClient;
    this.client = newClient.get();
    this.clientBuiltNanos = System.nanoTime();
    this.replies = new ReplyPolicy(settings);
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
    this.lanes = new Lane[] {queue.identified, queue.anonymous};
    this.flushIntervalNanos = Durations.nanos(settings.flushInterval());
    this.idleCheckNanos = Math.max(flushIntervalNanos / 4, 1);
    this.answerWithinNanos =
        Durations.nanos(settings.connectTimeout().plus(settings.responseTimeout()).plusSeconds(1));
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
        try {
          if (!step()) {
            break;
          }
        } catch (Throwable e) {
          // Not one batch's: the loop itself. Contained all the same, and slowed down.
          internalError("the emitter loop", e);
          LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
        }
      }
    } finally {
      queue.close();
      giveUpOnPending();
      closeJournal();
      client.close(stopNow);
      stopped.complete(null);
      flushWaiters.completeAll(oldestUnsettled());
    }
  }

  /** One turn of the loop; false when the emitter closed and nothing is left to send. */
  private boolean step() {
    if (Thread.interrupted() && !stopNow) {
      LOG.log(
          Level.WARNING, "Snowplow emitter thread interrupted by other code: interrupt ignored");
    }
    Request done;
    while ((done = answered.poll()) != null) {
      settleContained(done);
    }
    queue.refill();
    long now = System.nanoTime();
    for (Request request : inFlight) {
      if (!request.aborted && now - request.deadlineNanos >= 0) {
        request.aborted = true;
        request.exchange.abort(
            "no answer from the collector within "
                + TimeUnit.NANOSECONDS.toMillis(answerWithinNanos)
                + " ms");
      }
    }
    boolean sentSomething = sendDue(closing || !flushWaiters.isEmpty());
    flushWaiters.settledBefore(oldestUnsettled());
    if (closing
        && inFlight.isEmpty()
        && isIdle(lanes[0])
        && isIdle(lanes[1])
        && journal.waiting() == 0) {
      return false;
    }
    if (!sentSomething && answered.isEmpty()) {
      long waitNanos = Math.min(nanosUntilDue(lanes[0]), nanosUntilDue(lanes[1]));
      for (Request request : inFlight) {
        waitNanos = Math.min(waitNanos, request.deadlineNanos - now);
      }
      if (waitNanos > 0) {
        LockSupport.parkNanos(this, waitNanos);
      }
    }
    return true;
  }

  private boolean isIdle(Lane lane) {
    return lane.retries.isEmpty() && lane.inFlight == 0 && queue.queuedCount(lane) == 0;
  }

  /** The lowest sequence number not yet delivered or given up, or {@code Long.MAX_VALUE}. */
  private long oldestUnsettled() {
    long oldest = Math.min(queue.oldestQueuedSequence(), journal.oldestWaitingSequence());
    for (Lane lane : lanes) {
      oldest = Math.min(oldest, lane.oldestRetrySequence());
    }
    for (Request request : inFlight) {
      oldest = Math.min(oldest, request.batch.get(0).sequence());
    }
    return oldest;
  }

  private void closeJournal() {
    try {
      journal.close();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Snowplow emitter journal not closed cleanly", e);
    }
  }

  /** Starts every batch that is due while there is room in flight; true if it started one. */
  private boolean sendDue(boolean flushing) {
    boolean any = false;
    boolean more = true;
    while (more && !stopNow) {
      more = false;
      for (Lane lane : lanes) {
        if (inFlight.size() < settings.maxRequestsInFlight() && sendNext(lane, flushing)) {
          more = true;
          any = true;
        }
      }
    }
    return any;
  }

  /** Starts the lane's next batch if one is due; true if it did. */
  private boolean sendNext(Lane lane, boolean flushing) {
    long now = System.nanoTime();
    if (!lane.retries.isEmpty()) {
      if (lane.inFlight > 0 || now - lane.retryAtNanos < 0) {
        return false;
      }
      List<Queued> batch = lane.retries.remove(0);
      counters.retried.addAndGet(batch.size());
      start(lane, batch, now);
      return true;
    }
    if (lane.failedAttempts > 0 && lane.inFlight > 0) {
      // Its last request failed: one at a time until one succeeds.
      return false;
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
            || queued >= settings.eventsPerRequest()
            || queue.queuedBytes(lane) >= settings.maxBatchBytes()
            || now - lane.oldestSeenNanos >= flushIntervalNanos;
    if (!due) {
      return false;
    }
    List<Queued> batch = queue.takeBatch(lane, PostBody.envelopeSizeInBytes());
    if (batch.isEmpty()) {
      return false;
    }
    lane.oldestSeenNanos = queue.queuedCount(lane) > 0 ? now : 0;
    start(lane, batch, now);
    return true;
  }

  private long nanosUntilDue(Lane lane) {
    if (inFlight.size() >= settings.maxRequestsInFlight()
        || (lane.failedAttempts > 0 && lane.inFlight > 0)) {
      // Nothing of this lane may start before an answer, and an answer wakes this thread.
      return Durations.FOREVER_NANOS;
    }
    long now = System.nanoTime();
    if (!lane.retries.isEmpty()) {
      return lane.inFlight > 0 ? Durations.FOREVER_NANOS : lane.retryAtNanos - now;
    }
    if (lane.oldestSeenNanos == 0) {
      // Idle: look again soon, as events arriving in an empty queue do not wake the worker.
      return queue.queuedCount(lane) > 0 ? 0 : idleCheckNanos;
    }
    return lane.oldestSeenNanos + flushIntervalNanos - now;
  }

  private void start(Lane lane, List<Queued> batch, long now) {
    Request request = new Request(lane, batch, now, now + answerWithinNanos);
    try {
      replaceDeadClient(now);
      request.exchange =
          client.send(request.events, settings.clock().millis(), lane.serverAnonymisation);
    } catch (Throwable e) {
      internalError("building or starting a request", e);
      counters.lastError = "request not sent: " + e;
      retryLater(request, 0, null, e);
      return;
    }
    inFlight.add(request);
    lane.inFlight++;
    counters.requestsInFlight = inFlight.size();
    counters.eventsInFlight += batch.size();
    request.exchange.answer.whenComplete(
        (response, error) -> {
          request.endNanos = System.nanoTime();
          answered.add(request);
          wake();
        });
  }

  /**
   * Builds a new HTTP client if the current one can send no more (its I/O reactor died): at most
   * once per {@link #CLIENT_REBUILD_INTERVAL_NANOS}, and only when a request is due, so a client
   * that keeps dying costs a rebuild per retry, never a loop.
   */
  private void replaceDeadClient(long now) {
    if (now - clientBuiltNanos < CLIENT_REBUILD_INTERVAL_NANOS) {
      return;
    }
    String cause = client.deathCause();
    if (cause == null) {
      return;
    }
    clientBuiltNanos = now;
    counters.lastError = "HTTP client stopped (" + cause + ")";
    RESTART_LOG.log(
        Level.ERROR,
        "Snowplow emitter: the HTTP client stopped ("
            + cause
            + "); building a new one, the events it held are retried");
    CollectorClient dead = client;
    // Built before the dead one is closed: if building fails, the dead one is found again later.
    client = newClient.get();
    counters.clientRestarts.incrementAndGet();
    try {
      dead.close(true);
    } catch (RuntimeException e) {
      // It is dead already: what closing it could not release goes with it.
    }
  }

  /** Settles one answer; whatever goes wrong, the batch is not lost and the loop goes on. */
  private void settleContained(Request request) {
    inFlight.remove(request);
    request.lane.inFlight--;
    counters.requestsInFlight = inFlight.size();
    counters.eventsInFlight -= request.batch.size();
    try {
      settle(request);
      if (!stopNow) {
        counters.requestEnded(
            request.delivered, request.endNanos - request.startNanos, System.nanoTime());
      }
    } catch (Throwable e) {
      internalError("settling a batch", e);
      if (!request.settled) {
        request.settled = true;
        request.lane.failedAttempts++;
        request.lane.retryLater(request.batch);
        request.lane.retryAtNanos = System.nanoTime() + retryDelay.maxNanos();
      }
    }
  }

  private void settle(Request request) {
    CollectorClient.Response response;
    try {
      response = request.exchange.answer.join();
    } catch (CompletionException | CancellationException e) {
      Throwable error = e.getCause() != null ? e.getCause() : e;
      if (stopNow) {
        // Abandoned by close(): counted with the rest.
        request.settled = true;
        request.lane.retryLater(request.batch);
        return;
      }
      counters.lastError = "no answer: " + error;
      retryLater(request, 0, null, error);
      return;
    }
    Lane lane = request.lane;
    List<Queued> batch = request.batch;
    int status = response.status();
    switch (replies.judge(response, batch.size())) {
      case DELIVERED -> {
        request.settled = true;
        request.delivered = true;
        queue.release(batch);
        counters.sent.addAndGet(batch.size());
        counters.lastSuccessMillis = settings.clock().millis();
        lane.failedAttempts = 0;
        counters.misconfiguration = null;
        journal.settled(batch, Journal.Fate.DELIVERED);
        listeners.success(request.events, status);
      }
      case SPLIT -> {
        counters.lastError = "HTTP 413: request too large, splitting the batch";
        int half = batch.size() / 2;
        request.settled = true;
        lane.retryLater(new ArrayList<>(batch.subList(0, half)));
        lane.retryLater(new ArrayList<>(batch.subList(half, batch.size())));
        lane.retryAtNanos = System.nanoTime();
        listeners.failure(request.events, status, null, true);
      }
      case REFUSED -> {
        counters.lastError = "HTTP " + status + ": events not accepted, not retried";
        request.settled = true;
        queue.release(batch);
        counters.lose(LossReason.REFUSED, batch.size());
        LOG.log(
            Level.WARNING,
            "Snowplow collector refused " + batch.size() + " events with HTTP " + status);
        journal.settled(batch, Journal.Fate.REFUSED);
        listeners.failure(request.events, status, null, false);
      }
      case MISCONFIGURED -> {
        String fix = replies.likelyFix(response);
        counters.lastError =
            response.proxy() != null
                ? "HTTP " + status + " from the proxy " + response.proxy()
                : "HTTP " + status;
        if (!fix.equals(counters.misconfiguration)) {
          SETTINGS_LOG.log(
              Level.ERROR,
              "Snowplow collector: "
                  + fix
                  + ". This will not change by itself: events are kept, and tried again every "
                  + TimeUnit.NANOSECONDS.toSeconds(retryDelay.maxNanos())
                  + " s");
        }
        counters.misconfiguration = fix;
        counters.lastFailureMillis = settings.clock().millis();
        request.settled = true;
        lane.failedAttempts++;
        lane.retryLater(batch);
        lane.retryAtNanos = System.nanoTime() + retryDelay.maxNanos();
        listeners.failure(request.events, status, null, true);
      }
      case RETRY -> {
        counters.lastError =
            response.proxy() != null
                ? "HTTP " + status + " from the proxy " + response.proxy() + " (CONNECT)"
                : "HTTP " + status;
        retryLater(request, status, response.retryAfter(), null);
      }
    }
  }

  private void retryLater(Request request, int status, String retryAfter, Throwable error) {
    counters.lastFailureMillis = settings.clock().millis();
    Lane lane = request.lane;
    request.settled = true;
    lane.failedAttempts++;
    lane.retryLater(request.batch);
    long delayNanos = retryDelay.maxNanos();
    try {
      delayNanos = retryDelay.nanos(lane.failedAttempts, retryAfter);
    } finally {
      lane.retryAtNanos = System.nanoTime() + delayNanos;
    }
    LOG.log(
        Level.WARNING,
        "Snowplow collector unavailable ("
            + counters.lastError
            + "), "
            + queue.pendingCount()
            + " events waiting; retrying in "
            + TimeUnit.NANOSECONDS.toMillis(delayNanos)
            + " ms");
    listeners.failure(request.events, status, error, true);
  }

  private void internalError(String during, Throwable e) {
    counters.internalErrors.incrementAndGet();
    ERROR_LOG.log(
        Level.ERROR, "Snowplow emitter: unexpected error while " + during + "; going on", e);
  }

  /**
   * At the end: every event not delivered is released, never settled, and counted as failed unless
   * the journal keeps it for the next start.
   */
  private void giveUpOnPending() {
    List<Queued> left = new ArrayList<>();
    for (Request request : inFlight) {
      if (request.exchange != null) {
        request.exchange.abort("the emitter stopped");
      }
      queue.release(request.batch);
      left.addAll(request.batch);
    }
    inFlight.clear();
    counters.requestsInFlight = 0;
    counters.eventsInFlight = 0;
    for (Lane lane : lanes) {
      lane.inFlight = 0;
      for (List<Queued> batch : lane.retries) {
        queue.release(batch);
        left.addAll(batch);
      }
      lane.retries.clear();
      left.addAll(queue.drainQueued(lane));
    }
    int lost = journal.lostOf(left);
    if (lost > 0) {
      counters.lose(LossReason.UNSENT_AT_CLOSE, lost);
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
