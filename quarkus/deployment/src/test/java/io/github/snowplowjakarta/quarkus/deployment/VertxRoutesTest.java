package io.github.snowplowjakarta.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.quarkus.deployment.Journeys.Choice;
import io.github.snowplowjakarta.quarkus.deployment.Journeys.Seen;
import io.github.snowplowjakarta.web.TrackedRequest;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests other than quarkus-rest pages: a Vert.x route's page tracked once (with the title the
 * application names, no other), a 404, a POST and a bot not tracked; and an injected tracker in a
 * blocking and a non-blocking quarkus-rest resource following each request's consent, never the one
 * of the request the same worker thread served before.
 */
class VertxRoutesTest {
  private static final String GOOGLEBOT =
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
  private static final String BROWSER =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
          + " Safari/537.36";

  static {
    QuarkusApps.startCollector();
  }

  @RegisterExtension
  static final QuarkusUnitTest QUARKUS =
      QuarkusApps.test()
          .withApplicationRoot(
              jar ->
                  jar.addClasses(
                      Routes.class,
                      Levels.class,
                      QuarkusApps.class,
                      Journeys.class,
                      Choice.class,
                      Seen.class,
                      QuarkusApps.Received.class))
          .overrideConfigKey("snowplow.app-id", "shop")
          .overrideConfigKey("snowplow.emitter.flush-interval", "1h")
          // One worker thread: every blocking request runs on the thread the one before it used.
          .overrideConfigKey("quarkus.thread-pool.core-threads", "1")
          .overrideConfigKey("quarkus.thread-pool.max-threads", "1")
          .setAfterAllCustomizer(VertxRoutesTest::onlyThePagesWereTracked);

  @ApplicationScoped
  public static class Routes {
    void routes(@Observes Router router) {
      String html =
          "<!DOCTYPE html><html><head><title>From HTML</title></head><body>Hi</body></html>";
      router
          .get("/vertx/page")
          .handler(rc -> rc.response().putHeader("Content-Type", "text/html").end(html));
      router
          .get("/vertx/named")
          .handler(
              rc -> {
                TrackedRequest.pageTitle("Named by the route");
                rc.response().putHeader("Content-Type", "text/html").end(html);
              });
      router
          .post("/vertx/page")
          .handler(rc -> rc.response().putHeader("Content-Type", "text/html").end(html));
    }
  }

  @Path("/level")
  public static class Levels {
    @Inject Tracker tracker;

    @GET
    public String blocking(@QueryParam("case") String choice) {
      tracker.track(
          Structured.builder().category("level").action("blocking").label(choice).build());
      return Thread.currentThread().getName();
    }

    @GET
    @Path("/uni")
    @NonBlocking
    public Uni<String> nonBlocking(@QueryParam("case") String choice) {
      tracker.track(
          Structured.builder().category("level").action("non-blocking").label(choice).build());
      return Uni.createFrom().item(Thread.currentThread().getName());
    }
  }

  @TestHTTPResource("/")
  URI root;

  @Test
  void pagesAreTrackedOnceAndInjectedTrackersFollowTheirRequest() throws Exception {
    assertThat(get("vertx/page?case=page", BROWSER, null).statusCode()).isEqualTo(200);
    assertThat(get("vertx/named?case=named", BROWSER, null).statusCode()).isEqualTo(200);
    assertThat(get("vertx/nothing?case=missing", BROWSER, null).statusCode()).isEqualTo(404);
    assertThat(get("vertx/page?case=bot", GOOGLEBOT, null).statusCode()).isEqualTo(200);
    HttpResponse<String> post =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(root.resolve("vertx/page?case=post"))
                    .timeout(Duration.ofSeconds(10))
                    .header("User-Agent", BROWSER)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(200);

    // all, then none, on the one worker thread: the second must not inherit the first's level.
    String first = get("level?case=worker-all", BROWSER, Choice.ALL.cookies()).body();
    String second = get("level?case=worker-none", BROWSER, Choice.NONE.cookies()).body();
    assertThat(second).as("the same worker thread").isEqualTo(first);
    get("level/uni?case=loop-all", BROWSER, Choice.ALL.cookies());
    get("level/uni?case=loop-none", BROWSER, Choice.NONE.cookies());
  }

  private HttpResponse<String> get(String path, String userAgent, String cookies) {
    return cookies == null
        ? QuarkusApps.get(root.resolve(path), "User-Agent", userAgent)
        : QuarkusApps.get(root.resolve(path), "User-Agent", userAgent, "Cookie", cookies);
  }

  private static void onlyThePagesWereTracked() {
    try {
      List<JsonNode> pageViews =
          QuarkusApps.events().stream().filter(e -> e.get("e").asText().equals("pv")).toList();
      assertThat(pageViews)
          .as("one page view per page, none for a 404, a POST or a bot")
          .extracting(e -> e.get("url").asText().replaceAll("^.*/vertx/", ""))
          .containsExactlyInAnyOrder("page?case=page", "named?case=named");
      assertThat(pageViews)
          .filteredOn(e -> e.get("url").asText().endsWith("case=page"))
          .allSatisfy(e -> assertThat(e.has("page")).as("no title unless named").isFalse());
      assertThat(pageViews)
          .filteredOn(e -> e.get("url").asText().endsWith("case=named"))
          .allSatisfy(e -> assertThat(e.get("page").asText()).isEqualTo("Named by the route"));
      for (String label : List.of("worker", "loop")) {
        assertAtLevel(label + "-all", Choice.ALL);
        assertAtLevel(label + "-none", Choice.NONE);
      }
      assertThat(QuarkusApps.validationErrors()).isEmpty();
    } finally {
      QuarkusApps.closeCollector();
    }
  }

  private static void assertAtLevel(String label, Choice choice) {
    List<Seen> seen = Journeys.seen("se_la", label);
    assertThat(seen).as(label).hasSize(1);
    Journeys.atTheLevelOf(choice, seen.get(0));
  }
}
