package io.github.snowplowjakarta.core.emitter;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.testing.TestCollector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Review findings: races and overflows, each with the test that showed it. */
class EmitterRaceTest {
  private final TestCollector collector = TestCollector.start();
  private final TestEvents events = new TestEvents("race-test");
  private final List<Emitter> emitters = new ArrayList<>();
  private final ExecutorService producers = Executors.newFixedThreadPool(4);

  @AfterEach
  void closeEverything() throws InterruptedException {
    producers.shutdownNow();
    producers.awaitTermination(10, TimeUnit.SECONDS);
    emitters.forEach(emitter -> emitter.close(ofSeconds(2)));
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  private Emitter started(Emitter.Builder builder) {
    Emitter emitter = builder.build();
    emitters.add(emitter);
    return emitter;
  }

  @Test
  void aBuilderChangedAfterBuildNeverChangesTheEmitter() {
    Emitter.Builder builder =
        Emitter.builder(collector.uri()).batchSize(5).flushInterval(ofMinutes(10));
    Emitter emitter = started(builder);
    builder.batchSize(2).noRetryStatusCodes(Set.of(500));

    for (int i = 0; i < 5; i++) {
      emitter.add(events.one());
    }

    await().atMost(ofSeconds(10)).until(() -> collector.requests().size() == 1);
    assertThat(collector.requests().get(0).events()).hasSize(5);
    assertThat(emitter.stats().sent()).isEqualTo(5);
  }

  @Test
  void concurrentProducersOnAFullQueueEvictOnlyWhatMakesRoom() throws Exception {
    int capacity = 3;
    int perProducer = 50_000;
    // Nothing is due for ten minutes: every event stays queued, and evictable.
    Emitter emitter =
        started(
            Emitter.builder(collector.uri())
                .batchSize(10_000)
                .maxBatchBytes(900_000)
                .flushInterval(ofMinutes(10))
                .queueCapacity(capacity));
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> running = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      EncodedEvent event = events.one();
      running.add(
          producers.submit(
              () -> {
                go.await();
                for (int i = 0; i < perProducer; i++) {
                  emitter.add(event);
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> producer : running) {
      producer.get(60, TimeUnit.SECONDS);
    }

    EmitterStats stats = emitter.stats();
    assertThat(stats.accepted()).isEqualTo(4L * perProducer);
    assertThat(stats.queueDepth()).isEqualTo(capacity);
    assertThat(stats.dropped()).isEqualTo(4L * perProducer - capacity);
  }

  @Test
  void flushWaitsForEveryEventAddedBeforeItWhileOthersAreAdding() throws Exception {
    Emitter emitter = started(Emitter.builder(collector.uri()).batchSize(7));
    Set<String> added = java.util.concurrent.ConcurrentHashMap.newKeySet();
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> running = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      running.add(
          producers.submit(
              () -> {
                go.await();
                for (int i = 0; i < 3_000; i++) {
                  EncodedEvent event = events.one();
                  emitter.add(event);
                  added.add(event.eventId());
                }
                return null;
              }));
    }
    go.countDown();
    List<String> missed = new CopyOnWriteArrayList<>();
    for (int round = 0; round < 30; round++) {
      Set<String> before = new HashSet<>(added);
      assertThat(emitter.flush(ofSeconds(20))).isTrue();
      Set<String> delivered =
          collector.acceptedEvents().stream()
              .map(e -> e.get("eid").asText())
              .collect(Collectors.toSet());
      before.stream().filter(id -> !delivered.contains(id)).forEach(missed::add);
    }
    for (Future<?> producer : running) {
      producer.get(60, TimeUnit.SECONDS);
    }

    assertThat(missed).isEmpty();
  }

  @Test
  void closeAndFlushTakeATimeoutOfAnySize() {
    List<Thread> threads = new CopyOnWriteArrayList<>();
    Emitter emitter =
        started(
            Emitter.builder(collector.uri())
                .threadFactory(
                    task -> {
                      Thread thread = new Thread(task);
                      threads.add(thread);
                      return thread;
                    }));
    emitter.add(events.one());

    assertThat(emitter.flush(Duration.ofSeconds(Long.MAX_VALUE))).isTrue();
    emitter.add(events.one());
    emitter.close(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999));

    assertThat(emitter.stats().sent()).isEqualTo(2);
    assertThat(emitter.add(events.one())).isFalse();
    await().atMost(ofSeconds(10)).until(() -> threads.stream().noneMatch(Thread::isAlive));
  }
}
