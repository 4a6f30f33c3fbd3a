package io.github.snowplowjakarta.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.event.ConsentWithdrawn;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import io.github.snowplowjakarta.web.consent.Levels;
import io.github.snowplowjakarta.web.internal.IdentityCookies;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The application's consent endpoint records the choice: the consent cookie, the consent event at
 * the more identifying of the two levels, and the new level for the rest of the response.
 */
class ConsentRecordingTest {
  private static final String DUID = "c8e4b7a2-3f1d-4e5a-9b6c-7d8e9f0a1b2c";
  private static final String SID = "0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e";
  private static final String BROWSER_COOKIES =
      "_sp_id.dc78=" + DUID + ".1700000000.1.1700000000.1700000000." + SID + "; _sp_ses.dc78=*";
  private static final Map<String, String> LEVELS =
      Map.of(
          "all", "full",
          "session", "anonymous-with-session",
          "none", "anonymous+server");

  private final TestCollector collector = TestCollector.start();
  private TestApp app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  /** The events of one request, by kind: the consent event, the one after it, the page view. */
  private record Sent(JsonNode consent, JsonNode after, JsonNode pageView) {}

  private Sent sentSince(int from) {
    app.flush();
    List<JsonNode> events = collector.acceptedEvents();
    List<JsonNode> mine = events.subList(from, events.size());
    assertThat(mine).hasSize(3);
    return new Sent(ofType(mine, "ue"), ofType(mine, "se"), ofType(mine, "pv"));
  }

  private static JsonNode ofType(List<JsonNode> events, String e) {
    return events.stream().filter(x -> x.get("e").asText().equals(e)).findFirst().orElseThrow();
  }

  private static List<String> setCookies(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie");
  }

  private static void assertSentAt(JsonNode event, Anonymisation level, String what) {
    Map<String, String> fields = TrackerPayloads.fields(event);
    assertThat(fields.containsKey("duid"))
        .as(what + " duid")
        .isEqualTo(level.sendsUserIdentifiers());
    assertThat(fields.containsKey("sid"))
        .as(what + " sid")
        .isEqualTo(level.sendsSessionIdentifiers());
    assertThat(fields.containsKey("ip"))
        .as(what + " ip")
        .isEqualTo(level.sendsNetworkIdentifiers());
  }

  @ParameterizedTest(name = "via={0}")
  @ValueSource(strings = {"request", "current"})
  void aWithdrawalGoesWithTheIdentifiersBeforeItAndTheRestOfTheResponseIsAnonymous(String via) {
    app = TestApp.withTracker(collector, Map.of());

    HttpResponse<String> response =
        app.get(
            "/record-consent?choice=none&type=WITHDRAWN&via=" + via,
            "Cookie",
            "sp_consent=all; " + BROWSER_COOKIES);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(setCookies(response))
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith("sp_consent=none;")
                    .contains("Path=/", "Max-Age=31536000", "SameSite=Lax"));
    Sent sent = sentSince(0);
    assertThat(sent.consent().get("duid").asText()).isEqualTo(DUID);
    assertThat(sent.consent().get("sid").asText()).isEqualTo(SID);
    assertThat(TrackerPayloads.selfDescribingEvent(sent.consent()).at("/data/eventType").asText())
        .isEqualTo("withdrawn");
    assertSentAt(sent.consent(), Anonymisation.FULL_TRACKING, "withdrawal");
    assertSentAt(sent.after(), Anonymisation.ANONYMOUS_SERVER, "event after it");
    assertSentAt(sent.pageView(), Anonymisation.ANONYMOUS_SERVER, "page view");
    assertThat(collector.requests())
        .filteredOn(r -> r.events().stream().anyMatch(e -> e.get("e").asText().equals("ue")))
        .allSatisfy(r -> assertThat(r.anonymous()).isFalse());
  }

  @Test
  void aGrantGoesWithTheNewIdentityTheFilterWritesInTheSameResponse() {
    app = TestApp.withTracker(collector, Map.of("snowplow.cookie.manage", "true"));

    HttpResponse<String> response = app.get("/record-consent?choice=all&type=ALLOW_ALL");

    String idCookie = "_sp_id." + IdentityCookies.hash("127.0.0.1/") + "=";
    String written =
        setCookies(response).stream().filter(c -> c.startsWith(idCookie)).findFirst().orElseThrow();
    String duid = written.substring(idCookie.length(), written.indexOf('.', idCookie.length()));
    Sent sent = sentSince(0);
    assertThat(sent.consent().get("duid").asText()).isEqualTo(duid);
    assertThat(sent.after().get("duid").asText()).isEqualTo(duid);
    assertThat(sent.pageView().get("duid").asText()).isEqualTo(duid);
    assertSentAt(sent.consent(), Anonymisation.FULL_TRACKING, "grant");
    assertThat(setCookies(response)).anySatisfy(c -> assertThat(c).startsWith("sp_consent=all;"));
  }

  @Test
  void aWithdrawalExpiresTheIdentityCookiesAndWritesNoneForTheLevelBefore() {
    app =
        TestApp.withTracker(
            collector,
            Map.of(
                "snowplow.cookie.manage", "true", "snowplow.cookie.clear-on-withdrawal", "true"));
    String id = "_sp_id." + IdentityCookies.hash("127.0.0.1/");

    HttpResponse<String> response =
        app.get(
            "/record-consent?choice=none&type=DENY_ALL",
            "Cookie",
            "sp_consent=all; " + id + "=" + DUID + ".1700000000.1.1700000000.1700000000." + SID);

    // The cookies are written only before commit, for the level then: none for anonymous.
    List<String> identity = setCookies(response).stream().filter(c -> c.startsWith(id)).toList();
    assertThat(identity).singleElement().satisfies(c -> assertThat(c).startsWith(id + "=;"));
    assertThat(identity.get(0)).contains("Max-Age=0");
    Sent sent = sentSince(0);
    assertThat(sent.consent().get("duid").asText()).isEqualTo(DUID);
    assertSentAt(sent.pageView(), Anonymisation.ANONYMOUS_SERVER, "page view");
  }

  @Test
  void aChoiceRecordedOnAPostWritesTheNewLevelsIdentityCookiesUnderTheContextPath() {
    app = TestApp.withTracker(collector, Map.of("snowplow.cookie.manage", "true"));
    String hash = IdentityCookies.hash("127.0.0.1/");

    // A POST earns no page view: recording the choice is what makes the response one that tracks.
    HttpResponse<String> response = app.post("/record-consent?choice=all&type=ALLOW_ALL");

    assertThat(setCookies(response))
        .anySatisfy(c -> assertThat(c).startsWith("_sp_id." + hash + "=").contains("Max-Age=6"))
        .anySatisfy(c -> assertThat(c).startsWith("_sp_ses." + hash + "=*"))
        .anySatisfy(
            c -> assertThat(c).startsWith("sp_consent=all;").contains("; Path=" + TestApp.CONTEXT));
  }

  @Test
  void aChoiceOfOffSendsTheEventAtTheLevelBeforeThenNothingAndExpiresTheCookies() {
    app =
        TestApp.withTracker(
            collector,
            Map.of(
                "snowplow.cookie.manage", "true",
                "snowplow.consent.cookie.values", "all=full,none=off"));
    String id = "_sp_id." + IdentityCookies.hash("127.0.0.1/");

    HttpResponse<String> response =
        app.get(
            "/record-consent?choice=none&type=withdrawn-all",
            "Cookie",
            "sp_consent=all; " + id + "=" + DUID + ".1700000000.1.1700000000.1700000000." + SID);

    app.flush();
    // Only the withdrawal leaves, with the identifiers before it; the event after it is withheld,
    // and a request that is off earns no page view.
    assertThat(collector.acceptedEvents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.get("e").asText()).isEqualTo("ue");
              assertThat(e.get("duid").asText()).isEqualTo(DUID);
            });
    assertThat(app.tracker.withheld()).isEqualTo(1);
    List<String> identity = setCookies(response).stream().filter(c -> c.startsWith(id)).toList();
    assertThat(identity).singleElement().satisfies(c -> assertThat(c).contains("Max-Age=0"));
    assertThat(setCookies(response)).noneMatch(c -> c.startsWith("_sp_ses.") && c.contains("=*"));
    assertThat(setCookies(response))
        .anySatisfy(c -> assertThat(c).startsWith("sp_consent=none;").contains("Path=/shop;"));
  }

  @Test
  void everyPairOfChoicesSendsTheConsentEventAtTheMoreIdentifyingLevel() {
    app = TestApp.withTracker(collector, Map.of());
    int from = 0;
    for (String before : LEVELS.keySet()) {
      for (String after : LEVELS.keySet()) {
        app.get(
            "/record-consent?choice=" + after + "&type=ALLOW_SELECTED",
            "Cookie",
            "sp_consent=" + before + "; " + BROWSER_COOKIES);
        Sent sent = sentSince(from);
        from += 3;
        Anonymisation was = Levels.parse(LEVELS.get(before));
        Anonymisation now = Levels.parse(LEVELS.get(after));
        String pair = before + " -> " + after;

        assertSentAt(sent.consent(), Anonymisation.forConsentChange(was, now), pair);
        assertSentAt(sent.after(), now, pair + ", after");
        assertSentAt(sent.pageView(), now, pair + ", page view");
      }
    }
  }

  @Test
  void aCapStillAppliesToTheNewLevel() {
    app = TestApp.withTracker(collector, Map.of());

    app.get(
        "/record-consent?choice=all&type=ALLOW_ALL",
        "Cookie",
        "sp_consent=none; " + BROWSER_COOKIES,
        "Sec-GPC",
        "1");

    Sent sent = sentSince(0);
    assertSentAt(sent.consent(), Anonymisation.ANONYMOUS_SERVER, "grant under GPC");
    assertSentAt(sent.pageView(), Anonymisation.ANONYMOUS_SERVER, "page view under GPC");
  }

  @Test
  void aChoiceTheCookieDoesNotKnowRecordsNothing() {
    app = TestApp.withTracker(collector, Map.of());

    HttpResponse<String> response =
        app.get(
            "/record-consent?choice=everything&type=ALLOW_ALL",
            "Cookie",
            "sp_consent=all; " + BROWSER_COOKIES);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(setCookies(response)).noneMatch(c -> c.startsWith("sp_consent="));
    app.flush();
    assertThat(collector.acceptedEvents())
        .extracting(e -> e.get("e").asText())
        .containsExactlyInAnyOrder("se", "pv");
    assertThat(collector.acceptedEvents()).allSatisfy(e -> assertThat(e.has("duid")).isTrue());
  }

  private List<String> typesSent() {
    app.flush();
    return collector.acceptedEvents().stream().map(e -> e.get("e").asText()).toList();
  }

  @Test
  void afterTheResponseIsCommittedAWithdrawalIsRefusedLoudlyYetHoldsForTheRestOfTheRequest() {
    app = TestApp.withTracker(collector, Map.of());

    HttpResponse<String> response =
        app.get(
            "/record-consent?choice=none&type=WITHDRAWN&commit=true",
            "Cookie",
            "sp_consent=all; " + BROWSER_COOKIES);

    assertThat(setCookies(response)).isEmpty();
    assertThat(typesSent()).as("no consent event for a choice not kept").containsOnly("se", "pv");
    for (JsonNode event : collector.acceptedEvents()) {
      assertSentAt(event, Anonymisation.ANONYMOUS_SERVER, event.get("e").asText());
    }
  }

  @Test
  void afterTheResponseIsCommittedAGrantIsRefusedAndTheRequestKeepsItsLevel() {
    app = TestApp.withTracker(collector, Map.of());

    HttpResponse<String> response =
        app.get(
            "/record-consent?choice=all&type=ALLOW_ALL&commit=true",
            "Cookie",
            "sp_consent=none; " + BROWSER_COOKIES);

    assertThat(setCookies(response)).isEmpty();
    assertThat(typesSent()).containsOnly("se", "pv");
    for (JsonNode event : collector.acceptedEvents()) {
      assertSentAt(event, Anonymisation.ANONYMOUS_SERVER, event.get("e").asText());
    }
  }

  @Test
  void aChoiceRecordedUnderAContextPathExpiresAStaleOneAtTheRoot() {
    app = TestApp.withTracker(collector, Map.of());

    HttpResponse<String> response =
        app.get("/record-consent?choice=all&type=ALLOW_ALL", "Cookie", "sp_consent=none");

    assertThat(setCookies(response))
        .anySatisfy(c -> assertThat(c).startsWith("sp_consent=all;").contains("Path=/shop;"))
        .anySatisfy(c -> assertThat(c).startsWith("sp_consent=;").contains("Path=/;", "Max-Age=0"))
        .hasSize(2);
  }

  @Test
  void outsideATrackedRequestNothingIsRecordedAndNothingThrown() {
    assertThat(SnowplowRequest.recordConsent("all", ConsentWithdrawn.builder().all(true).build()))
        .isEmpty();
    assertThat(SnowplowRequest.recordConsent(null, "all")).isEmpty();
  }
}
