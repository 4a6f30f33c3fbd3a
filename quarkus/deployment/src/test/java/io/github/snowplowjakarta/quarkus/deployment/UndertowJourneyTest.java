package io.github.snowplowjakarta.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.cdi.Tracked;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.emitter.EmitterHealth;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.quarkus.deployment.Journeys.Choice;
import io.github.snowplowjakarta.quarkus.deployment.Journeys.Seen;
import io.github.snowplowjakarta.quarkus.internal.vertx.TrackedExchange;
import io.github.snowplowjakarta.servlet.SnowplowRequest;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A servlet page under quarkus-undertow, which the Vert.x route filter sees first and the servlet
 * filter (Quarkus's Undertow runs its ServletContainerInitializer) joins, through the consent
 * journey: a page view per request at the visitor's level with the page's title, a tracker injected
 * into the servlet and a {@code @Tracked} method called from it following the same consent, and
 * every event delivered when the application stops.
 */
class UndertowJourneyTest {
  static {
    QuarkusApps.startCollector();
  }

  @RegisterExtension
  static final QuarkusUnitTest QUARKUS =
      QuarkusApps.test()
          .withApplicationRoot(
              jar ->
                  jar.addClasses(
                      ShopServlet.class,
                      Basket.class,
                      QuarkusApps.class,
                      Journeys.class,
                      Choice.class,
                      Seen.class,
                      QuarkusApps.Received.class))
          .overrideConfigKey("snowplow.app-id", "shop")
          // Nothing leaves before the application stops: what arrives, its close sent.
          .overrideConfigKey("snowplow.emitter.flush-interval", "1h")
          .setAfterAllCustomizer(UndertowJourneyTest::everyChoiceWasHonoured);

  @WebServlet("/shop/page")
  public static class ShopServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject transient Tracker tracker;
    @Inject transient Basket basket;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      tracker.track(
          Structured.builder()
              .category("shop")
              .action("viewed")
              .label(request.getParameter("case"))
              .build());
      basket.add(request.getParameter("case"));
      // The servlet filter joined the state the Vert.x route filter started: one per request.
      Object state = request.getAttribute(SnowplowRequest.ATTRIBUTE);
      response.setHeader(
          "X-One-State",
          String.valueOf(state != null && state == TrackedExchange.current().state()));
      response.setHeader("X-Emitters", String.valueOf(EmitterHealth.running().size()));
      response.setContentType("text/html;charset=UTF-8");
      response
          .getWriter()
          .write("<!DOCTYPE html><html><head><title>The shop</title></head><body>Hi</body></html>");
    }
  }

  @ApplicationScoped
  public static class Basket {
    @Tracked(category = "basket", action = "added")
    public void add(String item) {}
  }

  @TestHTTPResource("/shop/page")
  URI page;

  @Test
  void theVisitorGoesThroughEveryChoice() {
    for (Choice choice : Choice.values()) {
      HttpResponse<String> response =
          QuarkusApps.get(URI.create(page + "?" + choice.marker()), "Cookie", choice.cookies());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("X-One-State")).contains("true");
      assertThat(response.headers().firstValue("X-Emitters")).as("one emitter").contains("1");
    }
  }

  private static void everyChoiceWasHonoured() {
    try {
      for (Choice choice : Choice.values()) {
        List<Seen> pageViews =
            Journeys.seen("url", "?" + choice.marker()).stream()
                .filter(s -> s.event().get("e").asText().equals("pv"))
                .toList();
        assertThat(pageViews).as(choice + ": one page view").hasSize(1);
        Seen pageView = pageViews.get(0);
        assertThat(pageView.event().get("page").asText()).isEqualTo("The shop");
        assertThat(pageView.event().get("aid").asText()).isEqualTo("shop");
        Journeys.atTheLevelOf(choice, pageView);

        List<Seen> viewed =
            Journeys.seen("se_la", choice.marker().substring("case=".length())).stream()
                .filter(s -> s.event().get("se_ac").asText().equals("viewed"))
                .toList();
        assertThat(viewed).as(choice + ": the injected tracker's event").hasSize(1);
        Journeys.atTheLevelOf(choice, viewed.get(0));
      }
      for (Choice choice : Choice.values()) {
        List<Seen> added =
            Journeys.seen("url", "?" + choice.marker()).stream()
                .filter(s -> s.event().path("se_ac").asText().equals("added"))
                .toList();
        assertThat(added).as(choice + ": the @Tracked method's event").hasSize(1);
        Journeys.atTheLevelOf(choice, added.get(0));
      }
      assertThat(QuarkusApps.validationErrors()).isEmpty();
    } finally {
      QuarkusApps.closeCollector();
    }
  }
}
