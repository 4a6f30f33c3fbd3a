package io.github.snowplowjakarta.core.emitter;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.encoding.PayloadEncoder;
import io.github.snowplowjakarta.core.testing.Fixtures;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TestCollector.Request;
import io.github.snowplowjakarta.testing.TestCollector.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The emitter with its spool on, against a real loopback collector. */
class EmitterSpoolTest {
  @TempDir Path dir;

  private final TestCollector collector = TestCollector.start();
  private final PayloadEncoder encoder = new PayloadEncoder(TrackerSettings.of("spool-test"));
  private final List<Emitter> emitters = new ArrayList<>();

  @AfterEach
  void closeEverything() {
    emitters.forEach(emitter -> emitter.close(ofSeconds(2)));
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  private Emitter.Builder spooled() {
    return Emitter.builder(collector.uri())
        .spool(dir)
        .retryBackoff(ofMillis(20), ofMillis(200))
        .flushInterval(ofMillis(50))
        .connectTimeout(ofSeconds(2))
        .responseTimeout(ofSeconds(2));
  }

  private Emitter started(Emitter.Builder builder) {
    Emitter emitter = builder.build();
    emitters.add(emitter);
    return emitter;
  }

  private EncodedEvent event(Anonymisation anonymisation) {
    return encoder
        .encode(
            Structured.builder().category("c").action("a").build(),
            Fixtures.fullSubject(),
            anonymisation)
        .get(0);
  }

  private List<String> track(Emitter emitter, int count) {
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      EncodedEvent event =
          event(i % 3 == 0 ? Anonymisation.ANONYMOUS_SERVER : Anonymisation.FULL_TRACKING);
      if (emitter.add(event)) {
        accepted.add(event.eventId());
      }
    }
    return accepted;
  }

  private List<String> receivedIds() {
    return collector.acceptedEvents().stream().map(e -> e.get("eid").asText()).toList();
  }

  private long segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".seg")).count();
    }
  }

  @Test
  void eventsAcceptedWhileTheCollectorIsDownAreSentByTheNextEmitter() {
    collector.refuseConnections();
    Emitter first = started(spooled());
    List<String> accepted = track(first, 30);
    first.close(ofMillis(200));
    assertThat(accepted).hasSize(30);
    assertThat(first.stats().failed()).isZero();

    collector.restart();
    Emitter second = started(spooled());
    assertThat(second.flush(ofSeconds(10))).isTrue();

    assertThat(receivedIds()).containsExactlyInAnyOrderElementsOf(accepted);
    // The SP-Anonymous split survives the restart.
    for (Request request : collector.requests()) {
      if (request.accepted()) {
        assertThat(request.events())
            .allSatisfy(e -> assertThat(e.has("uid")).isNotEqualTo(request.anonymous()));
      }
    }
  }

  @Test
  void memoryIsOnlyAWindowOntoTheSpoolSoAnOutageDropsNothing() {
    collector.refuseConnections();
    Emitter emitter = started(spooled().queueCapacity(10).batchSize(5));
    List<String> accepted = track(emitter, 300);

    assertThat(accepted).hasSize(300);
    assertThat(emitter.stats().dropped()).isZero();
    assertThat(emitter.stats().queueDepth()).isEqualTo(300);

    collector.restart();
    assertThat(emitter.flush(ofSeconds(20))).isTrue();
    assertThat(receivedIds()).containsExactlyInAnyOrderElementsOf(accepted);
    assertThat(emitter.stats().sent()).isEqualTo(300);
  }

  @Test
  void eventsWaitingOnDiskGoInTheOrderTheyCame() {
    collector.refuseConnections();
    // One request at a time, so that the order of requests is the order of batches.
    Emitter emitter = started(spooled().queueCapacity(4).batchSize(2).maxRequestsInFlight(1));
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      EncodedEvent event = event(Anonymisation.FULL_TRACKING);
      emitter.add(event);
      accepted.add(event.eventId());
    }
    collector.restart();
    assertThat(emitter.flush(ofSeconds(20))).isTrue();
    assertThat(receivedIds()).containsExactlyElementsOf(accepted);
  }

  @Test
  void deliveredEventsAreNotSentAgainAndTheirSegmentsGo() throws IOException {
    Emitter first = started(spooled().spoolMaxBytes(1 << 20));
    List<String> accepted = track(first, 600);
    assertThat(first.flush(ofSeconds(20))).isTrue();
    await().atMost(ofSeconds(10)).until(() -> segmentFiles() == 0);
    first.close(ofSeconds(2));

    Emitter second = started(spooled());
    assertThat(second.flush(ofSeconds(5))).isTrue();
    assertThat(receivedIds()).containsExactlyInAnyOrderElementsOf(accepted);
  }

  @Test
  void eventsTheCollectorRefusesForGoodAreNotSentAgain() {
    // One refusal for each lane's request.
    collector.enqueue(Response.status(400), Response.status(400));
    Emitter first = started(spooled());
    track(first, 3);
    assertThat(first.flush(ofSeconds(10))).isTrue();
    assertThat(first.stats().failed()).isEqualTo(3);
    first.close(ofSeconds(2));
    int requests = collector.requests().size();

    Emitter second = started(spooled());
    assertThat(second.flush(ofSeconds(5))).isTrue();
    assertThat(collector.requests()).hasSize(requests);
  }

  @Test
  void aFullSpoolDropsTheOldestEventsCountedAndKeepsTheRest() {
    collector.refuseConnections();
    Emitter first = started(spooled().spoolMaxBytes(1 << 20).queueCapacity(50));
    List<String> accepted = track(first, 3000);
    first.close(ofMillis(200));
    long dropped = first.stats().dropped();
    long failed = first.stats().failed();
    assertThat(accepted).hasSize(3000);
    assertThat(dropped).isPositive();
    // The first events stayed in the window in memory, retried, after their segment was dropped:
    // closing lost them, counted as failed.
    assertThat(failed).isPositive().isLessThanOrEqualTo(50);

    collector.restart();
    Emitter second = started(spooled().spoolMaxBytes(1 << 20));
    assertThat(second.flush(ofSeconds(20))).isTrue();
    List<String> received = receivedIds();
    // Nothing else is lost: the rest are the newest events.
    assertThat(received).hasSize((int) (3000 - dropped - failed));
    assertThat(accepted.subList(3000 - received.size(), 3000))
        .containsExactlyInAnyOrderElementsOf(received);
  }

  @Test
  void aSpoolThatCannotBeOpenedFallsBackToMemoryAndSaysSo() {
    started(spooled());
    Emitter second = started(spooled());

    SpoolStats spool = second.stats().spool();
    assertThat(spool).isNotNull();
    assertThat(spool.unavailable()).contains(dir.toString()).contains("another emitter");
    List<String> accepted = track(second, 5);
    assertThat(second.flush(ofSeconds(10))).isTrue();
    assertThat(receivedIds()).containsExactlyInAnyOrderElementsOf(accepted);
  }

  @Test
  void aRequiredSpoolThatCannotBeOpenedFailsTheBuildNamingIt() throws IOException {
    started(spooled());
    assertThatThrownBy(() -> spooled().spoolRequired(true).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(dir.toString());
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertThatThrownBy(() -> spooled().spool(file.resolve("spool")).spoolRequired(true).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.resolve("spool").toString());
  }

  @Test
  void aSpoolDirectoryThatCannotBeCreatedLeavesEventsInMemory() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Emitter emitter = started(spooled().spool(file.resolve("spool")));
    assertThat(emitter.stats().spool().unavailable()).contains(file.resolve("spool").toString());
    List<String> accepted = track(emitter, 3);
    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    assertThat(receivedIds()).containsExactlyInAnyOrderElementsOf(accepted);
  }

  @ParameterizedTest
  @EnumSource(
      value = SpoolFsync.class,
      names = {"ALWAYS", "INTERVAL"})
  void anInterruptedTrackingThreadDoesNotBreakTheSpoolForOthers(SpoolFsync fsync) throws Exception {
    collector.refuseConnections();
    Emitter emitter = started(spooled().spoolFsync(fsync));
    EncodedEvent interrupted = event(Anonymisation.FULL_TRACKING);
    Thread.currentThread().interrupt();
    boolean added;
    try {
      added = emitter.add(interrupted);
    } finally {
      assertThat(Thread.interrupted()).isTrue();
    }
    assertThat(added).isTrue();
    List<String> healthy =
        CompletableFuture.supplyAsync(() -> track(emitter, 100)).get(30, TimeUnit.SECONDS);
    assertThat(healthy).hasSize(100);

    collector.restart();
    assertThat(emitter.flush(ofSeconds(20))).isTrue();
    List<String> expected = new ArrayList<>(healthy);
    expected.add(interrupted.eventId());
    assertThat(receivedIds()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void closingWhileTheCollectorIsDownKeepsEverythingEvenWhenTheWorkerIsInterrupted() {
    collector.refuseConnections();
    // The close times out while batches are retried: the worker is interrupted, then closes the
    // spool.
    Emitter first = started(spooled().flushInterval(ofMillis(1)));
    List<String> accepted = track(first, 200);
    first.close(ofMillis(20));

    collector.restart();
    Emitter second = started(spooled());
    assertThat(second.stats().spool().recovered()).isEqualTo(200);
    assertThat(second.flush(ofSeconds(20))).isTrue();
    assertThat(receivedIds()).containsExactlyInAnyOrderElementsOf(accepted);
  }

  @Test
  void theStatsShowTheSpoolsBytesSegmentsAndWhatItRecoveredAndSkipped() throws IOException {
    collector.refuseConnections();
    Emitter first = started(spooled());
    track(first, 20);
    SpoolStats running = first.stats().spool();
    assertThat(running.bytes()).isPositive();
    assertThat(running.segments()).isEqualTo(1);
    assertThat(running.unavailable()).isNull();
    first.close(ofMillis(100));
    Path segment;
    try (Stream<Path> files = Files.list(dir)) {
      segment = files.filter(f -> f.toString().endsWith(".seg")).findFirst().orElseThrow();
    }
    // A byte in the middle of the tenth record or so: one record lost.
    byte[] bytes = Files.readAllBytes(segment);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(segment, bytes);

    Emitter second = started(spooled());
    SpoolStats spool = second.stats().spool();
    assertThat(spool.recovered()).isEqualTo(19);
    assertThat(spool.skipped()).isEqualTo(1);
    assertThat(spool.segments()).isEqualTo(1);
    assertThat(spool.bytes()).isEqualTo(Files.size(segment));
  }
}
