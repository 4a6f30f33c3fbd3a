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
import io.github.snowplowjakarta.core.encoding.PayloadEncoder;
import io.github.snowplowjakarta.core.encoding.PostBody;
import io.github.snowplowjakarta.core.event.PageView;
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
 * Java tracker 1.0.1 with its BatchEmitter, and a plain HttpClient posting batches encoded in
 * advance, one request at a time (the ceiling of collector and loopback). Each round runs every
 * contender once, in a rotating order; the report gives the median of the rounds.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar
 * io.github.snowplowjakarta.benchmarks.EmitterThroughput [rounds] [events] [maxBatchBytes...]};
 * {@code -Dbench.maxRequestsInFlight=N} overrides our emitter's default.
 */
public final class EmitterThroughput {
  private static final int RAW_BATCH_BYTES = 256 * 1024;
  private static final String URL = "https://shop.example.com/products/42?colour=red";

  private EmitterThroughput() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    List<Integer> byteCaps = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      byteCaps.add(Integer.parseInt(args[i]));
    }
    try (LoopbackCollector collector = new LoopbackCollector()) {
      Map<String, Contender> contenders = new LinkedHashMap<>();
      List<byte[]> warmUpBodies = encodedBatches(events / 5);
      List<byte[]> bodies = encodedBatches(events);
      contenders.put(
          "raw HttpClient, pre-encoded",
          count -> raw(collector, count == events ? bodies : warmUpBodies));
      contenders.put("ours, default settings", count -> ours(collector, count, null));
      for (int cap : byteCaps) {
        contenders.put("ours, maxBatchBytes " + cap, count -> ours(collector, count, cap));
      }
      contenders.put("Snowplow Java tracker 1.0.1", count -> snowplow(collector, count));
      Map<String, List<Double>> results = new LinkedHashMap<>();
      contenders.keySet().forEach(name -> results.put(name, new ArrayList<>()));
      List<String> order = new ArrayList<>(contenders.keySet());
      for (String name : order) {
        run(collector, contenders.get(name), events / 5); // warm-up
      }
      for (int round = 0; round < rounds; round++) {
        Collections.rotate(order, 1);
        for (String name : order) {
          double rate = run(collector, contenders.get(name), events);
          results.get(name).add(rate);
          System.out.printf("round %d  %-32s %,10.0f events/s%n", round + 1, name, rate);
        }
      }
      System.out.println();
      System.out.printf("%-32s %18s%n", "contender", "median events/s");
      results.forEach((name, rates) -> System.out.printf("%-32s %,18.0f%n", name, median(rates)));
    }
  }

  interface Contender {
    /** Tracks the events and returns when the collector has them all. */
    void deliver(int events) throws Exception;
  }

  private static double run(LoopbackCollector collector, Contender contender, int events)
      throws Exception {
    collector.reset();
    long start = System.nanoTime();
    contender.deliver(events);
    long elapsed = System.nanoTime() - start;
    if (collector.events() < events) {
      throw new IllegalStateException("only " + collector.events() + " of " + events + " arrived");
    }
    return events / (elapsed / 1e9);
  }

  private static void awaitAll(LoopbackCollector collector, long events)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (collector.events() < events && System.nanoTime() < deadline) {
      Thread.onSpinWait();
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
  private static void ours(LoopbackCollector collector, int events, Integer maxBatchBytes)
      throws InterruptedException {
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
    for (int i = 0; i < events; i++) {
      tracker.track(PageView.builder().url(URL).title("Red shoes").build());
    }
    emitter.flush(Duration.ofMinutes(2));
    awaitAll(collector, events);
    emitter.close(Duration.ofSeconds(10));
  }

  private static void snowplow(LoopbackCollector collector, int events)
      throws InterruptedException {
    BatchEmitter emitter =
        new BatchEmitter(
            new NetworkConfiguration(collector.uri().toString()),
            new EmitterConfiguration().batchSize(100).bufferCapacity(events * 2));
    com.snowplowanalytics.snowplow.tracker.Tracker tracker =
        new com.snowplowanalytics.snowplow.tracker.Tracker(
            new TrackerConfiguration("bench", "shop"), emitter, snowplowSubject());
    for (int i = 0; i < events; i++) {
      tracker.track(
          com.snowplowanalytics.snowplow.tracker.events.PageView.builder()
              .pageUrl(URL)
              .pageTitle("Red shoes")
              .build());
    }
    emitter.flushBuffer();
    awaitAll(collector, events);
    emitter.close();
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
   * The ceiling: batches of the size our emitter makes by default, encoded before the clock starts,
   * posted one after another.
   */
  private static void raw(LoopbackCollector collector, List<byte[]> bodies) throws Exception {
    String uri = collector.uri() + "/com.snowplowanalytics.snowplow/tp2";
    try (CloseableHttpClient client = HttpClients.createDefault()) {
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
      if (PostBody.sizeInBytes(batch) > RAW_BATCH_BYTES - 1024 || i == events - 1) {
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
