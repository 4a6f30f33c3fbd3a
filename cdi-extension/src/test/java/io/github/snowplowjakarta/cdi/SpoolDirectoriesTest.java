package io.github.snowplowjakarta.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.servlet.SnowplowFilter;
import io.github.snowplowjakarta.testing.TestCollector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.environment.servlet.Listener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code snowplow.emitter.spool-dir} set, the servlet filter's own tracker and a CDI tracker
 * in one web application (real Jetty 12, real Weld) each lock a spool sub-directory of their own,
 * so both start and both deliver.
 */
class SpoolDirectoriesTest {
  @TempDir Path spool;

  private final TestCollector collector = TestCollector.start();
  private WeldContainer container;
  private Server server;

  @ApplicationScoped
  public static class Shop {
    @Inject Tracker tracker;

    void sold() {
      tracker.track(Structured.builder().category("shop").action("sold").build());
    }
  }

  /** A page the filter tracks, whose handler also tracks through CDI. */
  public static class PageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      CDI.current().select(Shop.class).get().sold();
      response.setContentType("text/html");
      response.getWriter().write("<html><title>Shop</title></html>");
    }
  }

  /** A container of these beans, with the portable extension. */
  Weld weld(Class<?>... beans) {
    return Containers.portable(beans);
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
    if (container != null && container.isRunning()) {
      container.close();
    }
    System.clearProperty("snowplow.collector-uri");
    System.clearProperty("snowplow.emitter.spool-dir");
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  @Test
  void theFilterAndACdiTrackerEachGetTheirOwnSpoolAndBothDeliver() throws Exception {
    System.setProperty("snowplow.collector-uri", collector.uri().toString());
    System.setProperty("snowplow.emitter.spool-dir", spool.toString());
    container = weld(Shop.class).initialize();
    ServletContextHandler context = new ServletContextHandler("/");
    context.addEventListener(Listener.using(container));
    context.addFilter(
        new FilterHolder(new SnowplowFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new PageServlet()), "/page");
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(context);
    server.start();

    int port = connector.getLocalPort();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/page"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);

    assertThat(spool.resolve("filter-default").resolve("spool.lock")).exists();
    assertThat(spool.resolve("cdi").resolve("spool.lock")).exists();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                collector.acceptedEvents().stream()
                        .map(e -> e.get("e").asText())
                        .filter(e -> e.equals("pv") || e.equals("se"))
                        .distinct()
                        .count()
                    == 2);
  }
}
