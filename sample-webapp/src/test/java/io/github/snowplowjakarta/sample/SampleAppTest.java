package io.github.snowplowjakarta.sample;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.testing.TestCollector;
import io.github.snowplowjakarta.core.testing.TestCollector.Request;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sample on embedded Jetty 12 with Weld, driven through each consent choice. */
class SampleAppTest {
  private SampleServer sample;
  private TestCollector collector;

  @AfterEach
  void stop() {
    if (sample != null) {
      sample.close();
    }
    System.clearProperty("snowplow.collector-uri");
    if (collector != null) {
      collector.close();
      assertThat(collector.validationErrors()).isEmpty();
    }
  }

  private static HttpClient browser() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  }

  private HttpResponse<String> get(HttpClient browser, String path) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sample.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void post(HttpClient browser, String path) throws Exception {
    browser.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sample.port() + path))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Chooses, browses, adds to cart and pays; returns the order's events once they arrived. */
  private Map<String, JsonNode> shop(HttpClient browser, String choice) throws Exception {
    get(browser, "/consent?choice=" + choice);
    get(browser, "/product?visit=" + choice);
    post(browser, "/basket");
    post(browser, "/checkout");
    await()
        .atMost(ofSeconds(15))
        .until(() -> eventsOf(choice).keySet().containsAll(List.of("pv", "ue", "tr", "ti")));
    return eventsOf(choice);
  }

  /**
   * The events of one visit: its page view carries the marker, the rest share its session or order.
   */
  private Map<String, JsonNode> eventsOf(String choice) {
    List<Request> requests = collector.requests();
    int start = -1;
    for (int i = 0; i < requests.size() && start < 0; i++) {
      for (JsonNode event : requests.get(i).events()) {
        if (event.path("url").asText().endsWith("/product?visit=" + choice)) {
          start = i;
        }
      }
    }
    if (start < 0) {
      return Map.of();
    }
    return requests.subList(start, requests.size()).stream()
        .flatMap(r -> r.events().stream().map(e -> Map.entry(e, r.anonymous())))
        .filter(
            e ->
                !e.getKey().get("e").asText().equals("pv")
                    || e.getKey().get("url").asText().contains("visit=" + choice))
        .collect(
            Collectors.toMap(
                e -> e.getKey().get("e").asText(),
                e -> annotate(e.getKey(), e.getValue()),
                (a, b) -> a));
  }

  private static JsonNode annotate(JsonNode event, boolean anonymous) {
    ((com.fasterxml.jackson.databind.node.ObjectNode) event).put("_anonymousRequest", anonymous);
    return event;
  }

  @Test
  void eachConsentChoiceChangesWhatReachesTheCollector() throws Exception {
    collector = TestCollector.start();
    System.setProperty("snowplow.collector-uri", collector.uri().toString());
    sample = SampleServer.start(0);

    Map<String, JsonNode> all = shop(browser(), "all");
    Map<String, JsonNode> session = shop(browser(), "session");
    Map<String, JsonNode> none = shop(browser(), "none");

    for (JsonNode event : all.values()) {
      assertThat(event.has("duid")).as("all: duid in " + event.get("e")).isTrue();
      assertThat(event.has("sid")).isTrue();
      assertThat(event.get("_anonymousRequest").asBoolean()).isFalse();
    }
    assertThat(all.get("ue").get("duid").asText()).isEqualTo(all.get("pv").get("duid").asText());
    for (JsonNode event : session.values()) {
      assertThat(event.has("duid")).as("session: duid in " + event.get("e")).isFalse();
      assertThat(event.has("sid")).isTrue();
    }
    for (JsonNode event : none.values()) {
      assertThat(event.has("duid")).isFalse();
      assertThat(event.has("sid")).isFalse();
      assertThat(event.has("ip")).isFalse();
      assertThat(event.get("_anonymousRequest").asBoolean()).isTrue();
    }
    assertThat(all.get("tr").get("tr_tt").asText()).isEqualTo("49.95");
  }

  @Test
  void withNoCollectorConfiguredTheBuiltInOneShowsTheEvents() throws Exception {
    sample = SampleServer.start(0);
    HttpClient browser = browser();

    get(browser, "/consent?choice=all");
    get(browser, "/product");

    await()
        .atMost(ofSeconds(15))
        .until(() -> get(browser, "/events").body().contains("class='event e-pv'"));
    String events = get(browser, "/events").body();
    assertThat(events).contains("/product").contains("valid").doesNotContain("schema not in");
    assertThat(get(browser, "/privacy").body()).contains("cookie sp_consent = all");
  }
}
