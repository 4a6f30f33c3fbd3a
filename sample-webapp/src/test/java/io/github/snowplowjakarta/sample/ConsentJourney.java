package io.github.snowplowjakarta.sample;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A visitor's journey through the sample, once per consent choice: see the banner, choose, view the
 * product, add it to the cart, pay; then what reached the collector (the banner shown, the consent
 * events, page view, add-to-cart, order, and the {@code @Tracked} checkout event), checked against
 * the choice, and that the filter's page views and the CDI events carry the same app id and
 * namespace. The visitor who accepted all then changes their mind: the withdrawal goes with the
 * identifiers their earlier events carry, what follows without. Every redirect must stay in the
 * application, under {@code base}'s context path. The same journey runs on Jetty, Payara and
 * Tomcat; without CDI (Tomcat without Weld) the shop tracks through the filter's tracker, so every
 * event but {@code @Tracked}'s arrives.
 */
final class ConsentJourney {
  private final String base;
  private final TestCollector collector;
  private final List<String> expected;
  private final String run;

  /** The journey with CDI: the {@code @Tracked} checkout event arrives too. */
  ConsentJourney(String base, TestCollector collector) {
    this(base, collector, true, "");
  }

  /**
   * @param cdi whether the application has CDI (the {@code @Tracked} event arrives)
   * @param run tells this run's visits from earlier ones sent to the same collector
   */
  ConsentJourney(String base, TestCollector collector, boolean cdi, String run) {
    this.base = base;
    this.collector = collector;
    this.expected = cdi ? List.of("pv", "ue", "tr", "ti", "se") : List.of("pv", "ue", "tr", "ti");
    this.run = run;
  }

  private static final String DUID = "c8e4b7a2-3f1d-4e5a-9b6c-7d8e9f0a1b2c";
  private static final String SID = "0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e";
  private static final String IDENTITY =
      "_sp_id.dc78=" + DUID + ".1700000000.1.1700000000.1700000000." + SID + "; _sp_ses.dc78=*";
  private static final String SCHEMAS = "iglu:com.snowplowanalytics.snowplow/";

  void runEveryChoice() throws Exception {
    Map<String, JsonNode> all = shop("all");
    Map<String, JsonNode> session = shop("session");
    Map<String, JsonNode> none = shop("none");

    // One WAR, one identity: the filter's page views and the CDI tracker's events (add-to-cart,
    // order, @Tracked checkout) carry the app id and namespace of the sample's properties file.
    for (Map<String, JsonNode> journey : List.of(all, session, none)) {
      assertThat(journey.values())
          .allSatisfy(
              event -> {
                assertThat(event.get("aid").asText())
                    .as("aid of " + event.get("e"))
                    .isEqualTo("sample-shop");
                assertThat(event.get("tna").asText())
                    .as("tna of " + event.get("e"))
                    .isEqualTo("sample");
              });
    }

    checkConsentEvents();
    changeOfMind();
    assertThat(annotated(e -> e.path("url").asText().contains("visit=" + run + "curl")))
        .as("events of curl's visit")
        .isEmpty();
    for (JsonNode event : all.values()) {
      assertThat(event.has("duid")).as("all: duid in " + event.get("e")).isTrue();
      assertThat(event.has("sid")).as("all: sid in " + event.get("e")).isTrue();
      assertThat(event.get("_anonymousRequest").asBoolean()).isFalse();
    }
    assertThat(all.get("ue").get("duid").asText()).isEqualTo(all.get("pv").get("duid").asText());
    assertThat(all.get("tr").get("tr_tt").asText()).isEqualTo("49.95");
    if (expected.contains("se")) {
      assertThat(all.get("se").get("se_ac").asText()).as("@Tracked checkout").isEqualTo("checkout");
    } else {
      assertThat(all).as("no CDI, no @Tracked").doesNotContainKey("se");
    }
    for (JsonNode event : session.values()) {
      assertThat(event.has("duid")).as("session: duid in " + event.get("e")).isFalse();
      assertThat(event.has("sid")).as("session: sid in " + event.get("e")).isTrue();
    }
    for (JsonNode event : none.values()) {
      assertThat(event.has("duid")).isFalse();
      assertThat(event.has("sid")).isFalse();
      assertThat(event.has("ip")).isFalse();
      assertThat(event.get("_anonymousRequest").asBoolean()).isTrue();
    }
  }

  /**
   * The banner was shown to each new visitor at the default level; each choice recorded at the
   * level it allows (the grant), the denial with no identifier; the policy document and its scopes
   * sent with them.
   */
  private void checkConsentEvents() {
    Map<String, List<JsonNode>> visits =
        Map.of("all", consentEvents(run + "all", 3), "session", consentEvents(run + "session", 3));
    List<JsonNode> none = consentEvents(run + "none", 2);

    for (String choice : List.of("all", "session", "none")) {
      List<JsonNode> events = choice.equals("none") ? none : visits.get(choice);
      JsonNode shown = ofSchema(events, "cmp_visible/");
      assertThat(shown.has("duid") || shown.has("sid") || shown.has("ip")).isFalse();
      assertThat(TrackerPayloads.selfDescribingEvent(shown).at("/data/elapsedTime").asDouble())
          .isEqualTo(0.25);
      assertThat(shown.get("_anonymousRequest").asBoolean()).isTrue();
      JsonNode preferences = ofSchema(events, "consent_preferences/");
      JsonNode data = TrackerPayloads.selfDescribingEvent(preferences).get("data");
      assertThat(data.get("consentVersion").asText()).isEqualTo("2024-05");
      assertThat(data.get("basisForProcessing").asText()).isEqualTo("consent");
      switch (choice) {
        case "all" -> {
          assertThat(data.get("eventType").asText()).isEqualTo("allow_all");
          assertThat(data.get("consentScopes").toString()).contains("analytics");
          assertThat(preferences.get("duid").asText())
              .as("a grant of all: its duid")
              .isEqualTo(DUID);
        }
        case "session" -> {
          assertThat(data.get("eventType").asText()).isEqualTo("allow_selected");
          assertThat(preferences.has("duid")).isFalse();
          assertThat(preferences.get("sid").asText()).isEqualTo(SID);
        }
        default -> {
          assertThat(data.get("eventType").asText()).isEqualTo("deny_all");
          assertThat(preferences.has("duid") || preferences.has("sid") || preferences.has("ip"))
              .isFalse();
        }
      }
      if (!choice.equals("none")) {
        JsonNode granted = ofSchema(events, "consent_granted/");
        assertThat(TrackerPayloads.selfDescribingEvent(granted).at("/data/expiry").asText())
            .isNotEmpty();
        assertThat(TrackerPayloads.entities(granted, SCHEMAS + "consent_document/"))
            .singleElement()
            .satisfies(
                d -> assertThat(d.at("/data/id").asText()).isEqualTo("sample-privacy-policy"));
      }
    }
  }

  /**
   * The visitor who accepted all rejects everything: the withdrawal carries the duid of the events
   * it withdraws, and is not server-anonymised; the page after it carries nothing.
   */
  private void changeOfMind() throws Exception {
    HttpClient browser = HttpClient.newBuilder().build();
    send(
        browser,
        HttpRequest.newBuilder(URI.create(base + "/consent?choice=none&visit=" + run + "changed"))
            .header("Cookie", "sp_consent=all; " + IDENTITY));
    send(
        browser,
        HttpRequest.newBuilder(URI.create(base + "/product?visit=" + run + "after-change"))
            .header("Cookie", "sp_consent=none; " + IDENTITY));

    List<JsonNode> withdrawal = consentEvents(run + "changed", 2);
    JsonNode preferences = ofSchema(withdrawal, "consent_preferences/");
    JsonNode withdrawn = ofSchema(withdrawal, "consent_withdrawn/");
    assertThat(TrackerPayloads.selfDescribingEvent(preferences).at("/data/eventType").asText())
        .isEqualTo("withdrawn");
    assertThat(TrackerPayloads.selfDescribingEvent(withdrawn).at("/data/all").asBoolean()).isTrue();
    for (JsonNode event : withdrawal) {
      assertThat(event.get("duid").asText()).as("withdrawal: the duid before").isEqualTo(DUID);
      assertThat(event.get("_anonymousRequest").asBoolean()).isFalse();
    }
    await()
        .atMost(ofSeconds(20))
        .until(
            () ->
                !annotated(e -> e.path("url").asText().endsWith("visit=" + run + "after-change"))
                    .isEmpty());
    JsonNode after =
        annotated(e -> e.path("url").asText().endsWith("visit=" + run + "after-change")).get(0);
    assertThat(after.has("duid") || after.has("sid") || after.has("ip")).isFalse();
    assertThat(after.get("_anonymousRequest").asBoolean()).isTrue();
  }

  /** The banner and consent events of one visit, once {@code count} of them have arrived. */
  private List<JsonNode> consentEvents(String visit, int count) {
    await()
        .atMost(ofSeconds(20))
        .until(() -> annotated(e -> isConsentEventOf(e, visit)).size() >= count);
    List<JsonNode> events = annotated(e -> isConsentEventOf(e, visit));
    assertThat(events).hasSize(count);
    return events;
  }

  private static boolean isConsentEventOf(JsonNode event, String visit) {
    if (!event.path("url").asText().endsWith("visit=" + visit)
        || !event.path("e").asText().equals("ue")) {
      return false;
    }
    String schema = TrackerPayloads.selfDescribingEvent(event).get("schema").asText();
    return schema.startsWith(SCHEMAS + "consent_") || schema.startsWith(SCHEMAS + "cmp_visible/");
  }

  private static JsonNode ofSchema(List<JsonNode> events, String name) {
    return events.stream()
        .filter(
            e ->
                TrackerPayloads.selfDescribingEvent(e)
                    .get("schema")
                    .asText()
                    .startsWith(SCHEMAS + name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " event in " + events));
  }

  /** Every event received that matches, each marked with whether its request was anonymous. */
  private List<JsonNode> annotated(java.util.function.Predicate<JsonNode> matching) {
    return collector.requests().stream()
        .flatMap(r -> r.events().stream().map(e -> Map.entry(e, r.anonymous())))
        .filter(e -> matching.test(e.getKey()))
        .map(e -> annotate(e.getKey(), e.getValue()))
        .collect(Collectors.toList());
  }

  private Map<String, JsonNode> shop(String choice) throws Exception {
    String visit = run + choice;
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    // A new visitor: the banner asks, then the visitor chooses. The visitor has a browser
    // tracker's cookie, to see it used or ignored (session-only and reject keep no first-party id
    // of their own).
    if (choice.equals("all")) {
      // curl sees the page, banner script included, but runs no script: no banner shown, and no
      // page view (the filter takes it for a bot). runEveryChoice checks that nothing arrived.
      send(
          HttpClient.newHttpClient(),
          HttpRequest.newBuilder(URI.create(base + "/?visit=" + run + "curl"))
              .header("User-Agent", "curl/8.5.0"));
    }
    String page =
        send(browser, HttpRequest.newBuilder(URI.create(base + "/?visit=" + visit))).body();
    // The browser runs the banner's script, which reports the banner shown.
    assertThat(page).contains("/consent/shown?visit=" + visit);
    send(
        browser,
        HttpRequest.newBuilder(URI.create(base + "/consent/shown?visit=" + visit))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("elapsed=0.250")));
    send(
        browser,
        HttpRequest.newBuilder(URI.create(base + "/consent?choice=" + choice + "&visit=" + visit))
            .header("Cookie", IDENTITY));
    String identity = IDENTITY + "; sp_consent=" + choice;
    send(
        browser,
        HttpRequest.newBuilder(URI.create(base + "/product?visit=" + visit))
            .header("Cookie", identity));
    send(
        browser,
        HttpRequest.newBuilder(URI.create(base + "/basket"))
            .header("Cookie", identity)
            .POST(HttpRequest.BodyPublishers.noBody()));
    send(
        browser,
        HttpRequest.newBuilder(URI.create(base + "/checkout"))
            .header("Cookie", identity)
            .POST(HttpRequest.BodyPublishers.noBody()));
    await().atMost(ofSeconds(20)).until(() -> eventsOf(visit).keySet().containsAll(expected));
    return eventsOf(visit);
  }

  private HttpResponse<String> send(HttpClient browser, HttpRequest.Builder request) {
    HttpRequest built = request.build();
    AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
    // Payara Micro can answer 503 for a moment after the application is up, while it finishes its
    // own start; the application never saw such a request, so it is asked again, for a while.
    await()
        .atMost(ofSeconds(30))
        .pollInterval(ofMillis(500))
        .until(
            () -> {
              answer.set(browser.send(built, HttpResponse.BodyHandlers.ofString()));
              return answer.get().statusCode() != 503;
            });
    HttpResponse<String> response = answer.get();
    assertThat(response.statusCode()).as(response.uri() + " answered").isIn(200, 204, 302);
    if (response.statusCode() == 302) {
      URI location =
          response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
      assertThat(location.toString())
          .as("the redirect from " + response.uri() + " stays in the application")
          .startsWith(base + "/");
      return send(browser, HttpRequest.newBuilder(location));
    }
    return response;
  }

  /**
   * The events of one visit: its page view, and the first add-to-cart and order created after it.
   * The filter and the CDI tracker send through different emitters, so requests may arrive in any
   * order; the created timestamps do not.
   */
  private Map<String, JsonNode> eventsOf(String visit) {
    List<Map.Entry<JsonNode, Boolean>> events =
        collector.requests().stream()
            .flatMap(r -> r.events().stream().map(e -> Map.entry(e, r.anonymous())))
            .sorted(java.util.Comparator.comparingLong(e -> e.getKey().get("dtm").asLong()))
            .collect(Collectors.toList());
    long visitStart = -1;
    for (Map.Entry<JsonNode, Boolean> event : events) {
      if (event.getKey().path("url").asText().endsWith("/product?visit=" + visit)) {
        visitStart = event.getKey().get("dtm").asLong();
      }
    }
    if (visitStart < 0) {
      return Map.of();
    }
    long from = visitStart;
    return events.stream()
        .filter(e -> e.getKey().get("dtm").asLong() >= from)
        .filter(
            e ->
                !e.getKey().get("e").asText().equals("pv")
                    || e.getKey().get("url").asText().contains("visit=" + visit))
        .filter(e -> !isConsentEventOf(e.getKey(), visit))
        .collect(
            Collectors.toMap(
                e -> e.getKey().get("e").asText(),
                e -> annotate(e.getKey(), e.getValue()),
                (a, b) -> a));
  }

  private static JsonNode annotate(JsonNode event, boolean anonymous) {
    ((ObjectNode) event).put("_anonymousRequest", anonymous);
    return event;
  }
}
