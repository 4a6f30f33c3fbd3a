package io.github.snowplowjakarta.core;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.Anonymisation.Level;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.event.ConsentEvent;
import io.github.snowplowjakarta.core.event.ConsentWithdrawn;
import io.github.snowplowjakarta.core.testing.Fixtures;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The level a consent event goes at: the more identifying of the levels before and after the
 * decision, one of the two, never more; checked on what reaches a collector, for every pair.
 */
class ConsentLevelTest {
  private final TestCollector collector = TestCollector.start();
  private final Emitter emitter = Emitter.builder(collector.uri()).build();

  @AfterEach
  void close() {
    emitter.close(ofSeconds(5));
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  private static List<Anonymisation> everySetting() {
    List<Anonymisation> all = new ArrayList<>();
    for (Level level : Level.values()) {
      all.add(new Anonymisation(level, false));
      all.add(new Anonymisation(level, true));
    }
    return all;
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource({
    // withdrawals and narrower choices: the identifiers the visitor had
    "full, anonymous+server, full",
    "full, anonymous-with-session, full",
    "full+server, anonymous, full+server",
    "anonymous-with-session, anonymous+server, anonymous-with-session",
    "anonymous, anonymous+server, anonymous",
    // grants and wider choices: the identifiers they allow
    "anonymous+server, full, full",
    "anonymous+server, anonymous-with-session, anonymous-with-session",
    "anonymous, full+server, full+server",
    "anonymous+server, anonymous, anonymous",
    // no change
    "full, full, full",
    "anonymous+server, anonymous+server, anonymous+server"
  })
  void theMoreIdentifyingOfTheTwoLevels(String before, String after, String sent) {
    assertThat(Anonymisation.forConsentChange(parse(before), parse(after))).isEqualTo(parse(sent));
  }

  @Test
  void neverAMixOfTheTwoAndNeverAnIdentifierNeitherSends() {
    for (Anonymisation before : everySetting()) {
      for (Anonymisation after : everySetting()) {
        Anonymisation sent = Anonymisation.forConsentChange(before, after);

        assertThat(sent).isIn(before, after);
        assertThat(sent.level().ordinal())
            .isEqualTo(Math.min(before.level().ordinal(), after.level().ordinal()));
        if (sent.sendsUserIdentifiers()) {
          assertThat(before.sendsUserIdentifiers() || after.sendsUserIdentifiers()).isTrue();
        }
        if (sent.sendsNetworkIdentifiers()) {
          assertThat(
                  (before.sendsNetworkIdentifiers() && before.level() == sent.level())
                      || (after.sendsNetworkIdentifiers() && after.level() == sent.level()))
              .as(before + " -> " + after)
              .isTrue();
        }
      }
    }
  }

  @Test
  void trackConsentSendsExactlyTheIdentifiersOfTheChosenLevelForEveryPair() {
    Tracker tracker = Tracker.builder(TrackerSettings.of("shop"), emitter).build();
    List<Anonymisation[]> pairs = new ArrayList<>();
    int withheld = 0;
    for (Anonymisation before : everySetting()) {
      for (Anonymisation after : everySetting()) {
        pairs.add(new Anonymisation[] {before, after});
        // Off to off: the only pair with no level that tracks, so nothing is sent.
        boolean tracks = Anonymisation.forConsentChange(before, after).tracks();
        withheld += tracks ? 0 : 1;
        assertThat(
                tracker
                    .with(Fixtures.fullSubject(), before)
                    .trackConsent(withdrawal(pairs.size()), after))
            .as(before + " -> " + after)
            .isEqualTo(tracks);
      }
    }

    assertThat(withheld).isEqualTo(4);
    assertThat(tracker.withheld()).isEqualTo(withheld);
    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    List<JsonNode> events = collector.acceptedEvents();
    assertThat(events).hasSize(pairs.size() - withheld);
    for (JsonNode event : events) {
      Map<String, String> fields = TrackerPayloads.fields(event);
      int index =
          Integer.parseInt(fields.get("url").substring("https://shop.example.com/".length()));
      Anonymisation[] pair = pairs.get(index - 1);
      Anonymisation sent = Anonymisation.forConsentChange(pair[0], pair[1]);
      String where = pair[0] + " -> " + pair[1];

      assertThat(fields.containsKey("duid")).as(where).isEqualTo(sent.sendsUserIdentifiers());
      assertThat(fields.containsKey("uid")).as(where).isEqualTo(sent.sendsUserIdentifiers());
      assertThat(fields.containsKey("sid")).as(where).isEqualTo(sent.sendsSessionIdentifiers());
      assertThat(fields.containsKey("ip")).as(where).isEqualTo(sent.sendsNetworkIdentifiers());
      assertThat(fields.containsKey("tnuid")).as(where).isEqualTo(sent.sendsNetworkIdentifiers());
    }
    assertThat(collector.requests())
        .allSatisfy(
            r ->
                assertThat(r.anonymous())
                    .isEqualTo(r.events().stream().noneMatch(e -> e.has("ip"))));
  }

  @Test
  void aTrackerFollowingARequestTakesTheRequestsLevelAsTheLevelBefore() {
    Tracker request =
        Tracker.builder(TrackerSettings.of("shop"), emitter)
            .build()
            .with(Fixtures.fullSubject(), Anonymisation.FULL_TRACKING);
    Tracker injected =
        Tracker.builder(TrackerSettings.of("shop"), emitter).workInProgress(() -> request).build();

    injected.trackConsent(withdrawal(1), Anonymisation.ANONYMOUS_SERVER);

    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    assertThat(collector.acceptedEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.get("duid").asText()).isEqualTo(Fixtures.DOMAIN_USER_ID));
  }

  @Test
  void aNullEventOrLevelIsCountedNotThrown() {
    Tracker tracker = Tracker.builder(TrackerSettings.of("shop"), emitter).build();

    assertThat(tracker.trackConsent(null, Anonymisation.FULL_TRACKING)).isFalse();
    assertThat(tracker.trackConsent(withdrawal(1), null)).isFalse();
    assertThat(tracker.notEncoded()).isEqualTo(2);
  }

  @Test
  void aDisabledTrackerCountsTheCallAndSendsNothing() {
    Tracker disabled = Tracker.disabled(TrackerSettings.of("shop"));

    assertThat(disabled.trackConsent(withdrawal(1), Anonymisation.FULL_TRACKING)).isFalse();
    assertThat(disabled.disabledCalls()).isEqualTo(1);
    assertThat(disabled.notEncoded()).isZero();
  }

  private static ConsentEvent withdrawal(int index) {
    return ConsentWithdrawn.builder()
        .all(true)
        .subject(Subject.builder().pageUrl("https://shop.example.com/" + index).build())
        .build();
  }

  private static Anonymisation parse(String name) {
    boolean server = name.endsWith("+server");
    String level = server ? name.substring(0, name.length() - "+server".length()) : name;
    return new Anonymisation(
        Level.valueOf(level.toUpperCase(java.util.Locale.ROOT).replace('-', '_')), server);
  }
}
