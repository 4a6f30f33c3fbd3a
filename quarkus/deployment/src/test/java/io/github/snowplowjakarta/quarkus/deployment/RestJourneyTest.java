package io.github.snowplowjakarta.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the Vert.x-level adapter must do for quarkus-rest (see the runtime's {@code internal.vertx}
 * package): a Qute page tracked once per request at the visitor's level with its title, a JSON
 * endpoint tracked as no page view, and a tracker injected into a resource following the visitor's
 * cookie consent. It FAILS until that adapter exists, so the default build excludes it (see this
 * module's pom); run it with {@code -Dtest=RestJourneyTest}.
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
