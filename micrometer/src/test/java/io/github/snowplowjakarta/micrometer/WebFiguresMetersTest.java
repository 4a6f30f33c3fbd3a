package io.github.snowplowjakarta.micrometer;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.servlet.SnowplowFilter;
import io.github.snowplowjakarta.servlet.SnowplowRequest;
import io.github.snowplowjakarta.testing.TestCollector;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The web figures of a real filter on Jetty, as a Micrometer registry shows them. */
class WebFiguresMetersTest {
  private final TestCollector collector = TestCollector.start();
  private final Emitter emitter = Emitter.builder(collector.uri()).name("shop-web").build();
  private final Tracker tracker =
      Tracker.builder(
              TrackerSettings.builder().appId("shop").platform(Platform.WEB).build(), emitter)
          .build();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SnowplowMetrics metrics = new SnowplowMetrics(Tags.of("app_id", "shop"));
  private Server server;

  /** A page whose application code tracks an event through the request's tracker. */
  public static final class Page extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      SnowplowRequest.tracker(request)
          .ifPresent(t -> t.track(Structured.builder().category("shop").action("view").build()));
      response.setContentType("text/html");
      response.getWriter().write("<h1>shop</h1>");
    }
  }

  private void start() throws Exception {
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(new Page()), "/*");
    FilterHolder filter = new FilterHolder(new SnowplowFilter(tracker));
    filter.setInitParameter("snowplow.consent.sources", "cookie,gpc");
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    metrics.close();
    if (server != null) {
      server.stop();
    }
    emitter.close(Duration.ofSeconds(5));
    collector.close();
  }

  private void get(String... headers) throws Exception {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/page"))
            .timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    assertThat(client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(200);
  }

  private double count(String name, String level, String source) {
    return registry
        .get(name)
        .tags("tracker", "shop-web", "app_id", "shop", "level", level, "consent.source", source)
        .functionCounter()
        .count();
  }

  @Test
  void pageViewsAndEventsByLevelAndConsentSource() throws Exception {
    start();
    metrics.bindTo(registry);
    get("Cookie", "sp_consent=all", "Sec-GPC", "1");
    get("Cookie", "sp_consent=none");
    get();
    get("Cookie", "sp_consent=all");
    tracker.track(Structured.builder().category("job").action("nightly").build());
    // A page view is counted as its request ends, which may be after the client has the page.
    await()
        .atMost(ofSeconds(10))
        .until(
            () ->
                registry.find("snowplow.page_views").functionCounters().stream()
                        .mapToDouble(FunctionCounter::count)
                        .sum()
                    == 4);

    assertThat(count("snowplow.page_views", "anonymous+server", "gpc")).isEqualTo(1);
    assertThat(count("snowplow.page_views", "anonymous+server", "cookie")).isEqualTo(1);
    assertThat(count("snowplow.page_views", "anonymous+server", "default")).isEqualTo(1);
    assertThat(count("snowplow.page_views", "full", "cookie")).isEqualTo(1);
    assertThat(count("snowplow.page_views", "full", "gpc")).isZero();
    assertThat(count("snowplow.tracker.events", "anonymous+server", "gpc")).isEqualTo(2);
    assertThat(count("snowplow.tracker.events", "anonymous+server", "cookie")).isEqualTo(2);
    assertThat(count("snowplow.tracker.events", "anonymous+server", "default")).isEqualTo(2);
    assertThat(count("snowplow.tracker.events", "full", "cookie")).isEqualTo(2);
    assertThat(count("snowplow.tracker.events", "anonymous+server", "no-request")).isEqualTo(1);
    List<FunctionCounter> pageViews =
        List.copyOf(registry.find("snowplow.page_views").functionCounters());
    // 6 levels that track × the sources a request can be decided by (cookie, gpc, default,
    // unreadable): every series from the start.
    assertThat(pageViews).hasSize(6 * 4);
    assertThat(pageViews.stream().mapToDouble(FunctionCounter::count).sum()).isEqualTo(4);

    server.stop();

    assertThat(registry.find("snowplow.page_views").functionCounters()).isEmpty();
    assertThat(registry.find("snowplow.tracker.events").functionCounters()).isEmpty();
  }
}
