package io.github.snowplowjakarta.core.emitter;

import io.github.snowplowjakarta.core.emitter.Lane.Queued;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.encoding.PostBody;
import io.github.snowplowjakarta.core.internal.Checks;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Delivers encoded events to a Snowplow collector, in batches, from one background thread.
 *
 * <p>{@link #add} only puts the event in a bounded queue: it never blocks and never throws, when
 * the collector is down and when the queue is full alike. A batch leaves when it reaches its event
 * count or byte size, or when its oldest event has waited the flush interval. Server-anonymised
 * events travel in their own requests, with the {@code SP-Anonymous: *} header. Failed requests are
 * retried with exponential backoff and jitter, honouring {@code Retry-After}; one request is in
 * flight at a time.
 *
 * <p>The owner closes it: there is no JVM shutdown hook.
 */
public final class Emitter implements AutoCloseable {
  private static final ThrottledLogger DROP_LOG = new ThrottledLogger(Emitter.class);
  private static final ThrottledLogger DELIVERY_LOG = new ThrottledLogger(CollectorClient.class);
  private static final ThrottledLogger LISTENER_LOG = new ThrottledLogger(EmitterListener.class);
  private static final AtomicInteger EMITTERS = new AtomicInteger();

  /** The collector turns a body over 1 MiB into one bad row: no single event may come near it. */
  static final int MAX_EVENT_BYTES = 1_000_000;

  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final Builder config;
  private final CollectorClient client;
  private final Clock clock;
  private final Lane identified = new Lane(false);
  private final Lane anonymous = new Lane(true);
  private final Thread worker;
  private final long idleCheckNanos;
  private final RetryDelay retryDelay;

  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger pendingCount = new AtomicInteger();
  private final AtomicLong pendingBytes = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile String lastError;

  private final List<FlushWaiter> flushWaiters = new ArrayList<>();
  private volatile boolean closing;
  private volatile boolean stopNow;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();

  private record FlushWaiter(long upToSequence, CompletableFuture<Boolean> done) {}

  private Emitter(Builder config) {
    this.config = config;
    this.clock = config.clock;
    this.idleCheckNanos = Math.max(config.flushInterval.toNanos() / 4, 1);
    this.retryDelay =
        new RetryDelay(config.initialBackoff, config.maxBackoff, config.maxRetryAfter, clock);
    ThreadFactory threads = config.threadFactory != null ? config.threadFactory : defaultThreads();
    this.client =
        new CollectorClient(
            config.collector,
            config.postPath,
            config.method,
            config.headers,
            config.connectTimeout,
            config.responseTimeout,
            threads);
    this.worker = threads.newThread(this::run);
    worker.start();
  }

  private static ThreadFactory defaultThreads() {
    int emitter = EMITTERS.incrementAndGet();
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread =
          new Thread(task, "snowplow-emitter-" + emitter + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      // A redeployed web application must not stay reachable through this thread.
      thread.setContextClassLoader(null);
      return thread;
    };
  }

  public static Builder builder(URI collector) {
    return new Builder(collector);
  }

  /**
   * Queues an event for delivery. Never blocks, never throws.
   *
   * @return false if the event was dropped: the queue was full (under {@link
   *     OverflowPolicy#DROP_NEWEST}), the event was too large, or the emitter is closed
   */
  public boolean add(EncodedEvent event) {
    if (event == null) {
      return false;
    }
    if (closing) {
      drop(1, "the emitter is closed");
      return false;
    }
    int size = event.sizeInBytes();
    if (size > MAX_EVENT_BYTES) {
      failed.incrementAndGet();
      DROP_LOG.log(
          Level.WARNING,
          "Snowplow event "
              + event.eventId()
              + " dropped: "
              + size
              + " bytes, more than a collector accepts in one request");
      return false;
    }
    if (size > config.maxQueueBytes) {
      drop(1, "the event is larger than the whole queue");
      return false;
    }
    int count = pendingCount.incrementAndGet();
    long bytes = pendingBytes.addAndGet(size);
    if (count > config.queueCapacity || bytes > config.maxQueueBytes) {
      if (config.overflowPolicy == OverflowPolicy.DROP_NEWEST
          || !evictionCanMakeRoom()
          || !evictForRoom()) {
        pendingCount.decrementAndGet();
        pendingBytes.addAndGet(-size);
        drop(1, "the queue is full");
        return false;
      }
    }
    Lane lane = event.serverAnonymisation() ? anonymous : identified;
    Queued queued = new Queued(event, sequence.incrementAndGet());
    lane.queue.offerLast(queued);
    if (stopped.isDone() && lane.queue.removeLastOccurrence(queued)) {
      // close() finished between the check above and now: nobody will send it.
      pendingCount.decrementAndGet();
      pendingBytes.addAndGet(-size);
      drop(1, "the emitter is closed");
      return false;
    }
    int laneCount = lane.queuedCount.incrementAndGet();
    long laneBytes = lane.queuedBytes.addAndGet(size);
    accepted.incrementAndGet();
    // Waking the worker costs a system call: only for a full batch. It finds the rest on its own.
    if (laneCount == config.batchSize
        || (laneBytes >= config.maxBatchBytes && laneBytes - size < config.maxBatchBytes)) {
      LockSupport.unpark(worker);
    }
    return true;
  }

  /**
   * Whether dropping every queued event would do: batches waiting for a retry cannot be dropped.
   */
  private boolean evictionCanMakeRoom() {
    int evictable = identified.queuedCount.get() + anonymous.queuedCount.get();
    long evictableBytes = identified.queuedBytes.get() + anonymous.queuedBytes.get();
    return pendingCount.get() - evictable <= config.queueCapacity
        && pendingBytes.get() - evictableBytes <= config.maxQueueBytes;
  }

  /** Drops the oldest queued events until the new one fits; false if nothing could be dropped. */
  private boolean evictForRoom() {
    while (pendingCount.get() > config.queueCapacity || pendingBytes.get() > config.maxQueueBytes) {
      Queued oldest = oldestOf(identified, anonymous);
      if (oldest == null) {
        return false;
      }
      pendingCount.decrementAndGet();
      pendingBytes.addAndGet(-oldest.event().sizeInBytes());
      drop(1, "the queue is full");
    }
    return true;
  }

  private static Queued oldestOf(Lane a, Lane b) {
    Queued headA = a.queue.peekFirst();
    Queued headB = b.queue.peekFirst();
    Lane older = headB == null || (headA != null && headA.sequence() < headB.sequence()) ? a : b;
    Queued evicted = older.evictOldest();
    return evicted != null ? evicted : (older == a ? b : a).evictOldest();
  }

  private void drop(int events, String why) {
    dropped.addAndGet(events);
    DROP_LOG.log(Level.WARNING, "Snowplow events dropped: " + why);
  }

  /**
   * Waits until every event added before this call is delivered or given up, sending what is queued
   * at once.
   *
   * @return true if that happened within the timeout
   */
  public boolean flush(Duration timeout) {
    if (stopped.isDone()) {
      return pendingCount.get() == 0;
    }
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    FlushWaiter waiter = new FlushWaiter(sequence.get(), done);
    synchronized (flushWaiters) {
      flushWaiters.add(waiter);
    }
    if (stopped.isDone()) {
      completeFlushWaiters();
    }
    LockSupport.unpark(worker);
    try {
      return done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return false;
    } finally {
      synchronized (flushWaiters) {
        flushWaiters.remove(waiter);
      }
    }
  }

  /** {@link #close(Duration)} with a 5 second wait. */
  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  /**
   * Stops taking events, delivers what is queued for at most {@code timeout}, then stops the thread
   * and the HTTP client. Events still undelivered then are counted as failed. Calling it again does
   * nothing more.
   */
  public void close(Duration timeout) {
    closing = true;
    if (Thread.currentThread() == worker) {
      // Called from a listener: the worker finishes the close when the listener returns.
      return;
    }
    LockSupport.unpark(worker);
    try {
      stopped.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      stopNow = true;
      worker.interrupt();
      awaitStop();
    } catch (InterruptedException e) {
      stopNow = true;
      worker.interrupt();
      awaitStop();
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // The worker ended with an error: it was logged, and the client closed, where it ended.
    }
  }

  /** After the worker was told to stop now: it ends within moments, unless a listener hangs. */
  private void awaitStop() {
    try {
      stopped.get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      DELIVERY_LOG.log(Level.WARNING, "Snowplow emitter thread did not stop within " + STOP_GRACE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The counters as they are now. */
  public EmitterStats stats() {
    return new EmitterStats(
        accepted.get(),
        sent.get(),
        failed.get(),
        retried.get(),
        dropped.get(),
        pendingCount.get(),
        lastError);
  }

  private void run() {
    try {
      while (!stopNow) {
        if (Thread.interrupted() && !stopNow) {
          DELIVERY_LOG.log(
              Level.WARNING,
              "Snowplow emitter thread interrupted by other code: interrupt ignored");
        }
        boolean flushing = closing || hasFlushWaiters();
        boolean sentSomething = serve(identified, flushing) | serve(anonymous, flushing);
        completeFlushWaiters();
        if (closing && identified.isIdle() && anonymous.isIdle()) {
          break;
        }
        if (!sentSomething) {
          long waitNanos = Math.min(nanosUntilDue(identified), nanosUntilDue(anonymous));
          if (waitNanos > 0) {
            LockSupport.parkNanos(this, waitNanos);
          }
        }
      }
    } catch (RuntimeException | Error e) {
      DELIVERY_LOG.log(Level.ERROR, "Snowplow emitter stopped by an unexpected error", e);
    } finally {
      giveUpOnPending();
      client.close(stopNow);
      stopped.complete(null);
      // An event added while the emitter was stopping is counted, not left behind.
      giveUpOnPending();
      completeFlushWaiters();
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
      retried.addAndGet(batch.size());
      send(lane, batch);
      return true;
    }
    int queued = lane.queuedCount.get();
    if (queued == 0) {
      lane.oldestSeenNanos = 0;
      return false;
    }
    if (lane.oldestSeenNanos == 0) {
      lane.oldestSeenNanos = now;
    }
    boolean due =
        flushing
            || queued >= config.batchSize
            || lane.queuedBytes.get() >= config.maxBatchBytes
            || now - lane.oldestSeenNanos >= config.flushInterval.toNanos();
    if (!due) {
      return false;
    }
    int maxEvents = config.method == RequestMethod.GET ? 1 : config.batchSize;
    List<Queued> batch =
        lane.takeBatch(maxEvents, config.maxBatchBytes, PostBody.envelopeSizeInBytes());
    if (batch.isEmpty()) {
      return false;
    }
    lane.oldestSeenNanos = lane.queuedCount.get() > 0 ? now : 0;
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
      return lane.queuedCount.get() > 0 ? 0 : idleCheckNanos;
    }
    return lane.oldestSeenNanos + config.flushInterval.toNanos() - now;
  }

  private void send(Lane lane, List<Queued> batch) {
    List<EncodedEvent> events = new ArrayList<>(batch.size());
    for (Queued queued : batch) {
      events.add(queued.event());
    }
    CollectorClient.Response response;
    try {
      response = client.send(events, clock.millis(), lane.serverAnonymisation);
    } catch (InterruptedIOException e) {
      if (stopNow) {
        lane.retries.addFirst(batch);
        return;
      }
      lastError = "no answer: " + e;
      retryLater(lane, batch, events, 0, null, e);
      return;
    } catch (IOException | RuntimeException e) {
      lastError = "no answer: " + e;
      retryLater(lane, batch, events, 0, null, e);
      return;
    } catch (InterruptedException e) {
      // close() gave up waiting: the batch goes back so it is counted with the rest.
      lane.retries.addFirst(batch);
      stopNow = true;
      return;
    }
    int status = response.status();
    if (status >= 200 && status < 300) {
      finished(batch);
      sent.addAndGet(batch.size());
      lane.failedAttempts = 0;
      notifySuccess(events, status);
    } else if (status == 413 && batch.size() > 1) {
      lastError = "HTTP 413: request too large, splitting the batch";
      int half = batch.size() / 2;
      lane.retries.addFirst(new ArrayList<>(batch.subList(half, batch.size())));
      lane.retries.addFirst(new ArrayList<>(batch.subList(0, half)));
      lane.retryAtNanos = System.nanoTime();
      notifyFailure(events, status, null, true);
    } else if (status == 413 || config.noRetryStatusCodes.contains(status)) {
      lastError = "HTTP " + status + ": events not accepted, not retried";
      finished(batch);
      failed.addAndGet(batch.size());
      DELIVERY_LOG.log(
          Level.WARNING,
          "Snowplow collector refused " + batch.size() + " events with HTTP " + status);
      notifyFailure(events, status, null, false);
    } else {
      lastError = "HTTP " + status;
      retryLater(lane, batch, events, status, response.retryAfter(), null);
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
    DELIVERY_LOG.log(
        Level.WARNING,
        "Snowplow collector unavailable ("
            + lastError
            + "), "
            + pendingCount.get()
            + " events waiting; retrying in "
            + TimeUnit.NANOSECONDS.toMillis(delayNanos)
            + " ms");
    notifyFailure(events, status, error, true);
  }

  private void finished(List<Queued> batch) {
    long bytes = 0;
    for (Queued queued : batch) {
      bytes += queued.event().sizeInBytes();
    }
    pendingCount.addAndGet(-batch.size());
    pendingBytes.addAndGet(-bytes);
  }

  private void giveUpOnPending() {
    int left = 0;
    for (Lane lane : new Lane[] {identified, anonymous}) {
      for (List<Queued> batch : lane.retries) {
        finished(batch);
        left += batch.size();
      }
      lane.retries.clear();
      Queued queued;
      while ((queued = lane.evictOldest()) != null) {
        finished(List.of(queued));
        left++;
      }
    }
    if (left > 0) {
      failed.addAndGet(left);
      DELIVERY_LOG.log(
          Level.WARNING, "Snowplow emitter closed with " + left + " events undelivered");
    }
  }

  private boolean hasFlushWaiters() {
    synchronized (flushWaiters) {
      return !flushWaiters.isEmpty();
    }
  }

  private void completeFlushWaiters() {
    synchronized (flushWaiters) {
      if (flushWaiters.isEmpty()) {
        return;
      }
      long oldestPending =
          Math.min(identified.oldestPendingSequence(), anonymous.oldestPendingSequence());
      flushWaiters.removeIf(
          waiter -> {
            if (waiter.upToSequence() < oldestPending || stopped.isDone() || stopNow) {
              waiter.done().complete(waiter.upToSequence() < oldestPending);
              return true;
            }
            return false;
          });
    }
  }

  private void notifySuccess(List<EncodedEvent> events, int status) {
    if (config.listener != null) {
      try {
        config.listener.onSuccess(events, status);
      } catch (RuntimeException e) {
        LISTENER_LOG.log(Level.WARNING, "Snowplow emitter listener failed", e);
      }
    }
  }

  private void notifyFailure(
      List<EncodedEvent> events, int status, Throwable error, boolean willRetry) {
    if (config.listener != null) {
      try {
        config.listener.onFailure(events, status, error, willRetry);
      } catch (RuntimeException e) {
        LISTENER_LOG.log(Level.WARNING, "Snowplow emitter listener failed", e);
      }
    }
  }

  @Override
  public String toString() {
    return "Emitter[" + config + "]";
  }

  /** Builds an {@link Emitter}; every setting has a default but the collector. */
  public static final class Builder {
    private final URI collector;
    private String postPath = "/com.snowplowanalytics.snowplow/tp2";
    private RequestMethod method = RequestMethod.POST;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private int batchSize = 500;
    private int maxBatchBytes = 256 * 1024;
    private Duration flushInterval = Duration.ofSeconds(1);
    private int queueCapacity = 10_000;
    private long maxQueueBytes = 32L * 1024 * 1024;
    private OverflowPolicy overflowPolicy = OverflowPolicy.DROP_OLDEST;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofMinutes(1);
    private Duration maxRetryAfter = Duration.ofMinutes(10);
    private Set<Integer> noRetryStatusCodes = Set.of(400, 401, 403, 410, 422);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration responseTimeout = Duration.ofSeconds(10);
    private ThreadFactory threadFactory;
    private EmitterListener listener;
    private Clock clock = Clock.systemUTC();

    private Builder(URI collector) {
      Checks.requireNonNull(collector, "collector");
      String scheme = collector.getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)
          || collector.getHost() == null) {
        throw new IllegalArgumentException(
            "collector must be an http or https URI with a host, was '" + collector + "'");
      }
      this.collector = collector;
    }

    /**
     * The POST path under the collector URI; default {@code /com.snowplowanalytics.snowplow/tp2}.
     */
    public Builder postPath(String postPath) {
      Checks.requireNonBlank(postPath, "postPath");
      if (!postPath.startsWith("/")) {
        throw new IllegalArgumentException("postPath must start with '/', was '" + postPath + "'");
      }
      this.postPath = postPath;
      return this;
    }

    /** POST batches (default) or GET {@code /i} one event at a time. */
    public Builder method(RequestMethod method) {
      this.method = Checks.requireNonNull(method, "method");
      return this;
    }

    /** A header for every request, for an authenticating gateway in front of the collector. */
    public Builder header(String name, String value) {
      Checks.requireNonBlank(name, "header name");
      Checks.requireNonNull(value, "header value");
      headers.put(name, value);
      return this;
    }

    /** Events per request at most; default 500. */
    public Builder batchSize(int batchSize) {
      this.batchSize = Checks.requirePositive(batchSize, "batchSize");
      return this;
    }

    /**
     * Bytes per request at most, unless one event alone is larger; default 256 KiB (see
     * docs/benchmarks.md). Must stay well under the collector's 1 MiB, beyond which it loses the
     * whole request.
     */
    public Builder maxBatchBytes(int maxBatchBytes) {
      Checks.requirePositive(maxBatchBytes, "maxBatchBytes");
      if (maxBatchBytes > 900_000) {
        throw new IllegalArgumentException(
            "maxBatchBytes must be at most 900000: a collector loses requests over 1 MiB, was "
                + maxBatchBytes);
      }
      this.maxBatchBytes = maxBatchBytes;
      return this;
    }

    /** How long the oldest queued event may wait for a batch to fill; default 1 second. */
    public Builder flushInterval(Duration flushInterval) {
      this.flushInterval = positive(flushInterval, "flushInterval");
      return this;
    }

    /** Events queued at most, including those waiting for a retry; default 10 000. */
    public Builder queueCapacity(int queueCapacity) {
      this.queueCapacity = Checks.requirePositive(queueCapacity, "queueCapacity");
      return this;
    }

    /** Bytes queued at most, including those waiting for a retry; default 32 MiB. */
    public Builder maxQueueBytes(long maxQueueBytes) {
      if (maxQueueBytes <= 0) {
        throw new IllegalArgumentException("maxQueueBytes must be positive, was " + maxQueueBytes);
      }
      this.maxQueueBytes = maxQueueBytes;
      return this;
    }

    /** What to drop when the queue is full; default {@link OverflowPolicy#DROP_OLDEST}. */
    public Builder overflowPolicy(OverflowPolicy overflowPolicy) {
      this.overflowPolicy = Checks.requireNonNull(overflowPolicy, "overflowPolicy");
      return this;
    }

    /** The first retry delay and the cap of the doubling; default 500 ms and 1 minute. */
    public Builder retryBackoff(Duration initial, Duration max) {
      positive(initial, "initial backoff");
      positive(max, "max backoff");
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("max backoff must not be less than initial backoff");
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** The longest {@code Retry-After} honoured; default 10 minutes. */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = positive(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    /** Status codes after which a batch is given up; default 400, 401, 403, 410, 422. */
    public Builder noRetryStatusCodes(Set<Integer> codes) {
      this.noRetryStatusCodes = Set.copyOf(Checks.requireNonNull(codes, "noRetryStatusCodes"));
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    public Builder responseTimeout(Duration responseTimeout) {
      this.responseTimeout = positive(responseTimeout, "responseTimeout");
      return this;
    }

    /**
     * Makes the emitter's thread and the HTTP client's I/O thread; default: daemon threads named
     * {@code snowplow-emitter-N-M} with no context class loader.
     */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = Checks.requireNonNull(threadFactory, "threadFactory");
      return this;
    }

    public Builder listener(EmitterListener listener) {
      this.listener = listener;
      return this;
    }

    /** The clock for the sent timestamp ({@code stm}) and for {@code Retry-After} dates. */
    public Builder clock(Clock clock) {
      this.clock = Checks.requireNonNull(clock, "clock");
      return this;
    }

    /** Starts the emitter: its thread and its HTTP client. */
    public Emitter build() {
      return new Emitter(this);
    }

    private static Duration positive(Duration value, String name) {
      Checks.requireNonNull(value, name);
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }

    /** The settings, without header values: they may hold credentials. */
    @Override
    public String toString() {
      return "collector="
          + collector
          + ", method="
          + method
          + ", postPath="
          + postPath
          + ", headers="
          + headers.keySet()
          + ", batchSize="
          + batchSize
          + ", maxBatchBytes="
          + maxBatchBytes
          + ", flushInterval="
          + flushInterval
          + ", queueCapacity="
          + queueCapacity
          + ", maxQueueBytes="
          + maxQueueBytes
          + ", overflowPolicy="
          + overflowPolicy;
    }
  }
}
