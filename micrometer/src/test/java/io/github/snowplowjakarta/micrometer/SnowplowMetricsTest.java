package io.github.snowplowjakarta.micrometer;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.emitter.LossReason;
import io.github.snowplowjakarta.core.emitter.OverflowPolicy;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TestCollector.Response;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a Micrometer registry shows of the emitters. */
class SnowplowMetricsTest {
  private final TestCollector collector = TestCollector.start();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable each : closing) {
      each.close();
    }
    collector.close();
  }

  private Emitter started(Emitter.Builder builder) {
    Emitter emitter = builder.build();
    closing.add(emitter);
    return emitter;
  }

  private SnowplowMetrics bound(SnowplowMetrics metrics) {
    closing.add(0, metrics);
    metrics.bindTo(registry);
    return metrics;
  }

  private static void track(Emitter emitter, int count) {
    Tracker tracker = Tracker.builder(TrackerSettings.of("micrometer-test"), emitter).build();
    for (int i = 0; i < count; i++) {
      tracker.track(Structured.builder().category("c").action("a").build());
    }
  }

  private double events(String emitter, String outcome) {
    return registry
        .get("snowplow.emitter.events")
        .tags("emitter", emitter, "outcome", outcome)
        .functionCounters()
        .stream()
        .mapToDouble(FunctionCounter::count)
        .sum();
  }

  private double lost(String emitter, LossReason reason) {
    return registry
        .get("snowplow.emitter.events")
        .tags("emitter", emitter, "outcome", reason.outcome(), "error.type", reason.tag())
        .functionCounter()
        .count();
  }

  private FunctionTimer requests(String emitter, String outcome) {
    return registry
        .get("snowplow.emitter.request.duration")
        .tags("emitter", emitter, "outcome", outcome)
        .functionTimer();
  }

  private double gauge(String name, String emitter) {
    return registry.get(name).tag("emitter", emitter).gauge().value();
  }

  @Test
  void anOutageShowsSentStallingTheQueueGrowingAndDropsCountedThenTheRecovery() {
    bound(new SnowplowMetrics(Tags.of("app_id", "shop")));
    Emitter emitter =
        started(
            Emitter.builder(collector.uri())
                .name("outage")
                .batchSize(5)
                .flushInterval(ofMillis(20))
                .queueCapacity(20)
                .overflowPolicy(OverflowPolicy.DROP_NEWEST)
                .retryBackoff(ofMillis(20), ofMillis(100))
                .connectTimeout(ofSeconds(1)));

    assertThat(gauge("snowplow.emitter.queue.capacity", "outage")).isEqualTo(20);
    assertThat(
            registry
                .get("snowplow.emitter.events.accepted")
                .tags("emitter", "outage", "app_id", "shop")
                .functionCounter()
                .count())
        .isZero();
    track(emitter, 5);
    await().atMost(ofSeconds(10)).until(() -> events("outage", "sent") == 5);
    assertThat(
            registry
                .get("snowplow.emitter.last_success.age")
                .tag("emitter", "outage")
                .timeGauge()
                .value(TimeUnit.SECONDS))
        .isBetween(0.0, 5.0);

    collector.refuseConnections();
    track(emitter, 30);
    await()
        .atMost(ofSeconds(10))
        .until(
            () ->
                registry
                            .get("snowplow.emitter.retries")
                            .tag("emitter", "outage")
                            .functionCounter()
                            .count()
                        > 0
                    && gauge("snowplow.emitter.queue.size", "outage") == 20);
    assertThat(events("outage", "sent")).isEqualTo(5);
    assertThat(events("outage", "dropped")).isEqualTo(10);
    assertThat(lost("outage", LossReason.QUEUE_FULL)).isEqualTo(10);
    assertThat(lost("outage", LossReason.CLOSED)).isZero();
    assertThat(events("outage", "failed")).isZero();
    assertThat(requests("outage", "success").count()).isEqualTo(1);
    assertThat(requests("outage", "failure").count()).isPositive();
    assertThat(
            registry
                .get("snowplow.emitter.events.accepted")
                .tag("emitter", "outage")
                .functionCounter()
                .count())
        .isEqualTo(25);

    collector.restart();
    await()
        .atMost(ofSeconds(20))
        .until(
            () ->
                events("outage", "sent") == 25
                    && gauge("snowplow.emitter.queue.size", "outage") == 0);
    assertThat(events("outage", "dropped")).isEqualTo(10);
    assertThat(gauge("snowplow.emitter.misconfigured", "outage")).isZero();
    assertThat(requests("outage", "success").count()).isGreaterThanOrEqualTo(5);
    assertThat(requests("outage", "success").totalTime(TimeUnit.NANOSECONDS)).isPositive();
    assertThat(gauge("snowplow.emitter.events.inflight", "outage")).isZero();
  }

  @Test
  void aRefusingCollectorShowsFailedByReasonAndAHeldRequestIsInFlight() {
    bound(new SnowplowMetrics());
    CountDownLatch answer = new CountDownLatch(1);
    collector.respondWith(
        request -> {
          try {
            answer.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Response.status(400);
        });
    Emitter emitter =
        started(
            Emitter.builder(collector.uri())
                .name("refusing")
                .batchSize(4)
                .flushInterval(ofSeconds(60)));
    track(emitter, 4);
    await()
        .atMost(ofSeconds(10))
        .until(
            () ->
                gauge("snowplow.emitter.requests.inflight", "refusing") == 1
                    && gauge("snowplow.emitter.events.inflight", "refusing") == 4);
    assertThat(lost("refusing", LossReason.REFUSED)).isZero();

    answer.countDown();
    await().atMost(ofSeconds(10)).until(() -> lost("refusing", LossReason.REFUSED) == 4);
    assertThat(events("refusing", "failed")).isEqualTo(4);
    assertThat(events("refusing", "sent")).isZero();
    assertThat(gauge("snowplow.emitter.requests.inflight", "refusing")).isZero();
    assertThat(requests("refusing", "failure").count()).isEqualTo(1);
    assertThat(requests("refusing", "success").count()).isZero();
    assertThat(
            registry
                .get("snowplow.emitter.request.duration.max")
                .tag("emitter", "refusing")
                .timeGauge()
                .value(TimeUnit.NANOSECONDS))
        .isPositive()
        .isCloseTo(requests("refusing", "failure").totalTime(TimeUnit.NANOSECONDS), within(1e3));
  }

  @Test
  void everySeriesOfTheEventsCounterHasTheSameTagKeys() {
    bound(new SnowplowMetrics(Tags.of("app_id", "shop")));
    started(Emitter.builder(collector.uri()).name("keys"));
    assertThat(
            registry.get("snowplow.emitter.events").tag("emitter", "keys").meters().stream()
                .map(meter -> meter.getId().getTags().stream().map(tag -> tag.getKey()).toList())
                .distinct()
                .toList())
        .containsExactly(List.of("app_id", "emitter", "error.type", "outcome"));
    for (LossReason reason : LossReason.values()) {
      assertThat(lost("keys", reason)).isZero();
    }
    assertThat(registry.get("snowplow.emitter.events").tag("emitter", "keys").meters())
        .hasSize(1 + LossReason.values().length);
  }

  @Test
  void anEmitterStartedBeforeTheBindingIsBoundAndOneClosedLosesItsMeters() {
    Emitter before = started(Emitter.builder(collector.uri()).name("before"));
    bound(new SnowplowMetrics());
    Emitter after = started(Emitter.builder(collector.uri()).name("after"));
    assertThat(emitterTags()).contains("before", "after");

    after.close(ofSeconds(2));
    before.close(ofSeconds(2));
    assertThat(emitterTags()).doesNotContain("before", "after");
  }

  @Test
  void aMisconfiguredCollectorIsOne() {
    bound(new SnowplowMetrics());
    collector.respondWith(request -> Response.status(404));
    Emitter emitter =
        started(
            Emitter.builder(collector.uri())
                .name("wrong-path")
                .flushInterval(ofMillis(20))
                .retryBackoff(ofMillis(20), ofMillis(100)));
    track(emitter, 1);
    await()
        .atMost(ofSeconds(10))
        .until(() -> gauge("snowplow.emitter.misconfigured", "wrong-path") == 1);
  }

  @Test
  void anEmitterWithASpoolHasTheSpoolMetersAndOneWithoutHasNone(@TempDir Path directory)
      throws Exception {
    bound(new SnowplowMetrics());
    collector.refuseConnections();
    started(Emitter.builder(collector.uri()).name("memory"));
    Emitter spooled =
        started(Emitter.builder(collector.uri()).name("disk").spool(directory.resolve("spool")));
    track(spooled, 10);
    assertThat(gauge("snowplow.emitter.spool.size", "disk")).isPositive();
    assertThat(gauge("snowplow.emitter.spool.segments", "disk")).isPositive();
    assertThat(gauge("snowplow.emitter.spool.unavailable", "disk")).isZero();
    assertThat(
            registry
                .get("snowplow.emitter.spool.skipped")
                .tag("emitter", "disk")
                .functionCounter()
                .count())
        .isZero();
    assertThat(registry.find("snowplow.emitter.spool.size").tag("emitter", "memory").gauge())
        .isNull();

    Path notADirectory = Files.writeString(directory.resolve("file"), "x");
    started(Emitter.builder(collector.uri()).name("unusable").spool(notADirectory));
    assertThat(gauge("snowplow.emitter.spool.unavailable", "unusable")).isEqualTo(1);
  }

  @Test
  void afterCloseTheBinderFollowsNoNewEmitter() {
    SnowplowMetrics metrics = bound(new SnowplowMetrics());
    metrics.close();
    started(Emitter.builder(collector.uri()).name("unseen"));
    assertThat(emitterTags()).doesNotContain("unseen");
  }

  @Test
  void aNameAnObjectNameQuotesIsTaggedAsItIs() {
    bound(new SnowplowMetrics());
    started(Emitter.builder(collector.uri()).name("shop,eu=1"));
    assertThat(emitterTags()).contains("shop,eu=1");
  }

  @Test
  void theReadmeListsEveryMeterByItsName(@TempDir Path directory) throws Exception {
    bound(new SnowplowMetrics());
    started(Emitter.builder(collector.uri()).name("documented").spool(directory));
    Set<String> documented = new TreeSet<>();
    Matcher row =
        Pattern.compile("(?m)^\\| `(snowplow\\.emitter\\.[a-z._]+)`").matcher(operatingIt());
    while (row.find()) {
      documented.add(row.group(1));
    }
    assertThat(documented)
        .isEqualTo(
            registry.getMeters().stream()
                .map(meter -> meter.getId().getName())
                .collect(Collectors.toCollection(TreeSet::new)));
  }

  private List<String> emitterTags() {
    return registry.getMeters().stream()
        .map(Meter::getId)
        .map(id -> id.getTag("emitter"))
        .distinct()
        .toList();
  }

  /** The README's "Operating it" section. */
  static String operatingIt() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    int start = readme.indexOf("\n## Operating it\n");
    assertThat(start).isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }
}
