package io.github.snowplowjakarta.core.emitter;

import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.internal.Checks;
import io.github.snowplowjakarta.core.internal.spool.Spool;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers encoded events to a Snowplow collector, in batches, from a worker thread and the HTTP
 * client's I/O thread.
 *
 * <p>{@link #add} only puts the event in a bounded queue: it never blocks and never throws, when
 * the collector is down and when the queue is full alike. A batch leaves when it reaches its event
 * count or byte size, or when its oldest event has waited the flush interval; up to {@link
 * Builder#maxRequestsInFlight} requests are in flight at once. Server-anonymised events travel in
 * their own requests, with the {@code SP-Anonymous: *} header. Failed requests are retried with
 * exponential backoff and jitter, honouring a capped {@code Retry-After}. What each answer of the
 * collector leads to is the {@link ReplyPolicy}'s (the README has the table): an answer that only a
 * change of settings will fix (a redirect, 401, 403, 404, 405, 501, a proxy's 407 or refused {@code
 * CONNECT}) is logged once at ERROR with the likely fix and shown by {@link
 * EmitterStats#misconfiguration()}, and its events are kept.
 *
 * <p>Its parts: the {@link EventQueue} admits events within the bounds, the {@link Worker} loop
 * sends batches through the {@link CollectorClient} and settles them by the {@link ReplyPolicy},
 * the {@link FlushWaiters} answer {@link #flush}, and a {@link Journal} hears of every accepted
 * event and settled batch. Nothing but {@link #close} stops the worker. With a {@linkplain
 * Builder#spool spool} the journal is a {@link SpoolJournal}: every accepted event is written to
 * the spool's file before {@link #add} returns (it survives a killed process; when it reaches the
 * disk itself is {@link SpoolFsync}'s), and the queue in memory is a window onto it.
 *
 * <p>While it runs, its figures are in JMX as {@code
 * io.github.snowplowjakarta:type=Emitter,name=<name>} (see the README's "Operating it").
 *
 * <p>The owner closes it: there is no JVM shutdown hook.
 */
public final class Emitter implements AutoCloseable {
  private static final AtomicInteger EMITTERS = new AtomicInteger();

  /** Built and not closed, for health checks: {@link EmitterHealth#running()}. */
  private static final Set<Emitter> RUNNING = ConcurrentHashMap.newKeySet();

  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final EmitterSettings settings;
  private final EmitterMBean mbean;
  final int number;
  final long startedMillis;
  final Counters counters = new Counters();
  private final EventQueue queue;
  private final FlushWaiters flushWaiters = new FlushWaiters();
  private final Worker worker;
  private final Journal journal;

  /** When a spool was asked for and could not be opened: why, in every stats snapshot. */
  private final SpoolStats unavailableSpool;

  private volatile boolean closing;

  Emitter(EmitterSettings settings, Journal journal) {
    this(settings, null, journal);
  }

  /** With a spool, its journal is opened here; without one, {@code journal} is used. */
  private Emitter(EmitterSettings settings, SpoolSettings spool, Journal journal) {
    int number = EMITTERS.incrementAndGet();
    this.number = number;
    String name = settings.name() != null ? settings.name() : "snowplow-emitter-" + number;
    this.mbean = new EmitterMBean(this, name, settings);
    this.settings = settings;
    this.startedMillis = settings.clock().millis();
    ThreadFactory threads =
        settings.threadFactory() != null ? settings.threadFactory() : defaultThreads(number);
    Journal chosen = journal;
    SpoolStats unavailable = null;
    if (spool != null) {
      try {
        chosen = SpoolJournal.open(spool, threads, counters);
      } catch (IOException | RuntimeException e) {
        String why =
            "Snowplow spool cannot be used: " + e.getMessage() + " (" + spool.directory() + ")";
        if (spool.required()) {
          throw new IllegalStateException(why, e);
        }
        // Analytics must not fail a deployment: memory only, said loudly, unless required.
        System.getLogger(Emitter.class.getName())
            .log(
                Level.ERROR,
                why
                    + ". Events are kept in memory only: a restart or a crash loses those not yet"
                    + " sent. Set snowplow.emitter.spool-required=true to fail the start instead.",
                e);
        unavailable = new SpoolStats(0, 0, 0, 0, why);
      }
    }
    this.journal = chosen;
    this.unavailableSpool = unavailable;
    try {
      this.queue = new EventQueue(settings, counters, chosen);
      this.worker =
          new Worker(
              settings,
              queue,
              () -> new CollectorClient(settings, threads),
              counters,
              flushWaiters,
              chosen,
              threads);
    } catch (RuntimeException | Error e) {
      chosen.close();
      throw e;
    }
    worker.start();
    mbean.register();
    RUNNING.add(this);
  }

  private static ThreadFactory defaultThreads(int emitter) {
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
      counters.drop(LossReason.CLOSED, "the emitter is closed");
      return false;
    }
    EventQueue.Admission admission;
    try {
      admission = queue.offer(event);
    } catch (RuntimeException e) {
      // A bug, not the caller's: counted and logged, never thrown into the tracking thread.
      counters.internalErrors.incrementAndGet();
      counters.drop(LossReason.INTERNAL_ERROR, "unexpected error: " + e);
      return false;
    }
    // Waking the worker costs a system call: only for a full batch. It finds the rest on its own.
    if (admission == EventQueue.Admission.BATCH_READY) {
      worker.wake();
    }
    return admission != EventQueue.Admission.DROPPED;
  }

  /**
   * Waits until every event added before this call is delivered or given up, sending what is queued
   * at once.
   *
   * @return true if that happened within the timeout
   */
  public boolean flush(Duration timeout) {
    if (worker.stopped.isDone()) {
      return queue.pendingCount() == 0;
    }
    FlushWaiters.Waiter waiter = flushWaiters.add(queue.lastSequence());
    if (worker.stopped.isDone()) {
      flushWaiters.completeAll(Long.MAX_VALUE);
    }
    worker.wake();
    try {
      return waiter.done().get(Durations.nanos(timeout), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return false;
    } finally {
      flushWaiters.remove(waiter);
    }
  }

  /** {@link #close(Duration)} with a 5 second wait. */
  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  /**
   * Stops taking events, delivers what is queued for at most {@code timeout}, then stops the thread
   * and the HTTP client. Events still undelivered then are counted as failed, unless a {@linkplain
   * Builder#spool spool} keeps them for the next emitter on its directory. Calling it again does
   * nothing more.
   */
  public void close(Duration timeout) {
    closing = true;
    mbean.unregister();
    RUNNING.remove(this);
    if (worker.isWorkerThread()) {
      // Called from a listener: the worker finishes the close when the listener returns.
      worker.closeSoon();
      return;
    }
    worker.closeSoon();
    try {
      worker.stopped.get(Durations.nanos(timeout), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      worker.stopNow();
      awaitStop();
    } catch (InterruptedException e) {
      worker.stopNow();
      awaitStop();
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // The worker ended with an error: it was logged, and the client closed, where it ended.
    }
  }

  /** After the worker was told to stop now: it ends within moments, unless a listener hangs. */
  private void awaitStop() {
    try {
      worker.stopped.get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      Worker.LOG.log(Level.WARNING, "Snowplow emitter thread did not stop within " + STOP_GRACE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static List<Emitter> running() {
    List<Emitter> running = new ArrayList<>(RUNNING);
    running.sort(Comparator.comparingInt(emitter -> emitter.number));
    return running;
  }

  EmitterSettings settings() {
    return settings;
  }

  /** Its name: in JMX, and in its threads' names unless a thread factory is set. */
  public String name() {
    return mbean.getName();
  }

  /** The counters as they are now; reading them never waits for a lock the trackers take. */
  public EmitterStats stats() {
    SpoolStats spool = journal.spoolStats();
    return counters.snapshot(queue.pendingCount(), spool != null ? spool : unavailableSpool);
  }

  @Override
  public String toString() {
    return "Emitter[" + settings + "]";
  }

  /** Builds an {@link Emitter}; every setting has a default but the collector. */
  public static final class Builder {
    private final URI collector;
    // The defaults of the settings a configuration key also sets are the keys' own: one
    // declaration, in ConfigKeys.
    private String postPath = ConfigKeys.EMITTER_POST_PATH.defaultValue();
    private RequestMethod method = ConfigKeys.EMITTER_METHOD.defaultValue();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private int batchSize = ConfigKeys.EMITTER_BATCH_SIZE.defaultValue();
    private int maxBatchBytes = ConfigKeys.EMITTER_MAX_BATCH_BYTES.defaultValue();
    private Duration flushInterval = ConfigKeys.EMITTER_FLUSH_INTERVAL.defaultValue();
    private int queueCapacity = ConfigKeys.EMITTER_QUEUE_CAPACITY.defaultValue();
    private long maxQueueBytes = ConfigKeys.EMITTER_MAX_QUEUE_BYTES.defaultValue();
    private OverflowPolicy overflowPolicy = ConfigKeys.EMITTER_OVERFLOW.defaultValue();
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofMinutes(1);
    private Duration maxRetryAfter = Duration.ofMinutes(10);
    private Set<Integer> noRetryStatusCodes = Set.of(400, 410, 422);
    private Duration connectTimeout = ConfigKeys.EMITTER_CONNECT_TIMEOUT.defaultValue();
    private Duration responseTimeout = ConfigKeys.EMITTER_RESPONSE_TIMEOUT.defaultValue();
    private int maxRequestsInFlight = ConfigKeys.EMITTER_MAX_REQUESTS_IN_FLIGHT.defaultValue();
    private URI proxy;
    private ThreadFactory threadFactory;
    private EmitterListener listener;
    private String name;
    private Clock clock = Clock.systemUTC();
    private Path spoolDirectory;
    private SpoolFsync spoolFsync = ConfigKeys.EMITTER_SPOOL_FSYNC.defaultValue();
    private Duration spoolFsyncInterval = ConfigKeys.EMITTER_SPOOL_FSYNC_INTERVAL.defaultValue();
    private long spoolMaxBytes = ConfigKeys.EMITTER_SPOOL_MAX_BYTES.defaultValue();
    private boolean spoolRequired = ConfigKeys.EMITTER_SPOOL_REQUIRED.defaultValue();

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

    /** The POST path under the collector URI; default as {@link ConfigKeys#EMITTER_POST_PATH}. */
    public Builder postPath(String postPath) {
      Checks.requireNonBlank(postPath, "postPath");
      if (!postPath.startsWith("/")) {
        throw new IllegalArgumentException("postPath must start with '/', was '" + postPath + "'");
      }
      this.postPath = postPath;
      return this;
    }

    /**
     * POST batches or GET {@code /i} one event at a time; default as {@link
     * ConfigKeys#EMITTER_METHOD}.
     */
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

    /** Events per request at most; default as {@link ConfigKeys#EMITTER_BATCH_SIZE}. */
    public Builder batchSize(int batchSize) {
      this.batchSize = Checks.requirePositive(batchSize, "batchSize");
      return this;
    }

    /**
     * Bytes per request at most, unless one event alone is larger; default as {@link
     * ConfigKeys#EMITTER_MAX_BATCH_BYTES} (see docs/benchmarks.md). Must stay well under the
     * collector's 1 MiB, beyond which it loses the whole request.
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

    /**
     * How long the oldest queued event may wait for a batch to fill; default as {@link
     * ConfigKeys#EMITTER_FLUSH_INTERVAL}.
     */
    public Builder flushInterval(Duration flushInterval) {
      this.flushInterval = positive(flushInterval, "flushInterval");
      return this;
    }

    /**
     * Events queued at most, including those waiting for a retry; default as {@link
     * ConfigKeys#EMITTER_QUEUE_CAPACITY}.
     */
    public Builder queueCapacity(int queueCapacity) {
      this.queueCapacity = Checks.requirePositive(queueCapacity, "queueCapacity");
      return this;
    }

    /**
     * Bytes queued at most, including those waiting for a retry; default as {@link
     * ConfigKeys#EMITTER_MAX_QUEUE_BYTES}.
     */
    public Builder maxQueueBytes(long maxQueueBytes) {
      if (maxQueueBytes <= 0) {
        throw new IllegalArgumentException("maxQueueBytes must be positive, was " + maxQueueBytes);
      }
      this.maxQueueBytes = maxQueueBytes;
      return this;
    }

    /** What to drop when the queue is full; default as {@link ConfigKeys#EMITTER_OVERFLOW}. */
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

    /**
     * Status codes after which a batch is given up; default 400, 410, 422: the collector refused
     * what the batch holds. Answers that say the emitter is misconfigured (3xx, 401, 403, 404, 405,
     * 501) keep the events unless listed here; see the README's table of replies.
     */
    public Builder noRetryStatusCodes(Set<Integer> codes) {
      this.noRetryStatusCodes = Set.copyOf(Checks.requireNonNull(codes, "noRetryStatusCodes"));
      return this;
    }

    /** Connecting to the collector; default as {@link ConfigKeys#EMITTER_CONNECT_TIMEOUT}. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Waiting for the collector's answer; default as {@link ConfigKeys#EMITTER_RESPONSE_TIMEOUT}.
     */
    public Builder responseTimeout(Duration responseTimeout) {
      this.responseTimeout = positive(responseTimeout, "responseTimeout");
      return this;
    }

    /**
     * Requests sent and not yet answered at most; default as {@link
     * ConfigKeys#EMITTER_MAX_REQUESTS_IN_FLIGHT}. One leaves the link idle during every round trip;
     * a few keep it busy (see docs/benchmarks.md). Each holds one batch, counted in the queue's
     * bounds. After a failed request, a lane sends one at a time again until one succeeds.
     */
    public Builder maxRequestsInFlight(int maxRequestsInFlight) {
      Checks.requirePositive(maxRequestsInFlight, "maxRequestsInFlight");
      if (maxRequestsInFlight > 64) {
        throw new IllegalArgumentException(
            "maxRequestsInFlight must be at most 64, was " + maxRequestsInFlight);
      }
      this.maxRequestsInFlight = maxRequestsInFlight;
      return this;
    }

    /**
     * An HTTP proxy for every request, such as {@code http://proxy.example.com:3128}; an https
     * collector is reached through it with {@code CONNECT}. Without one, the JVM's proxy settings
     * apply: the default {@link java.net.ProxySelector}, which reads {@code http.proxyHost}, {@code
     * https.proxyHost}, {@code http.nonProxyHosts} and their ports.
     */
    public Builder proxy(URI proxy) {
      Checks.requireNonNull(proxy, "proxy");
      if (!"http".equalsIgnoreCase(proxy.getScheme())
          || proxy.getHost() == null
          || proxy.getPort() < 0
          || proxy.getUserInfo() != null) {
        throw new IllegalArgumentException(
            "proxy must be http://host:port (no credentials), was '" + proxy + "'");
      }
      this.proxy = proxy;
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

    /**
     * The emitter's name, as in its JMX object name {@code
     * io.github.snowplowjakarta:type=Emitter,name=<name>}; default {@code snowplow-emitter-N}, as
     * its threads. A second emitter of the same name running at once is registered as {@code
     * <name>-2}.
     */
    public Builder name(String name) {
      this.name = Checks.requireNonBlank(name, "name");
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

    /**
     * Keeps every accepted event in a spool in this directory until the collector accepted it, so
     * that a killed process or a shutdown while the collector is down loses nothing it accepted (a
     * machine crash: see {@link #spoolFsync}): the next emitter on the directory sends what it
     * holds. Off by default. The directory is created if needed and locked: no other emitter, in
     * this process or another, may use it at the same time.
     */
    public Builder spool(Path directory) {
      this.spoolDirectory = Checks.requireNonNull(directory, "spool directory");
      return this;
    }

    /**
     * When spooled events are synced to the disk; default as {@link
     * ConfigKeys#EMITTER_SPOOL_FSYNC}.
     */
    public Builder spoolFsync(SpoolFsync fsync) {
      this.spoolFsync = Checks.requireNonNull(fsync, "spoolFsync");
      return this;
    }

    /**
     * How often {@link SpoolFsync#INTERVAL} syncs; default as {@link
     * ConfigKeys#EMITTER_SPOOL_FSYNC_INTERVAL}.
     */
    public Builder spoolFsyncInterval(Duration interval) {
      this.spoolFsyncInterval = positive(interval, "spoolFsyncInterval");
      return this;
    }

    /**
     * The spool's size on disk at most; over it the oldest events are dropped and counted. Default
     * as {@link ConfigKeys#EMITTER_SPOOL_MAX_BYTES}, at least 1 MiB.
     */
    public Builder spoolMaxBytes(long maxBytes) {
      if (maxBytes < Spool.MIN_MAX_BYTES) {
        throw new IllegalArgumentException(
            "spoolMaxBytes must be at least " + Spool.MIN_MAX_BYTES + ", was " + maxBytes);
      }
      this.spoolMaxBytes = maxBytes;
      return this;
    }

    /**
     * Whether a spool that cannot be opened (a directory that cannot be created, written or locked)
     * fails {@link #build}. Default false: the emitter then keeps events in memory only, logs the
     * reason at ERROR and shows it in {@link EmitterStats#spool()}, so that analytics never fail a
     * deployment.
     */
    public Builder spoolRequired(boolean required) {
      this.spoolRequired = required;
      return this;
    }

    /**
     * Starts the emitter: its thread and its HTTP client, and opens its spool if it has one.
     *
     * @throws IllegalStateException if a {@linkplain #spoolRequired required} spool cannot be
     *     opened
     */
    public Emitter build() {
      SpoolSettings spool =
          spoolDirectory == null
              ? null
              : new SpoolSettings(
                  spoolDirectory, spoolFsync, spoolFsyncInterval, spoolMaxBytes, spoolRequired);
      return new Emitter(settings(), spool, Journal.NONE);
    }

    /** The settings, without header values: they may hold credentials. */
    @Override
    public String toString() {
      return settings().toString();
    }

    /** The settings as they are now: a copy the builder never changes. */
    EmitterSettings settings() {
      return new EmitterSettings(
          collector,
          postPath,
          method,
          headers,
          batchSize,
          maxBatchBytes,
          flushInterval,
          queueCapacity,
          maxQueueBytes,
          overflowPolicy,
          initialBackoff,
          maxBackoff,
          maxRetryAfter,
          noRetryStatusCodes,
          connectTimeout,
          responseTimeout,
          maxRequestsInFlight,
          proxy,
          threadFactory,
          listener,
          clock,
          name);
    }

    private static Duration positive(Duration value, String name) {
      Checks.requireNonNull(value, name);
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }
}
