package io.github.snowplowjakarta.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.servlet.SnowplowInitializer;
import io.github.snowplowjakarta.testing.TestCollector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jboss.weld.Container;
import org.jboss.weld.bootstrap.api.helpers.RegistrySingletonProvider;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.environment.servlet.Listener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter and the CDI trackers of one web application read the same configuration, with real
 * Weld inside real Jetty 12: its context-params, and its context path as the default app id.
 */
class WebApplicationConfigTest {
  private final TestCollector collector = TestCollector.start();
  private final Set<String> properties = new HashSet<>();
  private WeldContainer container;
  private Server server;

  @ApplicationScoped
  public static class Orders {
    @Inject Tracker tracker;

    void placed() {
      tracker.track(Structured.builder().category("orders").action("placed").build());
    }
  }

  /** A page that also tracks through CDI, as an application servlet would. */
  public static class OrderPage extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Supplier<BeanManager> beans;

    OrderPage(Supplier<BeanManager> beans) {
      this.beans = beans;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      beans.get().createInstance().select(Orders.class).get().placed();
      response.setContentType("text/html");
      response.getWriter().write("<title>Order</title>");
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
    properties.forEach(System::clearProperty);
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  private void set(String key, String value) {
    System.setProperty(key, value);
    properties.add(key);
  }

  private void start(String contextPath, Map<String, String> contextParams) throws Exception {
    container = weld(Orders.class).initialize();
    ServletContextHandler context = new ServletContextHandler(contextPath);
    context.addEventListener(Listener.using(container));
    contextParams.forEach(context::setInitParameter);
    context.addServletContainerInitializer(new SnowplowInitializer());
    context.addServlet(new ServletHolder(new OrderPage(container::getBeanManager)), "/order");
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
  }

  private HttpResponse<String> get(String contextPath, String path) throws Exception {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + contextPath + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** Stops the web application, then the container: both trackers flush as they close. */
  private List<JsonNode> stopAndCollect() throws Exception {
    server.stop();
    server = null;
    container.close();
    return collector.acceptedEvents();
  }

  @Test
  void pageViewsAndCdiEventsCarryTheSameAppIdAndNamespaceFromTheContextPathAndContextParams()
      throws Exception {
    set("snowplow.collector-uri", collector.uri().toString());
    start("/webshop", Map.of("snowplow.namespace", "from-context-param"));

    assertThat(get("/webshop", "/order").statusCode()).isEqualTo(200);

    List<JsonNode> events = stopAndCollect();
    assertThat(events).extracting(e -> e.get("e").asText()).containsExactlyInAnyOrder("pv", "se");
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.get("aid").asText()).isEqualTo("webshop");
              assertThat(e.get("tna").asText()).isEqualTo("from-context-param");
            });
  }

  @Test
  void aContextParamIsReadBeforeASystemPropertyByBoth() throws Exception {
    set("snowplow.collector-uri", collector.uri().toString());
    set("snowplow.app-id", "from-system-property");
    start("/webshop", Map.of("snowplow.app-id", "from-context-param"));

    assertThat(get("/webshop", "/order").statusCode()).isEqualTo(200);

    assertThat(stopAndCollect())
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.get("aid").asText()).isEqualTo("from-context-param"));
  }

  /**
   * Weld started by its servlet listener, as on Tomcat with {@code weld-servlet}: a web archive
   * holding {@code WEB-INF/beans.xml} and {@link Orders}, the extension found as a service.
   */
  private void startWebArchive(Path root, Map<String, String> contextParams) throws Exception {
    Path webInf = Files.createDirectories(root.resolve("WEB-INF"));
    Files.writeString(
        webInf.resolve("beans.xml"),
        "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
            + " bean-discovery-mode=\"annotated\"/>");
    String orders = Orders.class.getName().replace('.', '/') + ".class";
    Path copy = webInf.resolve("classes").resolve(orders);
    Files.createDirectories(copy.getParent());
    try (InputStream in = Orders.class.getClassLoader().getResourceAsStream(orders)) {
      Files.copy(in, copy);
    }
    ServletContextHandler context = new ServletContextHandler("/webshop");
    context.setBaseResourceAsString(root.toUri().toString());
    context.addEventListener(new Listener());
    contextParams.forEach(context::setInitParameter);
    context.addServletContainerInitializer(new SnowplowInitializer());
    context.addServlet(
        new ServletHolder(new OrderPage(() -> CDI.current().getBeanManager())), "/order");
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      server = null;
      // Weld's listener leaves the container that failed to start registered, where a later test's
      // CDI.current() would find it.
      if (Container.isSet(RegistrySingletonProvider.STATIC_INSTANCE)) {
        Container.instance().cleanup();
      }
      throw e;
    }
  }

  @Test
  void aCollectorInAContextParamServesTheCdiTrackersToo(@TempDir Path root) throws Exception {
    startWebArchive(
        root,
        Map.of(
            "snowplow.collector-uri",
            collector.uri().toString(),
            "snowplow.namespace",
            "from-context-param"));

    assertThat(get("/webshop", "/order").statusCode()).isEqualTo(200);
    server.stop();
    server = null;

    assertThat(collector.acceptedEvents())
        .extracting(
            e -> e.get("e").asText() + " " + e.get("aid").asText() + " " + e.get("tna").asText())
        .containsExactlyInAnyOrder(
            "pv webshop from-context-param", "se webshop from-context-param");
  }

  @Test
  void aBadContextParamFailsTheWebApplicationNamingTheKey(@TempDir Path root) {
    assertThatThrownBy(
            () ->
                startWebArchive(
                    root,
                    Map.of(
                        "snowplow.collector-uri", collector.uri().toString(),
                        "snowplow.auto-register", "false",
                        "snowplow.emitter.batch-size", "lots")))
        .hasStackTraceContaining(
            "Snowplow tracker configuration: snowplow.emitter.batch-size: expected a positive"
                + " whole number, was 'lots' (web application '/webshop')");
  }

  @Test
  void withoutACollectorAnywhereTheWebApplicationFailsToStart(@TempDir Path root) {
    assertThatThrownBy(() -> startWebArchive(root, Map.of("snowplow.app-id", "shop")))
        .hasStackTraceContaining(
            "Snowplow tracker configuration: snowplow.collector-uri: is required"
                + " (web application '/webshop')");
  }

  @Test
  void offTheWebApplicationStartsWithoutACollectorAndSendsNothing(@TempDir Path root)
      throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    startWebArchive(root, Map.of("snowplow.enabled", "false"));

    assertThat(get("/webshop", "/order").statusCode()).isEqualTo(200);

    assertThat(
            Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("snowplow-")))
        .isEmpty();
    server.stop();
    server = null;
    assertThat(collector.requests()).isEmpty();
  }
}
