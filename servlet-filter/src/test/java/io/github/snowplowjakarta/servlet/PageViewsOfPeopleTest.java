package io.github.snowplowjakarta.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Page views count people: bots and speculative loads are left out; each view has its own id. */
class PageViewsOfPeopleTest {
  static final String CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Safari/537.36";
  static final String GOOGLEBOT =
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
  static final String WEB_PAGE = "iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0";

  @RegisterExtension final FilterFixture fixture = FilterFixture.perTest();
  private final TestCollector collector = fixture.collector();
  private TestApp app;

  private List<JsonNode> pageViews() {
    return collector.acceptedEvents().stream()
        .filter(e -> e.get("e").asText().equals("pv"))
        .toList();
  }

  @Test
  void crawlersMonitorsPreviewsAndHeadlessBrowsersGetNoPageView() {
    app = TestApp.withTracker(collector, Map.of());

    for (String bot :
        List.of(
            GOOGLEBOT,
            "Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " HeadlessChrome/131.0.0.0 Safari/537.36",
            "curl/8.5.0")) {
      assertThat(app.get("/page", "User-Agent", bot).statusCode()).isEqualTo(200);
    }
    app.get("/custom", "User-Agent", GOOGLEBOT);
    app.get("/page", "User-Agent", CHROME);
    app.flush();

    assertThat(pageViews())
        .singleElement()
        .satisfies(pv -> assertThat(TrackerPayloads.fields(pv)).containsEntry("ua", CHROME));
    // Only the page view is left out: the application's own events still count.
    assertThat(collector.acceptedEvents()).anyMatch(e -> e.get("e").asText().equals("se"));
  }

  @Test
  void botsAreTrackedWhenConfigured() {
    app = TestApp.withTracker(collector, Map.of("snowplow.track.bots", "track"));

    app.get("/page", "User-Agent", GOOGLEBOT);
    app.flush();

    assertThat(pageViews()).hasSize(1);
  }

  @Test
  void speculativeLoadsGetNoPageView() {
    app = TestApp.withTracker(collector, Map.of());

    app.get("/page", "User-Agent", CHROME, "Sec-Purpose", "prefetch");
    app.get("/page", "User-Agent", CHROME, "Sec-Purpose", "prefetch;prerender");
    app.get("/page", "User-Agent", CHROME, "Purpose", "prefetch");
    app.get("/page", "User-Agent", CHROME, "X-Moz", "prefetch");
    app.get("/opened", "User-Agent", CHROME);
    app.flush();

    assertThat(pageViews())
        .singleElement()
        .satisfies(
            pv -> assertThat(TrackerPayloads.fields(pv).get("url")).endsWith("/shop/opened"));
  }

  @Test
  void speculativeLoadsAreTrackedWhenConfigured() {
    app = TestApp.withTracker(collector, Map.of("snowplow.track.prefetch", "track"));

    app.get("/page", "User-Agent", CHROME, "Sec-Purpose", "prefetch");
    app.flush();

    assertThat(pageViews()).hasSize(1);
  }

  @Test
  void aBadChoiceFailsNamingTheKey() {
    assertThat(
            org.junit.jupiter.api.Assertions.assertThrows(
                RuntimeException.class,
                () ->
                    TestApp.configured(
                        Map.of(
                            "snowplow.collector-uri",
                            collector.uri().toString(),
                            "snowplow.track.bots",
                            "maybe"))))
        .hasStackTraceContaining("snowplow.track.bots")
        .hasStackTraceContaining("maybe");
  }

  @Test
  void aPageViewCarriesTheWebPageEntityWhoseIdThePageCanRead() {
    app = TestApp.withTracker(collector, Map.of());

    HttpResponse<String> first = app.get("/page-view-id", "User-Agent", CHROME);
    HttpResponse<String> second = app.get("/page-view-id", "User-Agent", CHROME);
    app.flush();

    String[] ids = first.body().split(" ");
    assertThat(ids[0])
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(ids[1]).isEqualTo(ids[0]);
    assertThat(second.body().split(" ")[0]).isNotEqualTo(ids[0]);
    List<String> entityIds =
        pageViews().stream()
            .map(pv -> TrackerPayloads.entities(pv, WEB_PAGE))
            .peek(entities -> assertThat(entities).hasSize(1))
            .map(entities -> entities.get(0).get("data").get("id").asText())
            .toList();
    assertThat(entityIds).containsExactlyInAnyOrder(ids[0], second.body().split(" ")[0]);
  }

  @Test
  void everyPageViewHasAFreshIdEvenWhenTheApplicationNeverAsks() {
    app = TestApp.withTracker(collector, Map.of());

    app.get("/page", "User-Agent", CHROME);
    app.get("/page", "User-Agent", CHROME);
    app.flush();

    assertThat(
            pageViews().stream()
                .map(pv -> TrackerPayloads.entities(pv, WEB_PAGE).get(0).get("data").get("id"))
                .distinct())
        .hasSize(2);
  }

  @Test
  void theWebPageEntityCanBeTurnedOff() {
    app = TestApp.withTracker(collector, Map.of("snowplow.web-page-entity", "false"));

    assertThat(app.get("/page-view-id", "User-Agent", CHROME).body()).isEqualTo("none none");
    app.flush();

    assertThat(pageViews()).singleElement();
    assertThat(TrackerPayloads.entities(pageViews().get(0), WEB_PAGE)).isEmpty();
  }
}
