package io.github.snowplowjakarta.servlet;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import io.github.snowplowjakarta.web.internal.IdentityCookies;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The filter keeping the browser tracker's cookies itself, when asked to. */
class ManagedCookiesTest {
  private static final String ID = "_sp_id.dc78";

  @RegisterExtension final FilterFixture fixture = FilterFixture.perTest();
  private final TestCollector collector = fixture.collector();
  private TestApp app;

  private static List<String> setCookies(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie");
  }

  private static String cookieValue(HttpResponse<?> response, String name) {
    return setCookies(response).stream()
        .filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1, c.indexOf(';')))
        .findFirst()
        .orElse(null);
  }

  private Map<String, String> lastPageView() {
    app.flush();
    var events = collector.acceptedEvents();
    return TrackerPayloads.fields(events.get(events.size() - 1));
  }

  @Test
  void theNameHashIsTheBrowserTrackers() {
    assertThat(IdentityCookies.hash("example.com/")).isEqualTo("8809");
    assertThat(IdentityCookies.hash("www.example.com/")).isEqualTo("2a0b");
    assertThat(IdentityCookies.hash("localhost/")).isEqualTo("1fff");
  }

  @Test
  void aNewVisitorGetsCookiesInTheBrowserTrackersFormatAndKeepsThem() {
    app = TestApp.withTracker(collector, Map.of("snowplow.cookie.manage", "true"));

    HttpResponse<String> first = app.get("/page", "Cookie", "sp_consent=all");
    Map<String, String> firstView = lastPageView();
    String id = cookieValue(first, ID);
    String[] fields = id.split("\\.", -1);

    assertThat(fields).hasSize(10);
    assertThat(fields[0]).isEqualTo(firstView.get("duid"));
    assertThat(fields[5]).isEqualTo(firstView.get("sid"));
    assertThat(fields[2]).isEqualTo("1").isEqualTo(firstView.get("vid"));
    assertThat(setCookies(first))
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith(ID + "=")
                    .contains("Path=/", "Max-Age=63072000", "SameSite=Lax")
                    .doesNotContain("HttpOnly"))
        .anySatisfy(c -> assertThat(c).startsWith("_sp_ses.dc78=*").contains("Max-Age=1800"));

    HttpResponse<String> second =
        app.get("/page", "Cookie", "sp_consent=all; " + ID + "=" + id + "; _sp_ses.dc78=*");
    Map<String, String> secondView = lastPageView();
    assertThat(secondView.get("duid")).isEqualTo(firstView.get("duid"));
    assertThat(secondView.get("sid")).isEqualTo(firstView.get("sid"));
    assertThat(cookieValue(second, ID).split("\\.", -1)[9]).isEqualTo("2");
  }

  @Test
  void afterThirtyIdleMinutesANewSessionFollowsTheOldOne() {
    app = TestApp.withTracker(collector, Map.of("snowplow.cookie.manage", "true"));
    String id = cookieValue(app.get("/page", "Cookie", "sp_consent=all"), ID);
    Map<String, String> before = lastPageView();

    HttpResponse<String> later = app.get("/page", "Cookie", "sp_consent=all; " + ID + "=" + id);

    Map<String, String> after = lastPageView();
    String[] fields = cookieValue(later, ID).split("\\.", -1);
    assertThat(after.get("duid")).isEqualTo(before.get("duid"));
    assertThat(after.get("sid")).isNotEqualTo(before.get("sid"));
    assertThat(after.get("vid")).isEqualTo("2");
    assertThat(fields[6]).isEqualTo(before.get("sid"));
  }

  @Test
  void anonymousWithSessionKeepsTheSessionWithABlankUserId() {
    app = TestApp.withTracker(collector, Map.of("snowplow.cookie.manage", "true"));

    HttpResponse<String> response = app.get("/page", "Cookie", "sp_consent=session");

    String[] fields = cookieValue(response, ID).split("\\.", -1);
    assertThat(fields[0]).isEmpty();
    assertThat(fields[6]).isEmpty();
    Map<String, String> view = lastPageView();
    assertThat(view).doesNotContainKey("duid").containsEntry("sid", fields[5]);
  }

  @Test
  void anonymousRequestsGetNoCookiesAndWithdrawalCanExpireThem() {
    app =
        TestApp.withTracker(
            collector,
            Map.of(
                "snowplow.cookie.manage", "true", "snowplow.cookie.clear-on-withdrawal", "true"));

    assertThat(setCookies(app.get("/page"))).isEmpty();

    HttpResponse<String> withdrawn =
        app.get(
            "/page",
            "Cookie",
            "sp_consent=none; " + PageViewTest.SP_ID + "; " + PageViewTest.SP_SES);

    assertThat(
            setCookies(withdrawn).stream()
                .map(c -> c.substring(0, c.indexOf('=')))
                .collect(Collectors.toList()))
        .containsExactlyInAnyOrder("_sp_id.1fff", "_sp_ses.1fff");
    assertThat(setCookies(withdrawn)).allSatisfy(c -> assertThat(c).contains("Max-Age=0"));
  }

  @Test
  void aForgedCookieIsReplacedNotWrittenBack() {
    app = TestApp.withTracker(collector, Map.of("snowplow.cookie.manage", "true"));
    String forged =
        "evil%3B%20Domain%3Dexample.com%3B%20Max-Age%3D1%0D%0AX-Injected%3A%20x.1.1.1.1.1";

    HttpResponse<String> response =
        app.get("/page", "Cookie", "sp_consent=all; " + ID + "=" + forged + "; _sp_ses.dc78=*");

    assertThat(String.join("\n", setCookies(response)))
        .doesNotContain("evil", "Injected", "example.com");
    assertThat(response.headers().firstValue("X-Injected")).isEmpty();
    assertThat(lastPageView().get("duid")).matches("[0-9a-f-]{36}");
  }

  private static List<String> names(HttpResponse<?> response) {
    return setCookies(response).stream().map(c -> c.substring(0, c.indexOf('='))).toList();
  }

  @Test
  void onlyResponsesThatTrackCarryTheIdentityCookies() {
    app = TestApp.withTracker(collector, Map.of("snowplow.cookie.manage", "true"));
    String consent = "sp_consent=all";

    assertThat(setCookies(app.get("/static/app.css", "Cookie", consent))).as("static").isEmpty();
    assertThat(setCookies(app.get("/health", "Cookie", consent))).as("excluded").isEmpty();
    assertThat(setCookies(app.post("/page", "Cookie", consent))).as("POST").isEmpty();
    assertThat(setCookies(app.get("/missing", "Cookie", consent))).as("404").isEmpty();
    assertThat(setCookies(app.get("/api", "Cookie", consent))).as("untracked JSON").isEmpty();
    assertThat(names(app.get("/api-tracked", "Cookie", consent)))
        .as("an application call")
        .containsExactlyInAnyOrder(ID, "_sp_ses.dc78");
    assertThat(names(app.get("/page", "Cookie", consent)))
        .as("a page view")
        .containsExactlyInAnyOrder(ID, "_sp_ses.dc78");
    assertThat(names(app.get("/async", "Cookie", consent)))
        .as("an async page view")
        .containsExactlyInAnyOrder(ID, "_sp_ses.dc78");
  }

  @Test
  void theCookieWriterAndTheTitleCaptureServeOneAsyncResponse() {
    app = TestApp.withTracker(collector, Map.of("snowplow.cookie.manage", "true"));

    HttpResponse<String> async = app.get("/async-titled", "Cookie", "sp_consent=all");

    assertThat(async.body()).contains("<title>Async shop</title>");
    assertThat(names(async)).containsExactlyInAnyOrder(ID, "_sp_ses.dc78");
    await()
        .atMost(ofSeconds(10))
        .untilAsserted(
            () -> {
              app.flush();
              assertThat(collector.acceptedEvents())
                  .anySatisfy(
                      e ->
                          assertThat(TrackerPayloads.fields(e))
                              .containsEntry("e", "pv")
                              .containsEntry("page", "Async shop")
                              .containsEntry("duid", cookieValue(async, ID).split("\\.")[0]));
            });
  }

  @Test
  void aBotEarnsNoPageViewSoNoIdentityCookies() {
    app = TestApp.withTracker(collector, Map.of("snowplow.cookie.manage", "true"));
    String consent = "sp_consent=all";
    String googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    assertThat(setCookies(app.get("/page", "Cookie", consent, "User-Agent", googlebot)))
        .as("a bot's page")
        .isEmpty();
    assertThat(setCookies(app.get("/page", "Cookie", consent, "Sec-Purpose", "prefetch")))
        .as("a prefetch")
        .isEmpty();
    assertThat(names(app.get("/api-tracked", "Cookie", consent, "User-Agent", googlebot)))
        .as("an application call still tracks")
        .containsExactlyInAnyOrder(ID, "_sp_ses.dc78");
    app.flush();
    assertThat(collector.acceptedEvents()).noneMatch(e -> e.get("e").asText().equals("pv"));
  }

  @Test
  void theSessionCounterCountsPageViewsNotRequests() {
    app = TestApp.withTracker(collector, Map.of("snowplow.cookie.manage", "true"));
    String id = cookieValue(app.get("/page", "Cookie", "sp_consent=all"), ID);
    String cookies = "sp_consent=all; " + ID + "=" + id + "; _sp_ses.dc78=*";

    for (int i = 0; i < 3; i++) {
      app.get("/api", "Cookie", cookies);
      app.get("/static/app.css", "Cookie", cookies);
    }
    String afterPoll = cookieValue(app.get("/api-tracked", "Cookie", cookies), ID);
    String second = cookieValue(app.get("/page", "Cookie", cookies), ID);

    assertThat(id.split("\\.", -1)[9]).isEqualTo("1");
    assertThat(afterPoll.split("\\.", -1)[9]).isEqualTo("1");
    assertThat(second.split("\\.", -1)[9]).isEqualTo("2");
    assertThat(second.split("\\.", -1)[5]).isEqualTo(id.split("\\.", -1)[5]);
  }

  @Test
  void withdrawalExpiresTheIdentityCookiesByDefaultWhenTheFilterManagesThem() {
    app = TestApp.withTracker(collector, Map.of("snowplow.cookie.manage", "true"));

    HttpResponse<String> withdrawn =
        app.get(
            "/page",
            "Cookie",
            "sp_consent=none; " + PageViewTest.SP_ID + "; " + PageViewTest.SP_SES);

    assertThat(names(withdrawn)).containsExactlyInAnyOrder("_sp_id.1fff", "_sp_ses.1fff");
    assertThat(setCookies(withdrawn)).allSatisfy(c -> assertThat(c).contains("Max-Age=0"));
  }

  @Test
  void withdrawalKeepsTheCookiesWhenAskedTo() {
    app =
        TestApp.withTracker(
            collector,
            Map.of(
                "snowplow.cookie.manage", "true", "snowplow.cookie.clear-on-withdrawal", "false"));

    assertThat(
            setCookies(
                app.get(
                    "/page",
                    "Cookie",
                    "sp_consent=none; " + PageViewTest.SP_ID + "; " + PageViewTest.SP_SES)))
        .isEmpty();
  }
}
