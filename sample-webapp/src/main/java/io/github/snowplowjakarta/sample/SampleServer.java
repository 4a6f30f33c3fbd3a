package io.github.snowplowjakarta.sample;

import io.github.snowplowjakarta.cdi.SnowplowExtension;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.servlet.SnowplowInitializer;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.environment.servlet.Listener;

/**
 * Runs the sample WAR's classes on an embedded Jetty 12 with Weld, as a Jakarta EE server would:
 * the filter registers itself (its jar is on the class path and a collector is configured), and
 * with no collector configured events go to the collector built into the sample.
 *
 * <p>{@code mvn -B -q -pl sample-webapp -am -DskipTests package exec:java}, then open
 * http://localhost:8080/. {@code -Dsample.port=…} changes the port, {@code
 * -Dsnowplow.collector-uri=https://…} sends to a real collector.
 */
public final class SampleServer implements AutoCloseable {
  private static final List<Class<? extends HttpServlet>> SERVLETS =
      List.of(
          ShopServlet.class,
          ConsentServlet.class,
          CollectorServlet.class,
          EventsServlet.class,
          ScriptServlet.class);

  private final Server server;
  private final ServletContextHandler context;
  private final WeldContainer weld;
  private final int port;
  private final boolean ownCollectorProperty;

  private SampleServer(
      Server server,
      ServletContextHandler context,
      WeldContainer weld,
      int port,
      boolean ownCollectorProperty) {
    this.server = server;
    this.context = context;
    this.ownCollectorProperty = ownCollectorProperty;
    this.weld = weld;
    this.port = port;
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.getInteger("sample.port", 8080);
    SampleServer sample = start(port);
    System.out.println("Sample shop: http://localhost:" + sample.port() + "/  (Ctrl+C stops it)");
    Runtime.getRuntime().addShutdownHook(new Thread(sample::close, "sample-shutdown"));
    sample.server.join();
  }

  /** Starts the sample on this port (0: any free one), at the root context path. */
  public static SampleServer start(int port) throws Exception {
    return start(port, "");
  }

  /**
   * Starts the sample on this port (0: any free one) at this context path ({@code ""} for the root,
   * or {@code /shop}).
   */
  public static SampleServer start(int port, String contextPath) throws Exception {
    int chosen = port != 0 ? port : freePort();
    boolean ownCollectorProperty = false;
    if (System.getProperty(ConfigKeys.COLLECTOR_URI.name()) == null
        && System.getenv(
                io.github.snowplowjakarta.core.config.ConfigSource.environmentName(
                    ConfigKeys.COLLECTOR_URI.name()))
            == null) {
      // Nothing configured: the collector built into the sample. The CDI tracker reads this too.
      System.setProperty(
          ConfigKeys.COLLECTOR_URI.name(),
          "http://127.0.0.1:" + chosen + contextPath + "/collector");
      ownCollectorProperty = true;
    }
    WeldContainer weld =
        new Weld()
            .disableDiscovery()
            .addExtension(new SnowplowExtension())
            .addBeanClasses(Shop.class)
            .initialize();
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(chosen);
    server.addConnector(connector);
    ServletContextHandler context =
        new ServletContextHandler(contextPath.isEmpty() ? "/" : contextPath);
    context.addEventListener(Listener.using(weld));
    // The tracking settings come from META-INF/snowplow-tracker.properties, as in the WAR.
    context.addServletContainerInitializer(new SnowplowInitializer());
    for (Class<? extends HttpServlet> servlet : SERVLETS) {
      for (String pattern :
          servlet.getAnnotation(WebServlet.class).urlPatterns().length > 0
              ? servlet.getAnnotation(WebServlet.class).urlPatterns()
              : servlet.getAnnotation(WebServlet.class).value()) {
        context.addServlet(servlet, pattern);
      }
    }
    server.setHandler(context);
    server.start();
    return new SampleServer(server, context, weld, chosen, ownCollectorProperty);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  /** What the built-in collector received, newest first. */
  public List<ReceivedEvents.Received> received() {
    return CollectorServlet.received(context.getServletContext()).all();
  }

  /** Stops Jetty (the filter flushes its events) and then Weld (the CDI tracker flushes its). */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      if (weld.isRunning()) {
        weld.close();
      }
      if (ownCollectorProperty) {
        System.clearProperty(ConfigKeys.COLLECTOR_URI.name());
      }
    }
  }
}
