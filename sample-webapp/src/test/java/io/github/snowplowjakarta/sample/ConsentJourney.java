package io.github.snowplowjakarta.sample;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.snowplowjakarta.testing.TestCollector;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A visitor's journey through the sample, once per consent choice: choose, view the product, add it
 * to the cart, pay; then what reached the collector (page view, add-to-cart, order, and the
 * {@code @Tracked} checkout event), checked against the choice, and that the filter's page views
 * and the CDI events carry the same app id and namespace. Every redirect must stay in the
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

  private Map<String, JsonNode> shop(String choice) throws Exception {
    String visit = run + choice;
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    send(browser, HttpRequest.newBuilder(URI.create(base + "/consent?choice=" + choice)));
    // Session-only and reject keep no first-party id of their own: give the visitor a browser
    // tracker's cookie, to see it used or ignored.
    String identity =
        "_sp_id.dc78=c8e4b7a2-3f1d-4e5a-9b6c-7d8e9f0a1b2c.1700000000.1.1700000000.1700000000."
            + "0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e; _sp_ses.dc78=*; sp_consent="
            + choice;
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

  private void send(HttpClient browser, HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response =
        browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.uri() + " answered").isIn(200, 302);
    if (response.statusCode() == 302) {
      URI location =
          response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
      assertThat(location.toString())
          .as("the redirect from " + response.uri() + " stays in the application")
          .startsWith(base + "/");
      send(browser, HttpRequest.newBuilder(location));
    }
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
