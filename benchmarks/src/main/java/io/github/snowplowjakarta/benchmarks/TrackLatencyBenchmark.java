package io.github.snowplowjakarta.benchmarks;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.event.PageView;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code Tracker.track} costs the caller with a healthy collector and with one that refuses
 * connections (the queue full, the oldest events dropped to make room), side by side.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrackLatencyBenchmark {
  @Param({"healthy", "unreachable"})
  public String collectorState;

  private LoopbackCollector collector;
  private Emitter emitter;
  private Tracker tracker;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    URI uri;
    if (collectorState.equals("healthy")) {
      collector = new LoopbackCollector();
      uri = collector.uri();
    } else {
      try (ServerSocket closed = new ServerSocket(0)) {
        uri = URI.create("http://127.0.0.1:" + closed.getLocalPort());
      }
    }
    emitter =
        Emitter.builder(uri).retryBackoff(Duration.ofMillis(50), Duration.ofSeconds(1)).build();
    tracker =
        Tracker.builder(TrackerSettings.of("bench"), emitter)
            .subject(
                Subject.builder()
                    .userAgent("Mozilla/5.0 Bench/1.0")
                    .ipAddress("203.0.113.7")
                    .build())
            .anonymisation(Anonymisation.FULL_TRACKING)
            .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.println("\n" + collectorState + ": " + emitter.stats());
    emitter.close(Duration.ofSeconds(1));
    if (collector != null) {
      collector.close();
    }
  }

  @Benchmark
  public boolean track() {
    return tracker.track(PageView.builder().url("https://shop.example.com/").title("Home").build());
  }
}
