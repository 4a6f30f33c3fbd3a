package io.github.snowplowjakarta.sample;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sample WAR deployed, used and undeployed 20 times in one Tomcat: after each undeploy none of
 * our threads may run, and at the end no undeployed WAR's class loader may still be reachable after
 * a full GC (Tomcat's manager holds each web application's class loader weakly and reports the
 * stopped ones a GC did not clear).
 */
class TomcatRedeployIT {
  private static final int CYCLES = 20;

  private final TestCollector collector = TestCollector.start();
  private StandaloneTomcat tomcat;

  @AfterEach
  void stop() {
    if (tomcat != null) {
      tomcat.close();
    }
    collector.close();
  }

  @Test
  void redeployingLeavesNoThreadAndNoClassLoaderBehind() throws Exception {
    tomcat =
        StandaloneTomcat.start(
            "redeploy-it",
            Map.of(
                "SNOWPLOW_COLLECTOR_URI",
                collector.uri().toString(),
                "SNOWPLOW_EMITTER_FLUSH_INTERVAL",
                "200ms"));
    String shop = tomcat.url(TomcatIT.CONTEXT);
    List<String> emitterThreads = List.of();

    for (int cycle = 1; cycle <= CYCLES; cycle++) {
      tomcat.deploy(TomcatIT.CONTEXT, TomcatIT.sampleWar());

      // A page view from the filter and an add-to-cart through the request's tracker, both
      // delivered: the emitter's threads have run.
      HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
      send(browser, HttpRequest.newBuilder(URI.create(shop + "/consent?choice=all")));
      send(browser, HttpRequest.newBuilder(URI.create(shop + "/product?cycle=" + cycle)));
      send(
          browser,
          HttpRequest.newBuilder(URI.create(shop + "/basket?cycle=" + cycle))
              .POST(HttpRequest.BodyPublishers.noBody()));
      String page = "/shop/product?cycle=" + cycle;
      int addedToCart = cycle;
      await()
          .atMost(ofSeconds(20))
          .until(
              () ->
                  collector.acceptedEvents().stream()
                              .filter(e -> e.get("e").asText().equals("ue"))
                              .map(TrackerPayloads::selfDescribingEvent)
                              .filter(e -> e.path("schema").asText().contains("/add_to_cart/"))
                              .count()
                          == addedToCart
                      && collector.acceptedEvents().stream()
                          .anyMatch(e -> e.path("url").asText().endsWith(page)));
      List<String> running = tomcat.ourThreads();
      assertThat(running).as("our threads while deployed").isNotEmpty();
      emitterThreads =
          running.stream().map(dump -> dump.substring(1, dump.indexOf('"', 1))).toList();

      tomcat.undeploy(TomcatIT.CONTEXT);

      int undeployed = cycle;
      await()
          .atMost(ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(tomcat.ourThreads())
                      .as("threads of ours still running after undeploy " + undeployed)
                      .isEmpty());
    }

    System.out.println(
        "Threads of one deployment of the sample WAR (filter only): " + emitterThreads);
    await()
        .atMost(ofSeconds(60))
        .pollInterval(ofSeconds(2))
        .untilAsserted(
            () ->
                assertThat(tomcat.leakedApplications())
                    .as("stopped applications whose class loader a full GC did not clear")
                    .isEmpty());
    assertThat(collector.validationErrors()).isEmpty();
    assertThat(tomcat.problems("io.github.snowplowjakarta", "snowplow-emitter", "SLF4J"))
        .as("warnings and errors in Tomcat's log that name our classes, threads or SLF4J")
        .isEmpty();
  }

  private static void send(HttpClient browser, HttpRequest.Builder request) throws Exception {
    HttpResponse<Void> response =
        browser.send(request.build(), HttpResponse.BodyHandlers.discarding());
    assertThat(response.statusCode()).isIn(200, 302);
  }
}
