package io.github.snowplowjakarta.core;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.event.PageView;
import io.github.snowplowjakarta.core.testing.Fixtures;
import io.github.snowplowjakarta.testing.TestCollector;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrackerTest {
  private final TestCollector collector = TestCollector.start();
  private final Emitter emitter = Emitter.builder(collector.uri()).build();

  @AfterEach
  void close() {
    emitter.close(ofSeconds(5));
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  @Test
  void tracksToTheCollectorPrivacySafeByDefault() {
    Tracker tracker =
        Tracker.builder(TrackerSettings.of("shop"), emitter)
            .subject(Fixtures.fullSubject())
            .build();

    assertThat(tracker.track(Fixtures.pageView())).isTrue();
    assertThat(tracker.track(Fixtures.transaction())).isTrue();

    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    List<JsonNode> events = collector.acceptedEvents();
    assertThat(events).hasSize(3);
    assertThat(events)
        .allSatisfy(e -> assertThat(e.has("duid") || e.has("ip") || e.has("sid")).isFalse());
    assertThat(collector.requests()).allSatisfy(r -> assertThat(r.anonymous()).isTrue());
    assertThat(tracker.anonymisation()).isEqualTo(Anonymisation.ANONYMOUS_SERVER);
  }

  @Test
  void aTrackerForOneRequestMergesItsSubjectAndUsesItsOwnAnonymisation() {
    Tracker tracker =
        Tracker.builder(TrackerSettings.of("shop"), emitter)
            .subject(Subject.builder().language("en-GB").build())
            .anonymisation(Anonymisation.ANONYMOUS)
            .build();

    Tracker forRequest =
        tracker.with(
            Subject.builder().domainUserId(Fixtures.DOMAIN_USER_ID).ipAddress("192.0.2.1").build(),
            Anonymisation.FULL_TRACKING);
    forRequest.track(PageView.builder().url("https://shop.example.com/a").build());
    tracker.track(PageView.builder().url("https://shop.example.com/b").build());

    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    JsonNode fromRequest = eventWithUrl("https://shop.example.com/a");
    JsonNode fromTracker = eventWithUrl("https://shop.example.com/b");
    assertThat(fromRequest.get("duid").asText()).isEqualTo(Fixtures.DOMAIN_USER_ID);
    assertThat(fromRequest.get("lang").asText()).isEqualTo("en-GB");
    assertThat(fromTracker.has("duid")).isFalse();
    assertThat(fromTracker.has("ip")).isFalse();
    assertThat(forRequest.emitter()).isSameAs(tracker.emitter());
  }

  @Test
  void trackingAfterTheEmitterClosedReturnsFalseAndThrowsNothing() {
    Tracker tracker = Tracker.builder(TrackerSettings.of("shop"), emitter).build();
    emitter.close(ofSeconds(5));

    assertThat(tracker.track(Fixtures.pageView())).isFalse();
    assertThat(tracker.track(null)).isFalse();
    assertThat(tracker.notEncoded()).isEqualTo(1);
    assertThat(emitter.stats().dropped()).isEqualTo(1);
  }

  private JsonNode eventWithUrl(String url) {
    return collector.acceptedEvents().stream()
        .filter(e -> e.get("url").asText().equals(url))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void whileWorkIsInProgressEventsTakeItsSubjectAndAnonymisation() {
    Tracker request =
        Tracker.builder(TrackerSettings.of("filter"), emitter)
            .build()
            .with(
                Subject.builder().domainUserId(Fixtures.DOMAIN_USER_ID).build(),
                Anonymisation.FULL_TRACKING);
    java.util.concurrent.atomic.AtomicReference<Tracker> current =
        new java.util.concurrent.atomic.AtomicReference<>(request);
    Tracker application =
        Tracker.builder(
                TrackerSettings.builder().appId("app").namespace("marketing").build(), emitter)
            .subject(Subject.builder().language("fr-FR").build())
            .workInProgress(current::get)
            .build();

    application.track(PageView.builder().url("https://shop.example.com/in-request").build());
    current.set(null);
    application.track(PageView.builder().url("https://shop.example.com/outside").build());

    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    JsonNode inRequest = eventWithUrl("https://shop.example.com/in-request");
    JsonNode outside = eventWithUrl("https://shop.example.com/outside");
    assertThat(inRequest.get("duid").asText()).isEqualTo(Fixtures.DOMAIN_USER_ID);
    assertThat(inRequest.get("lang").asText()).isEqualTo("fr-FR");
    assertThat(inRequest.get("tna").asText()).isEqualTo("marketing");
    assertThat(outside.has("duid")).isFalse();
    assertThat(outside.get("lang").asText()).isEqualTo("fr-FR");
  }

  @Test
  void atLevelOffNothingLeavesAndEachEventIsCounted() {
    Tracker tracker =
        Tracker.builder(TrackerSettings.of("shop"), emitter)
            .anonymisation(Anonymisation.FULL_TRACKING)
            .build();
    Tracker off = tracker.with(Subject.builder().ipAddress("192.0.2.1").build(), Anonymisation.OFF);

    assertThat(off.track(Fixtures.pageView())).isFalse();
    assertThat(off.track(Fixtures.transaction())).isFalse();
    assertThat(tracker.track(PageView.builder().url("https://shop.example.com/on").build()))
        .isTrue();

    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    assertThat(collector.acceptedEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.get("url").asText()).endsWith("/on"));
    assertThat(tracker.withheld()).isEqualTo(2);
    assertThat(tracker.notEncoded()).isZero();
    assertThat(tracker.disabledCalls()).isZero();
    assertThat(new Anonymisation(Anonymisation.Level.OFF, false)).isEqualTo(Anonymisation.OFF);
  }

  @Test
  void aDisabledTrackerCountsItsCallsAndSendsNothing() {
    Tracker tracker = Tracker.disabled(TrackerSettings.of("shop"));
    Tracker forRequest = tracker.with(Fixtures.fullSubject(), Anonymisation.FULL_TRACKING);

    assertThat(tracker.track(Fixtures.pageView())).isFalse();
    assertThat(forRequest.track(Fixtures.transaction())).isFalse();
    assertThat(tracker.track(null)).isFalse();

    assertThat(tracker.isEnabled()).isFalse();
    assertThat(forRequest.isEnabled()).isFalse();
    assertThat(tracker.disabledCalls()).isEqualTo(3);
    assertThat(tracker.notEncoded()).isZero();
    assertThat(tracker.withheld()).isZero();
    assertThat(tracker.emitter()).isNull();
    assertThat(tracker.settings().appId()).isEqualTo("shop");
    assertThat(tracker.toString()).contains("disabled");
  }
}
