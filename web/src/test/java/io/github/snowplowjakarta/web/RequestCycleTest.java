package io.github.snowplowjakarta.web;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.ConfigSource;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.event.ConsentWithdrawn;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.event.WebPage;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import io.github.snowplowjakarta.web.consent.ConsentDecision;
import io.github.snowplowjakarta.web.internal.PageViewTracking;
import io.github.snowplowjakarta.web.internal.RequestTracking;
import io.github.snowplowjakarta.web.internal.TitleScanner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole per-request cycle as an adapter drives it, over a request and response of this test's
 * own (no servlet anywhere): start, application code on the bound thread, the title fed from the
 * body, the cookies just before commit, the page view at the end, arriving at a real loopback
 * collector.
 */
class RequestCycleTest {
  private static final String CHROME =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
          + " Safari/537.36";

  private final TestCollector collector = TestCollector.start();
  private final Emitter emitter = Emitter.builder(collector.uri()).build();
  private final Tracker tracker =
      Tracker.builder(
              TrackerSettings.builder().appId("shop").platform(Platform.WEB).build(), emitter)
          .build();
  private final PageViewTracking tracking =
      new PageViewTracking(
          tracker,
          new TrackerConfig(
              ConfigSource.of(
                  Map.of(
                      ConfigKeys.COOKIE_MANAGE.name(), "true",
                      ConfigKeys.WEB_PAGE_ENTITY.name(), "true"))));

  @AfterEach
  void close() {
    emitter.close(Duration.ofSeconds(10));
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  @Test
  void aFrameworkThatKeepsTheRequestItselfIsAskedWhenNoneIsBound() throws Exception {
    Request request = new Request("GET", "/basket").header("Cookie", "sp_consent=all");
    RequestTracking state = tracking.start(request, new Response());
    RequestTracking other = tracking.start(new Request("GET", "/other"), new Response());
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try {
      RequestTracking.lookUpCurrentWith(() -> state);
      // Any thread, nothing bound: the framework's request, at its level.
      assertThat(worker.submit(() -> TrackedRequest.consent().orElseThrow()).get(10, SECONDS))
          .extracting(ConsentDecision::anonymisation)
          .isEqualTo(Anonymisation.FULL_TRACKING);
      RequestTracking.bind(other);
      try {
        assertThat(RequestTracking.current()).as("a bound request wins").isSameAs(other);
      } finally {
        RequestTracking.unbind();
      }
      RequestTracking.lookUpCurrentWith(
          () -> {
            throw new IllegalStateException("no request context");
          });
      assertThat(TrackedRequest.current()).as("a failing lookup: no request").isEmpty();
      RequestTracking.lookUpCurrentWith(null);
      assertThat(worker.submit(() -> TrackedRequest.current().isPresent()).get(10, SECONDS))
          .isFalse();
    } finally {
      RequestTracking.lookUpCurrentWith(null);
      worker.shutdownNow();
    }
  }

  @Test
  void aPageViewGoesThroughTheWholeCycleWithoutAServlet() throws Exception {
    Request request = new Request("GET", "/basket").header("Cookie", "sp_consent=all");
    Response response = new Response();

    RequestTracking state = tracking.start(request, response);
    TitleScanner scanner = tracking.titleScanner(state, request, response);
    RequestTracking.bind(state);
    String pageViewId;
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      // Application code on the request's thread, and on another one it carries the request to.
      TrackedRequest.current()
          .orElseThrow()
          .track(Structured.builder().category("shop").action("viewed").build());
      CompletableFuture.runAsync(
              () ->
                  TrackedRequest.currentOrNull()
                      .track(Structured.builder().category("shop").action("later").build()),
              TrackedRequest.carrying(pool))
          .get(10, TimeUnit.SECONDS);
      assertThat(TrackedRequest.consent().map(ConsentDecision::anonymisation))
          .contains(Anonymisation.FULL_TRACKING);
      pageViewId = TrackedRequest.pageViewId().orElseThrow();
    } finally {
      RequestTracking.unbind();
      pool.shutdown();
    }
    assertThat(TrackedRequest.current()).isEmpty();

    response.contentType = "text/html;charset=utf-8";
    assertThat(scanner.wanted()).isTrue();
    byte[] page =
        "<!doctype html><html><head><title>Your basket</title></head><body>3 items</body>"
            .getBytes(StandardCharsets.UTF_8);
    scanner.feed(page, 0, 30);
    tracking.beforeCommit(state, request, response);
    response.committed = true;
    scanner.feed(page, 30, page.length - 30);
    tracking.finish(state, request, response);
    tracking.finish(state, request, response);

    List<String> cookies = response.headers("Set-Cookie");
    assertThat(cookies).anyMatch(cookie -> cookie.startsWith("_sp_id."));
    assertThat(cookies).anyMatch(cookie -> cookie.startsWith("_sp_ses."));
    String userId =
        cookies.stream()
            .filter(cookie -> cookie.startsWith("_sp_id."))
            .map(cookie -> cookie.substring(cookie.indexOf('=') + 1))
            .map(value -> value.substring(0, value.indexOf('.')))
            .findFirst()
            .orElseThrow();

    List<Map<String, String>> events = events(3);
    assertThat(events).extracting(e -> e.get("e")).containsExactlyInAnyOrder("se", "se", "pv");
    Map<String, String> pageView =
        events.stream().filter(e -> "pv".equals(e.get("e"))).findFirst().orElseThrow();
    assertThat(pageView)
        .containsEntry("url", "http://shop.example/shop/basket?colour=red")
        .containsEntry("page", "Your basket")
        .containsEntry("ua", CHROME)
        .containsEntry("lang", "en-GB")
        .containsEntry("ip", "192.0.2.7")
        .containsEntry("duid", userId);
    for (Map<String, String> event : events) {
      assertThat(event).containsEntry("duid", userId).containsEntry("url", pageView.get("url"));
    }
    assertThat(collector.requests()).noneMatch(TestCollector.Request::anonymous);
    assertThat(pageViewEntityIds()).containsExactly(pageViewId);
  }

  @Test
  void consentIsRecordedBeforeCommitAndRefusedAfter() {
    Request request = new Request("GET", "/consent").header("Cookie", "sp_consent=all");
    Response response = new Response();
    RequestTracking state = tracking.start(request, response);
    RequestTracking.bind(state);
    try {
      Optional<ConsentDecision> recorded =
          TrackedRequest.recordConsent("none", ConsentWithdrawn.builder().all(true).build());
      assertThat(recorded.map(ConsentDecision::anonymisation))
          .contains(Anonymisation.ANONYMOUS_SERVER);
      response.committed = true;
      assertThat(TrackedRequest.recordConsent("all")).isEmpty();
    } finally {
      RequestTracking.unbind();
    }
    assertThat(response.headers("Set-Cookie"))
        .contains("sp_consent=none; Path=/shop; Max-Age=31536000; SameSite=Lax");
    assertThat(state.consent().anonymisation()).isEqualTo(Anonymisation.ANONYMOUS_SERVER);
  }

  @Test
  void aJsonAnswerOrAPostEarnsNoPageViewAndNoIdentityCookies() {
    Request json = new Request("GET", "/api/basket").header("Cookie", "sp_consent=all");
    Response jsonResponse = new Response();
    jsonResponse.contentType = "application/json";
    RequestTracking jsonState = tracking.start(json, jsonResponse);
    assertThat(tracking.titleScanner(jsonState, json, jsonResponse).wanted()).isFalse();
    tracking.beforeCommit(jsonState, json, jsonResponse);
    tracking.finish(jsonState, json, jsonResponse);

    Request post = new Request("POST", "/basket").header("Cookie", "sp_consent=all");
    Response postResponse = new Response();
    postResponse.contentType = "text/html";
    RequestTracking postState = tracking.start(post, postResponse);
    assertThat(tracking.titleScanner(postState, post, postResponse)).isNull();
    tracking.beforeCommit(postState, post, postResponse);
    tracking.finish(postState, post, postResponse);
    // An event the application tracks goes: the request's level, no page view.
    postState.tracker().track(Structured.builder().category("shop").action("posted").build());

    assertThat(jsonResponse.headers("Set-Cookie")).isEmpty();
    assertThat(postResponse.headers("Set-Cookie")).isEmpty();
    assertThat(events(1)).extracting(e -> e.get("e")).containsExactly("se");
  }

  @Test
  void applicationCodeNamesThePageAddsAnEntityOrSuppressesThePageView() {
    Request named = new Request("GET", "/named").header("Cookie", "sp_consent=all");
    Response namedResponse = html();
    RequestTracking namedState = tracking.start(named, namedResponse);
    RequestTracking.bind(namedState);
    try {
      TrackedRequest.pageTitle("Named by the application");
      TrackedRequest.addEntity(WebPage.entity("1b9f5a3c-2d4e-4f60-8a7b-9c0d1e2f3a4b"));
    } finally {
      RequestTracking.unbind();
    }
    tracking.finish(namedState, named, namedResponse);

    Request suppressed = new Request("GET", "/suppressed").header("Cookie", "sp_consent=all");
    Response suppressedResponse = html();
    RequestTracking suppressedState = tracking.start(suppressed, suppressedResponse);
    RequestTracking.bind(suppressedState);
    try {
      TrackedRequest.suppressPageView();
    } finally {
      RequestTracking.unbind();
    }
    tracking.finish(suppressedState, suppressed, suppressedResponse);
    // Without a request bound, each of them does nothing.
    TrackedRequest.pageTitle("nowhere");
    TrackedRequest.suppressPageView();
    assertThat(TrackedRequest.recordConsent("all")).isEmpty();

    List<Map<String, String>> events = events(1);
    assertThat(events).hasSize(1);
    assertThat(events.get(0))
        .containsEntry("e", "pv")
        .containsEntry("page", "Named by the application")
        .containsEntry("url", "http://shop.example/shop/named?colour=red");
    assertThat(pageViewEntityIds())
        .contains("1b9f5a3c-2d4e-4f60-8a7b-9c0d1e2f3a4b", namedState.pageViewId());
  }

  private static Response html() {
    Response response = new Response();
    response.contentType = "text/html";
    return response;
  }

  /** The events that reach the collector, once there are {@code count}. */
  private List<Map<String, String>> events(int count) {
    emitter.flush(Duration.ofSeconds(10));
    await().atMost(Duration.ofSeconds(10)).until(() -> collector.acceptedEvents().size() >= count);
    return collector.acceptedEvents().stream().map(TrackerPayloads::fields).toList();
  }

  private List<String> pageViewEntityIds() {
    List<String> ids = new ArrayList<>();
    for (JsonNode event : collector.acceptedEvents()) {
      if ("pv".equals(TrackerPayloads.fields(event).get("e"))) {
        for (JsonNode entity :
            TrackerPayloads.entities(event, "iglu:com.snowplowanalytics.snowplow/web_page/")) {
          ids.add(entity.path("data").path("id").asText());
        }
      }
    }
    return ids;
  }

  /** A request as a framework would hand it over. */
  static final class Request implements WebRequest {
    private final String method;
    private final String path;
    private final Map<String, List<String>> headers = new HashMap<>();

    Request(String method, String path) {
      this.method = method;
      this.path = path;
      header("User-Agent", CHROME);
      header("Accept-Language", "en-GB,en;q=0.9");
    }

    Request header(String name, String value) {
      headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
      return this;
    }

    @Override
    public String method() {
      return method;
    }

    @Override
    public String header(String name) {
      List<String> values = headers(name);
      return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public List<String> headers(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public String url() {
      return "http://shop.example/shop" + path + "?colour=red";
    }

    @Override
    public String path() {
      return path;
    }

    @Override
    public String contextPath() {
      return "/shop";
    }

    @Override
    public String serverName() {
      return "shop.example";
    }

    @Override
    public boolean secure() {
      return false;
    }

    @Override
    public String remoteAddress() {
      return "192.0.2.7";
    }

    @Override
    public String userName() {
      return null;
    }
  }

  /** A response whose status and content type the test sets, and which keeps its headers. */
  static final class Response implements WebResponse {
    volatile String contentType;
    volatile boolean committed;
    private final List<String[]> headers = new ArrayList<>();

    @Override
    public int status() {
      return 200;
    }

    @Override
    public String contentType() {
      return contentType;
    }

    @Override
    public boolean committed() {
      return committed;
    }

    @Override
    public synchronized void addHeader(String name, String value) {
      assertThat(committed).as("a header added after commit: " + name).isFalse();
      headers.add(new String[] {name, value});
    }

    synchronized List<String> headers(String name) {
      return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
    }
  }
}
