package io.github.snowplowjakarta.benchmarks;

import com.snowplowanalytics.snowplow.tracker.configuration.EmitterConfiguration;
import com.snowplowanalytics.snowplow.tracker.configuration.NetworkConfiguration;
import com.snowplowanalytics.snowplow.tracker.configuration.TrackerConfiguration;
import com.snowplowanalytics.snowplow.tracker.emitter.BatchEmitter;
import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.event.PageView;
import io.github.snowplowjakarta.core.internal.encoding.PayloadEncoder;
import io.github.snowplowjakarta.core.internal.encoding.PostBody;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Events per second delivered end to end to the same loopback collector: our tracker, the Snowplow
 * Java tracker 1.0.1 with its BatchEmitter, and "raw": a plain HttpClient posting, one request at a
 * time, batches of our emitter's default shape (at most 500 events and 256 KiB) encoded before the
 * clock starts: what collector and loopback take with no tracker work at all.
 *
 * <p>Every contender is treated alike. The benchmark runs in a child JVM with a fixed heap of
 * {@value #HEAP}, touched at start ({@code -XX:+AlwaysPreTouch}), so no round pays for the heap's
 * growth. Each contender builds its tracker and client before the clock starts and closes them
 * after it stops; the clock runs from the first event tracked until the collector counted the last.
 * Warm-up rounds, untimed, run each contender until it sent {@value #WARM_UP_REQUESTS} requests (C2
 * compiles a method after about 5 000 calls: code run once per request needs that many requests),
 * within 3 minutes at most. Then each timed round runs every contender once, in an order rotated
 * each round. The report gives each contender's median, minimum and maximum, and the median process
 * CPU time per event (collector included: less sensitive to other processes than events/s).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar
 * io.github.snowplowjakarta.benchmarks.EmitterThroughput [rounds] [events] [maxBatchBytes...]};
 * {@code -Dbench.maxRequestsInFlight=N} overrides our emitter's default; {@code -Dbench.only=word}
 * runs only the contenders whose name contains it (to profile one); {@code -Dbench.fork=false} runs
 * in the JVM it was started in.
 */
public final class EmitterThroughput {
  private static final int BATCH_EVENTS = 500;
  private static final int BATCH_BYTES = 256 * 1024;
  private static final String URL = "https://shop.example.com/products/42?colour=red";
  private static final long WARM_UP_REQUESTS = 5_000;
  private static final String HEAP = "1g";
  private static final Duration MAX_WARM_UP = Duration.ofMinutes(3);

  private EmitterThroughput() {}

  public static void main(String[] args) throws Exception {
    if (!Boolean.getBoolean("bench.child") && !"false".equals(System.getProperty("bench.fork"))) {
      System.exit(runInChild(args));
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    List<Integer> byteCaps = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      byteCaps.add(Integer.parseInt(args[i]));
    }
    String only = System.getProperty("bench.only", "");
    try (LoopbackCollector collector = new LoopbackCollector()) {
      Map<String, Contender> contenders = new LinkedHashMap<>();
      List<byte[]> bodies = encodedBatches(events);
      contenders.put("raw HttpClient, pre-encoded", () -> raw(collector, bodies));
      contenders.put("ours, default settings", () -> ours(collector, events, null));
      for (int cap : byteCaps) {
        contenders.put("ours, maxBatchBytes " + cap, () -> ours(collector, events, cap));
      }
      contenders.put("Snowplow Java tracker 1.0.1", () -> snowplow(collector, events));
      contenders.keySet().removeIf(name -> !name.contains(only));
      List<String> order = new ArrayList<>(contenders.keySet());
      warmUp(collector, contenders, order, events);
      Map<String, List<Double>> rates = new LinkedHashMap<>();
      Map<String, List<Double>> cpu = new LinkedHashMap<>();
      for (String name : order) {
        rates.put(name, new ArrayList<>());
        cpu.put(name, new ArrayList<>());
      }
      for (int round = 0; round < rounds; round++) {
        Collections.rotate(order, 1);
        for (String name : order) {
          long cpuBefore = processCpuNanos();
          double rate = run(collector, contenders.get(name), events);
          double cpuMicrosPerEvent = (processCpuNanos() - cpuBefore) / 1e3 / events;
          rates.get(name).add(rate);
          cpu.get(name).add(cpuMicrosPerEvent);
          System.out.printf(
              "round %d  %-32s %,10.0f events/s %6.2f CPU µs/event%n",
              round + 1, name, rate, cpuMicrosPerEvent);
        }
      }
      System.out.println();
      System.out.printf(
          "%-32s %10s %12s %10s %16s%n", "contender", "min", "median", "max", "CPU µs/event");
      for (String name : order) {
        List<Double> sorted = new ArrayList<>(rates.get(name));
        Collections.sort(sorted);
        System.out.printf(
            "%-32s %,10.0f %,12.0f %,10.0f %16.2f%n",
            name,
            sorted.get(0),
            median(sorted),
            sorted.get(sorted.size() - 1),
            median(cpu.get(name)));
      }
    }
  }

  /**
   * Runs the benchmark in a JVM of its own with a fixed heap, touched before it starts: in a JVM
   * with the default heap, the heap grew through the rounds and every contender paid page faults
   * for the memory it touched first (a quarter of the CPU samples of all threads), more in early
   * rounds than late ones. {@code -Dbench.*} properties are passed on.
   */
  private static int runInChild(String[] args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xms" + HEAP);
    command.add("-Xmx" + HEAP);
    command.add("-XX:+AlwaysPreTouch");
    command.add("-Dbench.child=true");
    System.getProperties()
        .stringPropertyNames()
        .forEach(
            name -> {
              if (name.startsWith("bench.")) {
                command.add("-D" + name + "=" + System.getProperty(name));
              }
            });
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EmitterThroughput.class.getName());
    command.addAll(List.of(args));
    System.out.println("JVM: " + String.join(" ", command.subList(1, 5)));
    return new ProcessBuilder(command).inheritIO().start().waitFor();
  }

  /**
   * Untimed rounds, in a rotating order, of every contender that has not yet sent {@link
   * #WARM_UP_REQUESTS} requests: code that runs once per request (the HTTP clients', the
   * collector's, a batch's) is compiled by C2 only after some thousands of calls, while code that
   * runs once per event gets there in the first round.
   */
  private static void warmUp(
      LoopbackCollector collector,
      Map<String, Contender> contenders,
      List<String> order,
      int events)
      throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    Map<String, Long> requests = new LinkedHashMap<>();
    order.forEach(name -> requests.put(name, 0L));
    long deadline = System.nanoTime() + MAX_WARM_UP.toNanos();
    for (int round = 1; System.nanoTime() < deadline; round++) {
      long compiledBefore = jit.getTotalCompilationTime();
      long start = System.nanoTime();
      Collections.rotate(order, 1);
      List<String> warming = new ArrayList<>();
      for (String name : order) {
        if (requests.get(name) < WARM_UP_REQUESTS) {
          run(collector, contenders.get(name), events);
          requests.merge(name, collector.requests(), Long::sum);
          warming.add(name);
        }
      }
      if (warming.isEmpty()) {
        return;
      }
      if (round % 10 == 1) {
        System.out.printf(
            "warm-up %d: %,.0f ms, %,d ms of JIT compiling; requests so far %s%n",
            round,
            (System.nanoTime() - start) / 1e6,
            jit.getTotalCompilationTime() - compiledBefore,
            requests);
      }
    }
    System.out.println("warm-up stopped after " + MAX_WARM_UP + ": " + requests);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  interface Contender {
    /** Builds the contender's tracker and client: not timed. */
    Delivery open() throws Exception;
  }

  interface Delivery extends AutoCloseable {
    /** Tracks the events and returns when the collector has them all: timed. */
    void deliver(int events) throws Exception;
  }

  private static double run(LoopbackCollector collector, Contender contender, int events)
      throws Exception {
    try (Delivery delivery = contender.open()) {
      collector.reset();
      long start = System.nanoTime();
      delivery.deliver(events);
      long elapsed = System.nanoTime() - start;
      if (collector.events() < events) {
        throw new IllegalStateException(
            "only " + collector.events() + " of " + events + " arrived");
      }
      return events / (elapsed / 1e9);
    }
  }

  private static void awaitAll(LoopbackCollector collector, long events)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (collector.events() < events && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
  }

  private static Subject subject() {
    return Subject.builder()
        .userId("user-42@example.com")
        .ipAddress("203.0.113.7")
        .userAgent("Mozilla/5.0 (X11; Linux x86_64) Bench/1.0")
        .build();
  }

  /** Our tracker with its default settings, or with this byte cap deciding every batch. */
  private static Delivery ours(LoopbackCollector collector, int events, Integer maxBatchBytes) {
    Emitter.Builder builder =
        Emitter.builder(collector.uri()).queueCapacity(events * 2).maxQueueBytes(1L << 30);
    if (maxBatchBytes != null) {
      builder.batchSize(10_000).maxBatchBytes(maxBatchBytes);
    }
    String inFlight = System.getProperty("bench.maxRequestsInFlight");
    if (inFlight != null) {
      builder.maxRequestsInFlight(Integer.parseInt(inFlight));
    }
    Emitter emitter = builder.build();
    Tracker tracker =
        Tracker.builder(TrackerSettings.of("bench"), emitter)
            .subject(subject())
            .anonymisation(Anonymisation.FULL_TRACKING)
            .build();
    return new Delivery() {
      @Override
      public void deliver(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
          tracker.track(PageView.builder().url(URL).title("Red shoes").build());
        }
        emitter.flush(Duration.ofMinutes(2));
        awaitAll(collector, count);
      }

      @Override
      public void close() {
        emitter.close(Duration.ofSeconds(10));
      }
    };
  }

  private static Delivery snowplow(LoopbackCollector collector, int events) {
    BatchEmitter emitter =
        new BatchEmitter(
            new NetworkConfiguration(collector.uri().toString()),
            new EmitterConfiguration().batchSize(100).bufferCapacity(events * 2));
    com.snowplowanalytics.snowplow.tracker.Tracker tracker =
        new com.snowplowanalytics.snowplow.tracker.Tracker(
            new TrackerConfiguration("bench", "shop"), emitter, snowplowSubject());
    return new Delivery() {
      @Override
      public void deliver(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
          tracker.track(
              com.snowplowanalytics.snowplow.tracker.events.PageView.builder()
                  .pageUrl(URL)
                  .pageTitle("Red shoes")
                  .build());
        }
        emitter.flushBuffer();
        awaitAll(collector, count);
      }

      @Override
      public void close() {
        emitter.close();
      }
    };
  }

  @SuppressWarnings("deprecation") // Subject.builder(), the Snowplow tracker's documented way
  private static com.snowplowanalytics.snowplow.tracker.Subject snowplowSubject() {
    return com.snowplowanalytics.snowplow.tracker.Subject.builder()
        .userId("user-42@example.com")
        .ipAddress("203.0.113.7")
        .useragent("Mozilla/5.0 (X11; Linux x86_64) Bench/1.0")
        .build();
  }

  /**
   * The ceiling: batches of the shape our emitter makes by default, encoded before the clock
   * starts, posted one after another over one keep-alive connection.
   */
  private static Delivery raw(LoopbackCollector collector, List<byte[]> bodies) {
    String uri = collector.uri() + "/com.snowplowanalytics.snowplow/tp2";
    CloseableHttpClient client = HttpClients.createDefault();
    return new Delivery() {
      @Override
      public void deliver(int count) throws Exception {
        for (byte[] body : bodies) {
          HttpPost post = new HttpPost(uri);
          post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
          client.execute(
              post,
              response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
              });
        }
      }

      @Override
      public void close() throws Exception {
        client.close();
      }
    };
  }

  private static List<byte[]> encodedBatches(int events) {
    PayloadEncoder encoder = new PayloadEncoder(TrackerSettings.of("bench"));
    List<byte[]> bodies = new ArrayList<>();
    List<EncodedEvent> batch = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      batch.addAll(
          encoder.encode(
              PageView.builder().url(URL).title("Red shoes").build(),
              subject(),
              Anonymisation.FULL_TRACKING));
      if (batch.size() == BATCH_EVENTS
          || PostBody.sizeInBytes(batch) > BATCH_BYTES - 1024
          || i == events - 1) {
        bodies.add(PostBody.toBytes(batch, System.currentTimeMillis()));
        batch.clear();
      }
    }
    return bodies;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
