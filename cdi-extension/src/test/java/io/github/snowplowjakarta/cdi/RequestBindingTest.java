package io.github.snowplowjakarta.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.event.CmpVisible;
import io.github.snowplowjakarta.core.event.ConsentWithdrawn;
import io.github.snowplowjakarta.core.event.Gdpr;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.servlet.SnowplowFilter;
import io.github.snowplowjakarta.servlet.SnowplowRequest;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.environment.servlet.Listener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An injected tracker used from a servlet behind the filter, with real Weld inside real Jetty 12
 * (Weld's servlet listener runs each request's context): concurrent requests with different consent
 * each get their own.
 */
class RequestBindingTest {
  private static final String DUID = "c8e4b7a2-3f1d-4e5a-9b6c-7d8e9f0a1b2c";

  private final TestCollector collector = TestCollector.start();
  private WeldContainer container;
  private Server server;
  private Emitter filterEmitter;

  @RequestScoped
  public static class Checkout {
    @Inject Tracker tracker;

    void done(String order) {
      tracker.track(Structured.builder().category("checkout").action("done").label(order).build());
    }
  }

  /** The consent banner's endpoint, as a CDI bean with an injected tracker would write it. */
  @RequestScoped
  public static class ConsentBanner {
    @Inject Tracker tracker;

    void shown() {
      tracker.track(CmpVisible.builder().elapsedTime(120).build());
    }

    void withdraw() {
      SnowplowRequest.recordConsent("none", ConsentWithdrawn.builder().all(true).build());
      tracker.track(Structured.builder().category("banner").action("after").build());
    }
  }

  /** Shows the banner, then the visitor withdraws, in one request for the test's sake. */
  public static class ConsentServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      ConsentBanner banner = CDI.current().select(ConsentBanner.class).get();
      banner.shown();
      banner.withdraw();
      response.setContentType("application/json");
      response.getWriter().write("{}");
    }
  }

  /** An application-scoped bean whose work may run on other threads. */
  @ApplicationScoped
  public static class Reports {
    @Inject Tracker tracker;

    void generated(String how) {
      tracker.track(Structured.builder().category("report").action("generated").label(how).build());
    }
  }

  /** Hands the work to an executor, carrying the request, or to an async cycle. */
  public static class ReportServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      Reports reports = CDI.current().select(Reports.class).get();
      if ("executor".equals(request.getParameter("via"))) {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
          CompletableFuture.runAsync(
                  () -> reports.generated("executor"), SnowplowRequest.carrying(pool))
              .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IOException(e);
        } finally {
          pool.shutdown();
        }
        response.getWriter().write("{}");
        return;
      }
      AsyncContext async = request.startAsync();
      async.start(
          () -> {
            reports.generated("async");
            try {
              async.getResponse().getWriter().write("{}");
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
            async.complete();
          });
    }
  }

  /** Calls the CDI bean, as an application servlet would. */
  public static class CheckoutServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      CDI.current().select(Checkout.class).get().done(request.getParameter("order"));
      response.setContentType("application/json");
      response.getWriter().write("{}");
    }
  }

  /** A container of these beans, with the portable extension. */
  Weld weld(Class<?>... beans) {
    return Containers.portable(beans);
  }

  @BeforeEach
  void start() throws Exception {
    System.setProperty("snowplow.collector-uri", collector.uri().toString());
    System.setProperty("snowplow.app-id", "cdi-app");
    System.setProperty("snowplow.gdpr.basis-for-processing", "legitimate_interests");
    container = weld(Checkout.class, ConsentBanner.class, Reports.class).initialize();
    filterEmitter = Emitter.builder(collector.uri()).build();
    ServletContextHandler context = new ServletContextHandler("/");
    context.addEventListener(Listener.using(container));
    FilterHolder filter =
        new FilterHolder(
            new SnowplowFilter(
                Tracker.builder(TrackerSettings.of("filter"), filterEmitter).build()));
    filter.setAsyncSupported(true);
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    ServletHolder reports = new ServletHolder(new ReportServlet());
    reports.setAsyncSupported(true);
    context.addServlet(reports, "/report");
    context.addServlet(new ServletHolder(new CheckoutServlet()), "/checkout");
    context.addServlet(new ServletHolder(new ConsentServlet()), "/consent");
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
    filterEmitter.close(Duration.ofSeconds(5));
    if (container.isRunning()) {
      container.close();
    }
    System.clearProperty("snowplow.collector-uri");
    System.clearProperty("snowplow.app-id");
    System.clearProperty("snowplow.gdpr.basis-for-processing");
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  @Test
  void concurrentRequestsWithDifferentConsentNeverSeeEachOthersState() {
    HttpClient client = HttpClient.newHttpClient();
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String consent = i % 2 == 0 ? "all" : "none";
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + port + "/checkout?order=" + consent + "-" + i))
              .header(
                  "Cookie",
                  "sp_consent="
                      + consent
                      + "; _sp_id.1fff="
                      + DUID
                      + ".1700000000.2.1700000500.1699990000.0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e; _sp_ses.1fff=*")
              .timeout(Duration.ofSeconds(10))
              .build();
      responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    responses.forEach(r -> assertThat(r.join().statusCode()).isEqualTo(200));

    container.close();

    Map<String, JsonNode> byOrder =
        collector.acceptedEvents().stream()
            .filter(e -> e.get("e").asText().equals("se"))
            .collect(Collectors.toMap(e -> e.get("se_la").asText(), e -> e));
    assertThat(byOrder).hasSize(40);
    byOrder.forEach(
        (order, event) -> {
          boolean consented = order.startsWith("all-");
          assertThat(event.get("aid").asText()).isEqualTo("cdi-app");
          assertThat(event.has("duid")).as(order + " duid").isEqualTo(consented);
          assertThat(event.has("ip")).as(order + " ip").isEqualTo(consented);
        });
    assertThat(
            collector.requests().stream()
                .filter(r -> r.events().stream().anyMatch(e -> e.get("e").asText().equals("se"))))
        .allSatisfy(
            r ->
                assertThat(r.anonymous())
                    .isEqualTo(r.events().get(0).get("se_la").asText().startsWith("none-")));
  }

  @Test
  void anInjectedTrackerRecordsConsentThroughTheRequestAndFollowsTheNewLevel() throws Exception {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/consent"))
                    .header(
                        "Cookie",
                        "sp_consent=all; _sp_id.1fff="
                            + DUID
                            + ".1700000000.2.1700000500.1699990000.0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e; _sp_ses.1fff=*")
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.headers().allValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).startsWith("sp_consent=none;"));
    container.close();
    filterEmitter.flush(Duration.ofSeconds(10));
    Map<String, JsonNode> byType =
        collector.acceptedEvents().stream()
            .collect(
                Collectors.toMap(
                    e ->
                        e.get("e").asText().equals("ue")
                            ? TrackerPayloads.selfDescribingEvent(e).get("schema").asText()
                            : e.get("e").asText(),
                    e -> e));
    JsonNode shown = byType.get(CmpVisible.SCHEMA);
    JsonNode withdrawn = byType.get(ConsentWithdrawn.SCHEMA);
    JsonNode after = byType.get("se");
    assertThat(shown.get("duid").asText()).as("banner shown, before").isEqualTo(DUID);
    assertThat(withdrawn.get("duid").asText()).as("withdrawal").isEqualTo(DUID);
    assertThat(after.has("duid") || after.has("sid") || after.has("ip")).as("after").isFalse();
    assertThat(shown.get("aid").asText()).isEqualTo("cdi-app");
    assertThat(TrackerPayloads.entities(shown, Gdpr.SCHEMA_PREFIX))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.at("/data/basisForProcessing").asText())
                    .isEqualTo("legitimate_interests"));
  }

  @Test
  void anInjectedTrackerFollowsTheRequestOnTheThreadsItHandsWorkTo() throws Exception {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    HttpClient client = HttpClient.newHttpClient();
    for (String via : List.of("executor", "async")) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/report?via=" + via))
                  .header(
                      "Cookie",
                      "sp_consent=all; _sp_id.1fff="
                          + DUID
                          + ".1700000000.2.1700000500.1699990000.0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e; _sp_ses.1fff=*")
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.body()).isEqualTo("{}");
    }

    container.close();

    assertThat(collector.acceptedEvents())
        .filteredOn(e -> e.get("e").asText().equals("se"))
        .extracting(e -> e.get("se_la").asText() + " " + e.path("duid").asText("none"))
        .containsExactlyInAnyOrder("executor " + DUID, "async " + DUID);
  }
}
