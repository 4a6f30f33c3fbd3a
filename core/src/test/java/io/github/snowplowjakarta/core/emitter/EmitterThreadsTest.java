package io.github.snowplowjakarta.core.emitter;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.encoding.PayloadEncoder;
import io.github.snowplowjakarta.core.testing.Fixtures;
import io.github.snowplowjakarta.testing.TestCollector;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 25: the README's count of an emitter's threads, and what each one does. */
class EmitterThreadsTest {
  private final TestCollector collector = TestCollector.start();

  @AfterEach
  void close() {
    collector.close();
  }

  @Test
  void anEmitterRunsThreeThreadsOfItsOwnAndStopsThemWhenClosed() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    Emitter emitter = Emitter.builder(collector.uri()).build();
    emitter.add(
        new PayloadEncoder(TrackerSettings.of("threads"))
            .encode(
                Structured.builder().category("c").action("a").build(),
                Fixtures.fullSubject(),
                Anonymisation.FULL_TRACKING)
            .get(0));
    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    Map<String, String> threads = new TreeMap<>();
    Thread.getAllStackTraces()
        .forEach(
            (thread, stack) -> {
              if (!before.contains(thread) && thread.getName().startsWith("snowplow-emitter-")) {
                threads.put(
                    thread.getName().replaceFirst("snowplow-emitter-\\d+-", ""),
                    Arrays.stream(stack)
                        .map(frame -> frame.getClassName())
                        .collect(Collectors.joining(" ")));
              }
            });
    // -1 HttpClient's I/O reactor, -2 the executor HttpClient runs it from, -3 the worker.
    assertThat(threads).containsOnlyKeys("1", "2", "3");
    assertThat(threads.get("1")).contains("org.apache.hc.core5.reactor.SingleCoreIOReactor");
    assertThat(threads.get("2")).contains(ThreadPoolExecutor.class.getName());
    assertThat(threads.get("3")).contains(Worker.class.getName());

    emitter.close(ofSeconds(5));
    await()
        .atMost(ofSeconds(10))
        .until(
            () ->
                Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(
                        t -> !before.contains(t) && t.getName().startsWith("snowplow-emitter-")));
  }
}
