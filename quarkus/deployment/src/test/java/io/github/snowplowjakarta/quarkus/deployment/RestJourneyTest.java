package io.github.snowplowjakarta.quarkus.deployment;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.quarkus.deployment.Journeys.Choice;
import io.github.snowplowjakarta.quarkus.deployment.Journeys.Seen;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the Vert.x-level adapter must do for quarkus-rest (see the runtime's {@code internal.vertx}
 * package): a Qute page tracked once per request at the visitor's level with its title, a JSON
 * endpoint tracked as no page view, and a tracker injected into a resource following the visitor's
 * cookie consent. The page views count in JMX by the consent source that decided their level.
 */
class RestJourneyTest {
  static {
    QuarkusApps.startCollector();
  }

  @RegisterExtension
  static final QuarkusUnitTest QUARKUS =
      QuarkusApps.test()
          .withApplicationRoot(
              jar ->
                  jar.addClasses(
                          Pages.class,
                          QuarkusApps.class,
                          Journeys.class,
                          Choice.class,
                          Seen.class,
                          QuarkusApps.Received.class)
                      .addAsResource(
                          new StringAsset(
                              "<!DOCTYPE html><html><head><title>The {shop}</title></head>"
                                  + "<body>Hi</body></html>"),
                          "templates/page.html"))
          .overrideConfigKey("snowplow.app-id", "shop")
          .overrideConfigKey("snowplow.emitter.flush-interval", "1h")
          .setAfterAllCustomizer(RestJourneyTest::everyChoiceWasHonoured);

  @Path("/rest")
  public static class Pages {
    @Inject Template page;
    @Inject Tracker tracker;

    @GET
    @Path("/page")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
      return page.data("shop", "rest shop");
    }

    @GET
    @Path("/basket")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Integer> basket(@QueryParam("case") String choice) {
      tracker.track(Structured.builder().category("shop").action("basket").label(choice).build());
      return Map.of("items", 2);
    }
  }

  @TestHTTPResource("/rest")
  URI rest;

  @Test
  void theVisitorGoesThroughEveryChoice() {
    for (Choice choice : Choice.values()) {
      assertThat(
              QuarkusApps.get(
                      URI.create(rest + "/page?" + choice.marker()), "Cookie", choice.cookies())
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              QuarkusApps.get(
                      URI.create(rest + "/basket?" + choice.marker()), "Cookie", choice.cookies())
                  .body())
          .isEqualTo("{\"items\":2}");
    }
  }

  @Test
  void pageViewsCountByTheSourceThatDecidedTheirLevel() throws Exception {
    long cookie = pageViewsDecidedBy("cookie");
    long byDefault = pageViewsDecidedBy("default");
    for (Choice choice : Choice.values()) {
      QuarkusApps.get(URI.create(rest + "/page?figures"), "Cookie", choice.cookies());
    }
    // Counted as each request ends, which may be after the client has the page.
    await()
        .atMost(ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(pageViewsDecidedBy("cookie") - cookie).isEqualTo(3);
              assertThat(pageViewsDecidedBy("default") - byDefault).isEqualTo(1);
            });
  }

  /** The page views of every web tracking in this JVM whose level {@code source} decided. */
  private static long pageViewsDecidedBy(String source) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Set<ObjectName> trackings =
        server.queryNames(new ObjectName("io.github.snowplowjakarta:type=WebTracking,*"), null);
    assertThat(trackings).as("the route filter's figures in JMX").isNotEmpty();
    long sum = 0;
    for (ObjectName tracking : trackings) {
      List<String> sources =
          Arrays.asList((String[]) server.getAttribute(tracking, "ConsentSources"));
      long[] pageViews = (long[]) server.getAttribute(tracking, "PageViews");
      int at = sources.indexOf(source);
      for (int i = at; at >= 0 && i < pageViews.length; i += sources.size()) {
        sum += pageViews[i];
      }
    }
    return sum;
  }

  private static void everyChoiceWasHonoured() {
    try {
      for (Choice choice : Choice.values()) {
        List<Seen> pageViews =
            Journeys.seen("url", "/rest/page?" + choice.marker()).stream()
                .filter(s -> s.event().get("e").asText().equals("pv"))
                .toList();
        assertThat(pageViews).as(choice + ": one page view").hasSize(1);
        assertThat(pageViews.get(0).event().get("page").asText()).isEqualTo("The rest shop");
        assertThat(pageViews.get(0).event().get("aid").asText()).isEqualTo("shop");
        assertThat(pageViews.get(0).event().get("p").asText()).isEqualTo("web");
        Journeys.atTheLevelOf(choice, pageViews.get(0));

        List<Seen> basket =
            Journeys.seen("se_la", choice.marker().substring("case=".length())).stream()
                .filter(s -> s.event().get("se_ac").asText().equals("basket"))
                .toList();
        assertThat(basket).as(choice + ": the injected tracker's event").hasSize(1);
        Journeys.atTheLevelOf(choice, basket.get(0));
      }
      assertThat(QuarkusApps.events())
          .as("no page view for JSON")
          .noneMatch(
              e -> e.get("e").asText().equals("pv") && e.get("url").asText().contains("/basket"));
      assertThat(QuarkusApps.validationErrors()).isEmpty();
    } finally {
      QuarkusApps.closeCollector();
    }
  }
}
