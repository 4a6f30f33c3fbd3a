package io.github.snowplowjakarta.benchmarks;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.emitter.SpoolFsync;
import io.github.snowplowjakarta.core.event.PageView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the spool costs: {@code track()} latency (p50, p99, timed around every call) and events per
 * second delivered end to end to a loopback collector, with the spool off, on with {@code
 * interval}, on with {@code interval} and the default 10 000-event window in memory (so that most
 * events are read back from disk), and on with {@code always}. One tracking thread; rounds rotate
 * the order; the report gives the medians of the rounds. {@code always} syncs every event, so it
 * tracks a tenth of the events.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar
 * io.github.snowplowjakarta.benchmarks.SpoolThroughput [rounds] [events] [spool directory]}. The
 * directory must be on the disk to measure (not tmpfs); default {@code benchmarks/target/spool}.
 */
public final class SpoolThroughput {
  private static final String URL = "https://shop.example.com/products/42?colour=red";

  private SpoolThroughput() {}

  private record Setup(SpoolFsync fsync, boolean bigWindow, int eventsDivisor) {}

  private record Result(long p50, long p99, double eventsPerSecond) {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    Path root = Path.of(args.length > 2 ? args[2] : "benchmarks/target/spool");
    Map<String, Setup> setups = new LinkedHashMap<>();
    setups.put("spool off", new Setup(null, true, 1));
    setups.put("spool, interval", new Setup(SpoolFsync.INTERVAL, true, 1));
    setups.put("spool, interval, 10k window", new Setup(SpoolFsync.INTERVAL, false, 1));
    setups.put("spool, always", new Setup(SpoolFsync.ALWAYS, true, 10));
    try (LoopbackCollector collector = new LoopbackCollector()) {
      Map<String, List<Result>> results = new LinkedHashMap<>();
      setups.keySet().forEach(name -> results.put(name, new ArrayList<>()));
      List<String> order = new ArrayList<>(setups.keySet());
      for (String name : order) {
        run(collector, setups.get(name), events / 10, root.resolve("warm-up")); // warm-up
      }
      for (int round = 0; round < rounds; round++) {
        Collections.rotate(order, 1);
        for (String name : order) {
          Setup setup = setups.get(name);
          Result result =
              run(collector, setup, events / setup.eventsDivisor(), root.resolve("r" + round));
          results.get(name).add(result);
          System.out.printf(
              "round %d  %-30s p50 %,7d ns  p99 %,9d ns  %,10.0f events/s%n",
              round + 1, name, result.p50(), result.p99(), result.eventsPerSecond());
        }
      }
      System.out.println();
      System.out.printf(
          "%-30s %12s %12s %18s%n", "setup", "p50 ns", "p99 ns", "delivered events/s");
      results.forEach(
          (name, list) ->
              System.out.printf(
                  "%-30s %,12d %,12d %,18.0f%n",
                  name,
                  (long) median(list.stream().mapToDouble(Result::p50).toArray()),
                  (long) median(list.stream().mapToDouble(Result::p99).toArray()),
                  median(list.stream().mapToDouble(Result::eventsPerSecond).toArray())));
    }
  }

  private static Result run(LoopbackCollector collector, Setup setup, int events, Path directory)
      throws Exception {
    deleteRecursively(directory);
    collector.reset();
    Emitter.Builder builder = Emitter.builder(collector.uri());
    if (setup.bigWindow()) {
      builder.queueCapacity(events * 2).maxQueueBytes(1L << 30);
    }
    if (setup.fsync() != null) {
      builder.spool(directory).spoolFsync(setup.fsync()).spoolMaxBytes(1L << 30);
    }
    Emitter emitter = builder.build();
    Tracker tracker =
        Tracker.builder(TrackerSettings.of("bench"), emitter)
            .subject(
                Subject.builder()
                    .userId("user-42@example.com")
                    .ipAddress("203.0.113.7")
                    .userAgent("Mozilla/5.0 (X11; Linux x86_64) Bench/1.0")
                    .build())
            .anonymisation(Anonymisation.FULL_TRACKING)
            .build();
    long[] latencies = new long[events];
    long start = System.nanoTime();
    for (int i = 0; i < events; i++) {
      PageView view = PageView.builder().url(URL).title("Red shoes").build();
      long before = System.nanoTime();
      tracker.track(view);
      latencies[i] = System.nanoTime() - before;
    }
    emitter.flush(Duration.ofMinutes(5));
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (collector.events() < events && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    long elapsed = System.nanoTime() - start;
    emitter.close(Duration.ofSeconds(10));
    if (collector.events() < events) {
      throw new IllegalStateException("only " + collector.events() + " of " + events + " arrived");
    }
    deleteRecursively(directory);
    Arrays.sort(latencies);
    return new Result(
        latencies[events / 2], latencies[(int) (events * 0.99)], events / (elapsed / 1e9));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
