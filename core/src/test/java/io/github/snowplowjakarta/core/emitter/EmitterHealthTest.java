package io.github.snowplowjakarta.core.emitter;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.encoding.PayloadEncoder;
import io.github.snowplowjakarta.core.testing.Fixtures;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TestCollector.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmitterHealthTest {
  private final TestCollector collector = TestCollector.start();
  private final PayloadEncoder encoder = new PayloadEncoder(TrackerSettings.of("health-test"));
  private final List<Emitter> emitters = new ArrayList<>();

  @AfterEach
  void closeEverything() {
    emitters.forEach(emitter -> emitter.close(ofSeconds(2)));
    collector.close();
  }

  private Emitter started(Emitter.Builder builder) {
    Emitter emitter =
        builder
            .retryBackoff(ofMillis(20), ofMillis(200))
            .connectTimeout(ofSeconds(2))
            .responseTimeout(ofSeconds(2))
            .flushInterval(ofMillis(20))
            .build();
    emitters.add(emitter);
    return emitter;
  }

  private EncodedEvent event() {
    return encoder
        .encode(
            Structured.builder().category("c").action("a").build(),
            Fixtures.fullSubject(),
            Anonymisation.FULL_TRACKING)
        .get(0);
  }

  private static EmitterHealth healthOf(Emitter emitter) {
    return EmitterHealth.running().stream()
        .filter(health -> health.name().equals(emitter.name()))
        .findFirst()
        .orElse(null);
  }

  @Test
  void aRunningEmitterIsListedUntilItIsClosed() {
    Emitter first = started(Emitter.builder(collector.uri()).queueCapacity(123));
    Emitter second = started(Emitter.builder(collector.uri()));

    EmitterHealth health = healthOf(first);
    assertThat(health).isNotNull();
    assertThat(health.collectorUnavailable()).isFalse();
    assertThat(health.details())
        .containsEntry("collector", collector.uri().toString())
        .containsEntry("queueCapacity", 123L)
        .containsEntry("queueDepth", 0L)
        .containsEntry("spool", "off")
        .doesNotContainKey("lastError");
    List<String> names = EmitterHealth.running().stream().map(EmitterHealth::name).toList();
    assertThat(names.indexOf(first.name())).isLessThan(names.indexOf(second.name()));

    first.close(ofSeconds(2));
    assertThat(healthOf(first)).isNull();
    assertThat(healthOf(second)).isNotNull();
  }

  @Test
  void emittersOfTheSameNameAreToldApart() {
    started(Emitter.builder(collector.uri()).name("health-twin"));
    started(Emitter.builder(collector.uri()).name("health-twin"));

    assertThat(EmitterHealth.running().stream().map(EmitterHealth::name))
        .contains("health-twin", "health-twin-2");
  }

  @Test
  void anOutageIsReportedWhileEventsWaitAndEndsWithTheNextDelivery() {
    Emitter emitter = started(Emitter.builder(collector.uri()));
    emitter.add(event());
    assertThat(emitter.flush(ofSeconds(5))).isTrue();
    assertThat(healthOf(emitter).details())
        .containsEntry("sent", 1L)
        .containsEntry("secondsSinceLastSuccess", 0L);

    collector.refuseConnections();
    emitter.add(event());
    await().atMost(ofSeconds(10)).until(() -> healthOf(emitter).collectorUnavailable());
    EmitterHealth during = healthOf(emitter);
    assertThat(during.details())
        .containsEntry("collectorUnavailable", true)
        .containsEntry("queueDepth", 1L)
        .containsKey("lastError");

    collector.restart();
    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    EmitterHealth after = healthOf(emitter);
    assertThat(after.collectorUnavailable()).isFalse();
    assertThat(after.details()).containsEntry("sent", 2L).containsEntry("queueDepth", 0L);
  }

  @Test
  void refusedEventsAreNoOutage() {
    Emitter emitter = started(Emitter.builder(collector.uri()));
    collector.enqueue(Response.status(400));
    emitter.add(event());
    await().atMost(ofSeconds(10)).until(() -> emitter.stats().failed() == 1);

    assertThat(healthOf(emitter).collectorUnavailable()).isFalse();
    assertThat(healthOf(emitter).details()).containsKey("lastError");
  }

  @Test
  void aMisconfiguredCollectorIsUnavailable() {
    Emitter emitter = started(Emitter.builder(collector.uri()));
    collector.respondWith(request -> Response.status(404));
    emitter.add(event());

    await().atMost(ofSeconds(10)).until(() -> healthOf(emitter).collectorUnavailable());
    assertThat(healthOf(emitter).details()).containsKey("misconfiguration");
  }

  @Test
  void theSpoolIsDescribed(@TempDir Path directory) {
    Emitter emitter = started(Emitter.builder(collector.uri()).spool(directory));
    emitter.add(event());
    assertThat(emitter.flush(ofSeconds(5))).isTrue();

    assertThat(healthOf(emitter).details())
        .containsEntry("spool", "on")
        .containsKeys("spoolBytes", "spoolSegments", "spoolSkipped");
  }

  @Test
  void messagesLoseTheSecretsOfTheirUris() {
    assertThat(
            EmitterHealth.redacted(
                "no answer: connect to https://user:secret@collector.example:8443/tp2?key=abc#x"
                    + " failed"))
        .isEqualTo("no answer: connect to https://collector.example:8443/tp2 failed");
    assertThat(EmitterHealth.redacted("HTTP 404")).isEqualTo("HTTP 404");
  }
}
