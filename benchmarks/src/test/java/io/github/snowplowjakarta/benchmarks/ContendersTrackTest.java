package io.github.snowplowjakarta.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.servlet.SnowplowFilter;
import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.matomo.java.tracking.MatomoTracker;
import org.matomo.java.tracking.TrackerConfiguration;
import org.matomo.java.tracking.servlet.MatomoTrackerFilter;

/**
 * Each contender in {@link FilterOverhead}, behind a real Jetty, sends what the harness counts on
 * to a real loopback endpoint: a contender that sent nothing would look free.
 */
class ContendersTrackTest {
  private static final String BROWSER =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Safari/537.36";
  private static final int PAGES = 4;
  private static final int TEMPLATES = 2;
  private static final int JSON_GETS = 3;
  private static final int JSON_POSTS = 2;

  private final HttpClient client = HttpClient.newHttpClient();
  private LoopbackCollector collector;
  private Server server;

  @BeforeEach
  void startCollector() throws Exception {
    collector = new LoopbackCollector("ours", "snowplow-java", "matomo");
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null && server.isRunning()) {
      server.stop();
    }
    collector.close();
  }

  @Test
  void snowplowJavaFilterSendsOnePageViewPerHtmlGetAndNoneForJson() throws Exception {
    SnowplowJavaFilter filter =
        new SnowplowJavaFilter("test-java", collector.uri("snowplow-java").toString());
    load(filter);
    server.stop(); // destroys the filter, which closes its tracker: what it buffered is sent
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> collector.events("snowplow-java") >= PAGES + TEMPLATES);
    assertThat(collector.events("snowplow-java")).isEqualTo(PAGES + TEMPLATES);
  }

  @Test
  void matomoFilterSendsOneRequestPerRequestServed() throws Exception {
    MatomoTracker tracker =
        new MatomoTracker(
            TrackerConfiguration.builder()
                .apiEndpoint(URI.create(collector.uri("matomo") + "/matomo.php"))
                .defaultSiteId(1)
                .defaultAuthToken("ee6e3dd9ed1b61f5328cf5978b5a8c71")
                .build());
    load(new MatomoTrackerFilter(tracker));
    int all = PAGES + TEMPLATES + JSON_GETS + JSON_POSTS;
    await().atMost(Duration.ofSeconds(20)).until(() -> collector.events("matomo") >= all);
    server.stop();
    assertThat(collector.events("matomo")).isEqualTo(all);
    assertThat(collector.requests("matomo")).isEqualTo(all);
  }

  @Test
  void ourFilterSendsOnePageViewPerHtmlGetAndNoneForJson() throws Exception {
    Emitter emitter = Emitter.builder(collector.uri("ours")).build();
    try {
      load(new SnowplowFilter(Tracker.builder(TrackerSettings.of("test"), emitter).build()));
      emitter.flush(Duration.ofSeconds(20));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> collector.events("ours") >= PAGES + TEMPLATES);
      assertThat(collector.events("ours")).isEqualTo(PAGES + TEMPLATES);
    } finally {
      emitter.close(Duration.ofSeconds(5));
    }
  }

  @Test
  void productListingRendersATitledPageOfProducts() throws Exception {
    load(null);
    String page = get("/products").body();
    assertThat(page).contains("<title>Jackets – Northwind Outfitters</title>");
    assertThat(Pattern.compile("<li class=\"product").matcher(page).results().count())
        .isEqualTo(36);
  }

  /** Serves the hello page, the product listing and JSON (GET and POST) behind the filter. */
  private void load(Filter filter) throws Exception {
    server = FilterOverhead.server(filter, 36);
    for (int i = 0; i < PAGES; i++) {
      assertThat(get("/hello").statusCode()).isEqualTo(200);
    }
    for (int i = 0; i < TEMPLATES; i++) {
      assertThat(get("/products").statusCode()).isEqualTo(200);
    }
    for (int i = 0; i < JSON_GETS; i++) {
      assertThat(get("/api").statusCode()).isEqualTo(200);
    }
    for (int i = 0; i < JSON_POSTS; i++) {
      HttpResponse<String> response =
          client.send(
              request("/api")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"NW-00042\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(FilterOverhead.url(server, path)))
        .header("User-Agent", BROWSER)
        .header("Referer", "https://www.example.org/");
  }
}
