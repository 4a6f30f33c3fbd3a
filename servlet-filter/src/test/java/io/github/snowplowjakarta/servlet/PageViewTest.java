package io.github.snowplowjakarta.servlet;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PageViewTest {
  static final String DUID = "c8e4b7a2-3f1d-4e5a-9b6c-7d8e9f0a1b2c";
  static final String SID = "0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e";
  static final String SP_ID =
      "_sp_id.1fff="
          + DUID
          + ".1700000000.3.1700000500.1699990000."
          + SID
          + ".aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee.ffffffff-1111-4222-8333-444444444444.1700000000123.7";
  static final String SP_SES = "_sp_ses.1fff=*";

  @RegisterExtension final FilterFixture fixture = FilterFixture.perTest();
  private final TestCollector collector = fixture.collector();
  private TestApp app;

  private List<JsonNode> pageViews() {
    return collector.acceptedEvents().stream()
        .filter(e -> e.get("e").asText().equals("pv"))
        .toList();
  }

  @Test
  void aPageViewCarriesWhatTheRequestSaysWithConsent() {
    app = TestApp.withTracker(collector, Map.of());

    assertThat(
            app.get(
                    "/products/42?colour=red&token=s3cret&Password=x",
                    "Cookie",
                    "sp_consent=all; " + SP_ID + "; " + SP_SES,
                    "User-Agent",
                    "Mozilla/5.0 (TestBrowser)",
                    "Accept-Language",
                    "de-DE,de;q=0.9,en;q=0.8",
                    "Referer",
                    "https://search.example.org/?q=shoes&code=123")
                .statusCode())
        .isEqualTo(200);
    app.flush();

    JsonNode pv = pageViews().get(0);
    assertThat(TrackerPayloads.fields(pv))
        .containsEntry("p", "web")
        .containsEntry("aid", "shop")
        .containsEntry("url", app.uri("/products/42?colour=red").toString())
        .containsEntry("refr", "https://search.example.org/?q=shoes")
        .containsEntry("page", "Test page /products/42")
        .containsEntry("ua", "Mozilla/5.0 (TestBrowser)")
        .containsEntry("lang", "de-DE")
        .containsEntry("duid", DUID)
        .containsEntry("sid", SID)
        .containsEntry("vid", "3")
        .containsEntry("ip", "127.0.0.1");
    assertThat(collector.requests().get(0).anonymous()).isFalse();
  }

  @Test
  void withoutAnyConsentSignalTheDefaultIsAnonymousWithServerAnonymisation() {
    app = TestApp.withTracker(collector, Map.of());

    app.get("/page", "Cookie", SP_ID + "; " + SP_SES, "User-Agent", "UA");
    app.flush();

    JsonNode pv = pageViews().get(0);
    assertThat(TrackerPayloads.fields(pv).keySet())
        .doesNotContain("duid", "uid", "sid", "vid", "ip", "tnuid", "nuid");
    assertThat(pv.toString()).doesNotContain(DUID, SID);
    assertThat(collector.requests()).allSatisfy(r -> assertThat(r.anonymous()).isTrue());
  }

  @Test
  void onlySuccessfulHtmlGetsAreTracked() {
    app = TestApp.withTracker(collector, Map.of());

    app.post("/page");
    app.get("/missing");
    app.get("/api");
    app.get("/fails");
    app.get("/fails-late");
    app.get("/static/app.css");
    app.get("/health");
    app.get("/suppressed");
    app.get("/page");
    app.flush();

    assertThat(pageViews())
        .singleElement()
        .satisfies(pv -> assertThat(pv.get("url").asText()).endsWith("/page"));
  }

  @Test
  void includeAndExcludePatternsAreConfigurable() {
    app =
        TestApp.withTracker(
            collector,
            Map.of(
                "snowplow.track.include",
                "/products/**",
                "snowplow.track.exclude",
                "/products/secret/*"));

    app.get("/page");
    app.get("/products/1");
    app.get("/products/secret/2");
    app.get("/products/a/b");
    app.flush();

    assertThat(pageViews().stream().map(pv -> pv.get("url").asText()))
        .containsExactlyInAnyOrder(
            app.uri("/products/1").toString(), app.uri("/products/a/b").toString());
  }

  @Test
  void anAsyncRequestIsTrackedOnceWhenItCompletes() {
    app = TestApp.withTracker(collector, Map.of());

    assertThat(app.get("/async").body()).contains("async");
    await().atMost(ofSeconds(10)).until(() -> app.emitter.stats().accepted() == 1);
    app.flush();

    assertThat(pageViews())
        .singleElement()
        .satisfies(pv -> assertThat(pv.get("url").asText()).endsWith("/async"));
  }

  @Test
  void aForwardAndAnIncludeAreTrackedOnceWithTheAddressTheBrowserAskedFor() {
    app = TestApp.withTracker(collector, Map.of());

    app.get("/forward");
    app.get("/include");
    // The page view is tracked as the filter returns, which may be after the client has the page.
    await().atMost(ofSeconds(10)).until(() -> app.emitter.stats().accepted() >= 2);
    app.flush();

    assertThat(pageViews().stream().map(pv -> pv.get("url").asText()))
        .containsExactlyInAnyOrder(app.uri("/forward").toString(), app.uri("/include").toString());
  }

  @Test
  void eventsTrackedInTheRequestFollowItsConsent() {
    app = TestApp.withTracker(collector, Map.of());

    app.get("/custom", "Cookie", "sp_consent=session; " + SP_ID + "; " + SP_SES);
    app.flush();

    JsonNode custom =
        collector.acceptedEvents().stream()
            .filter(e -> e.get("e").asText().equals("se"))
            .findFirst()
            .orElseThrow();
    assertThat(TrackerPayloads.fields(custom))
        .containsEntry("sid", SID)
        .containsEntry("url", app.uri("/custom").toString())
        .doesNotContainKey("duid");
    assertThat(
            TrackerPayloads.entities(custom, "iglu:com.snowplowanalytics.snowplow/client_session/"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.at("/data/userId").asText())
                    .isEqualTo("00000000-0000-0000-0000-000000000000"));
  }

  @Test
  void aFilterRegisteredTwiceTracksOnce() {
    var context = TestApp.context();
    var emitter = io.github.snowplowjakarta.core.emitter.Emitter.builder(collector.uri()).build();
    var tracker =
        io.github.snowplowjakarta.core.Tracker.builder(
                io.github.snowplowjakarta.core.TrackerSettings.of("shop"), emitter)
            .build();
    for (String name : new String[] {"first", "second"}) {
      var holder = new org.eclipse.jetty.ee10.servlet.FilterHolder(new SnowplowFilter(tracker));
      holder.setName(name);
      context.addFilter(holder, "/*", java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
    }
    app = TestApp.start(context, emitter);

    app.get("/page");
    app.flush();

    assertThat(pageViews()).hasSize(1);
  }

  @Test
  void theRequestsTrackerIsTheCurrentOneOnlyWhileTheChainRuns() {
    app = TestApp.withTracker(collector, Map.of());

    app.get("/current", "Cookie", "sp_consent=all; " + SP_ID + "; " + SP_SES);
    app.flush();

    JsonNode current =
        collector.acceptedEvents().stream()
            .filter(e -> e.get("e").asText().equals("se"))
            .findFirst()
            .orElseThrow();
    assertThat(current.get("duid").asText()).isEqualTo(DUID);
    assertThat(SnowplowRequest.current()).isEmpty();
  }

  @Test
  void requestsWithoutAPageViewStillHaveTheirConsentDecided() {
    app = TestApp.withTracker(collector, Map.of());

    app.get("/data.json", "Cookie", "sp_consent=all; " + SP_ID + "; " + SP_SES);
    app.get("/data.json", "Cookie", SP_ID + "; " + SP_SES);
    await().atMost(ofSeconds(10)).until(() -> app.emitter.stats().accepted() >= 2);
    app.flush();

    assertThat(pageViews()).isEmpty();
    assertThat(collector.acceptedEvents())
        .extracting(e -> e.has("duid"))
        .containsExactlyInAnyOrder(true, false);
  }

  @Test
  void theRequestIsReadOnlyWhenSomethingIsTracked() {
    AtomicInteger reads = new AtomicInteger();
    Filter countingReads =
        (request, response, chain) ->
            chain.doFilter(
                new HttpServletRequestWrapper((HttpServletRequest) request) {
                  @Override
                  public StringBuffer getRequestURL() {
                    reads.incrementAndGet();
                    return super.getRequestURL();
                  }

                  @Override
                  public String getHeader(String name) {
                    if ("User-Agent".equalsIgnoreCase(name)) {
                      reads.incrementAndGet();
                    }
                    return super.getHeader(name);
                  }
                },
                response);
    app = TestApp.withTracker(collector, Map.of(), countingReads);
    String[] consent = {"Cookie", "sp_consent=all; " + SP_ID + "; " + SP_SES};

    app.get("/api", consent);
    app.get("/missing", consent);
    app.post("/page", consent);
    app.get("/assets/site.css", consent);
    assertThat(reads).as("requests that track nothing").hasValue(0);

    app.get("/page", consent);
    assertThat(reads).as("a page view reads URL and user agent once").hasValue(2);
    app.get("/data.json", consent);
    assertThat(reads).as("so does a custom event").hasValue(4);
    app.flush();
    assertThat(collector.acceptedEvents())
        .extracting(e -> e.get("e").asText())
        .containsExactlyInAnyOrder("pv", "se");
    assertThat(collector.acceptedEvents()).allMatch(e -> e.get("duid").asText().equals(DUID));
  }

  @Test
  void aRequestThatCannotBeReadStillAnswersAndItsCustomEventsGoWithoutItsDetails() {
    Filter failingReads =
        (request, response, chain) ->
            chain.doFilter(
                new HttpServletRequestWrapper((HttpServletRequest) request) {
                  @Override
                  public StringBuffer getRequestURL() {
                    throw new IllegalStateException("broken container");
                  }
                },
                response);
    app = TestApp.withTracker(collector, Map.of(), failingReads);
    String[] consent = {"Cookie", "sp_consent=all; " + SP_ID + "; " + SP_SES};

    assertThat(app.get("/data.json", consent).statusCode()).isEqualTo(200);
    assertThat(app.get("/page", consent).statusCode()).isEqualTo(200);
    app.flush();

    JsonNode custom = collector.acceptedEvents().get(0);
    assertThat(custom.get("e").asText()).isEqualTo("se");
    assertThat(custom.has("url")).isFalse();
    assertThat(custom.has("duid")).isFalse();
    assertThat(pageViews()).as("a page view needs its URL").isEmpty();
    assertThat(collector.acceptedEvents()).hasSize(1);
  }
}
