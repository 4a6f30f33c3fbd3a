package io.github.snowplowjakarta.sample;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.testing.TestCollector;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  @Test
  void eachConsentChoiceChangesWhatReachesTheCollector() throws Exception {
    collector = TestCollector.start();
    System.setProperty("snowplow.collector-uri", collector.uri().toString());
    sample = SampleServer.start(0);

    new ConsentJourney("http://127.0.0.1:" + sample.port(), collector).runEveryChoice();
  }

  @Test
  void underAContextPathLinksFormsAndRedirectsStayInTheApplication() throws Exception {
    collector = TestCollector.start();
    System.setProperty("snowplow.collector-uri", collector.uri().toString());
    sample = SampleServer.start(0, "/shop");

    new ConsentJourney("http://127.0.0.1:" + sample.port() + "/shop", collector).runEveryChoice();
    String product = get(browser(), "/shop/product").body();
    assertThat(product)
        .contains("action='/shop/basket'")
        .contains("href='/shop/events'")
        .contains("href='/shop/consent?choice=all'")
        .doesNotContain("href=/")
        .doesNotContain("action=/");
  }

  @Test
  void withNoCollectorConfiguredTheBuiltInOneShowsTheEvents() throws Exception {
    sample = SampleServer.start(0);
    HttpClient browser = browser();

    get(browser, "/consent?choice=all");
    get(browser, "/product");

    await()
        .atMost(ofSeconds(15))
        .until(
            () -> {
              String page = get(browser, "/events").body();
              return page.contains("class='event e-pv'") && page.contains("granted until ");
            });
    String events = get(browser, "/events").body();
    assertThat(events).contains("/product").contains("valid").doesNotContain("schema not in");
    assertThat(events)
        .contains("allow_all: scopes necessary, analytics (consent, policy 2024-05)")
        .contains("granted until ")
        .contains("document sample-privacy-policy v2024-05 (Sample shop privacy)");
    assertThat(get(browser, "/privacy").body()).contains("cookie sp_consent = all");
  }

  @Test
  void theEventsPageShowsTheEmittersFiguresAndTheyMove() throws Exception {
    collector = TestCollector.start();
    System.setProperty("snowplow.collector-uri", collector.uri().toString());
    sample = SampleServer.start(0);
    HttpClient browser = browser();
    get(browser, "/consent?choice=all");
    assertThat(get(browser, "/events").body()).contains("<table id=emitters>");

    get(browser, "/product");
    await()
        .atMost(ofSeconds(15))
        .until(() -> figure(get(browser, "/events").body(), "EventsSent") >= 2);
    String page = get(browser, "/events").body();
    assertThat(figure(page, "EventsAccepted")).isGreaterThanOrEqualTo(2);
    assertThat(figure(page, "EventsFailed")).isZero();
    assertThat(figure(page, "QueueCapacity")).isPositive();
    assertThat(figure(page, "SecondsSinceLastSuccess")).isBetween(0L, 15L);

    collector.respondWith(request -> TestCollector.Response.status(400));
    get(browser, "/product");
    await()
        .atMost(ofSeconds(15))
        .until(() -> figure(get(browser, "/events").body(), "EventsFailed") >= 1);
    assertThat(cell(get(browser, "/events").body(), "lost")).contains("FailedRefused=");
  }

  /**
   * The events page shows page views by level and what decided it: the visitor's cookie, and GPC
   * where it lowered the level the cookie gave.
   */
  @Test
  void theEventsPageShowsPageViewsByLevelAndConsentSource() throws Exception {
    collector = TestCollector.start();
    System.setProperty("snowplow.collector-uri", collector.uri().toString());
    sample = SampleServer.start(0);
    HttpClient browser = browser();
    get(browser, "/consent?choice=all");
    assertThat(pageViews(get(browser, "/events").body(), "cookie")).isZero();

    get(browser, "/product");
    // The page view is counted as the request ends, which may be after the browser has the page.
    await()
        .atMost(ofSeconds(10))
        .until(() -> pageViews(get(browser, "/events").body(), "cookie") == 1);

    browser.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sample.port() + "/product"))
            .header("Sec-GPC", "1")
            .build(),
        HttpResponse.BodyHandlers.ofString());
    await()
        .atMost(ofSeconds(10))
        .until(() -> pageViews(get(browser, "/events").body(), "gpc") == 1);
    assertThat(pageViews(get(browser, "/events").body(), "cookie")).isEqualTo(1);
  }

  /** The filter's page views decided by this source, summed over the levels; 0 if no row. */
  private static long pageViews(String page, String source) {
    Matcher row =
        Pattern.compile(
                "<tr class='consent-figure'><td>filter-sample</td><td class=level>[^<]*</td>"
                    + "<td class=source>"
                    + source
                    + "</td><td class=page-views>(\\d+)</td>")
            .matcher(page);
    long sum = 0;
    while (row.find()) {
      sum += Long.parseLong(row.group(1));
    }
    return sum;
  }

  /** A figure of the filter's emitter on the events page. */
  private static long figure(String page, String column) {
    return Long.parseLong(cell(page, column));
  }

  private static String cell(String page, String column) {
    Matcher row = Pattern.compile("(?s)<tr id='emitter-filter-sample'>(.*?)</tr>").matcher(page);
    assertThat(row.find()).as("the filter's emitter's row").isTrue();
    Matcher cell = Pattern.compile("<td class=" + column + ">([^<]*)</td>").matcher(row.group(1));
    assertThat(cell.find()).as(column).isTrue();
    return cell.group(1);
  }
}
