package io.github.snowplowjakarta.servlet;

import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.testing.TestCollector;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The test application on a real Jetty 12 on a loopback port, and an HTTP client for it. */
final class TestApp implements AutoCloseable {
  static final String CONTEXT = "/shop";

  private final Server server;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final Emitter emitter;
  Tracker tracker;

  private TestApp(Server server, Emitter emitter) {
    this.server = server;
    this.emitter = emitter;
  }

  /** The filter with a tracker of the test's own, whose emitter the test can flush. */
  static TestApp withTracker(TestCollector collector, Map<String, String> initParams) {
    return withTracker(collector, initParams, null);
  }

  /** As above, with {@code outer} (if not null) running before the filter. */
  static TestApp withTracker(
      TestCollector collector, Map<String, String> initParams, Filter outer) {
    return withTracker(collector, initParams, outer, new TestPages(), filter -> filter);
  }

  /** As above, serving {@code pages}. */
  static TestApp withTracker(
      TestCollector collector, Map<String, String> initParams, Filter outer, HttpServlet pages) {
    return withTracker(collector, initParams, outer, pages, filter -> filter);
  }

  /** As above, the filter customised (given consent sources, say) before it starts. */
  static TestApp withTracker(
      TestCollector collector,
      Map<String, String> initParams,
      Filter outer,
      UnaryOperator<SnowplowFilter> customise) {
    return withTracker(collector, initParams, outer, new TestPages(), customise);
  }

  /** As above, serving {@code pages} with the filter customised before it starts. */
  static TestApp withTracker(
      TestCollector collector,
      Map<String, String> initParams,
      Filter outer,
      HttpServlet pages,
      UnaryOperator<SnowplowFilter> customise) {
    Emitter emitter = Emitter.builder(collector.uri()).build();
    Tracker tracker =
        Tracker.builder(
                TrackerSettings.builder().appId("shop").platform(Platform.WEB).build(), emitter)
            .build();
    ServletContextHandler context = context(pages);
    if (outer != null) {
      context.addFilter(new FilterHolder(outer), "/*", EnumSet.of(DispatcherType.REQUEST));
    }
    FilterHolder filter = new FilterHolder(customise.apply(new SnowplowFilter(tracker)));
    filter.setAsyncSupported(true);
    initParams.forEach(filter::setInitParameter);
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    TestApp app = start(context, emitter);
    app.tracker = tracker;
    return app;
  }

  /** The filter building its own tracker from init-params. */
  static TestApp configured(Map<String, String> initParams) {
    ServletContextHandler context = context();
    FilterHolder filter = new FilterHolder(SnowplowFilter.class);
    filter.setAsyncSupported(true);
    initParams.forEach(filter::setInitParameter);
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    return start(context, null);
  }

  static ServletContextHandler context() {
    return context(new TestPages());
  }

  static ServletContextHandler context(HttpServlet servlet) {
    ServletContextHandler context = new ServletContextHandler(CONTEXT);
    ServletHolder pages = new ServletHolder(servlet);
    pages.setAsyncSupported(true);
    context.addServlet(pages, "/*");
    return context;
  }

  /** The apps started and not yet closed, for {@link FilterFixture} to close. */
  private static final List<TestApp> OPEN = new CopyOnWriteArrayList<>();

  static void closeAll() {
    for (TestApp app : OPEN) {
      app.close();
    }
  }

  static TestApp start(ServletContextHandler context, Emitter emitter) {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    // Room for the 10 kB cookies of the hostile-input tests; Jetty's default is 8 kB.
    http.setRequestHeaderSize(64 * 1024);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception ignored) {
        // already failing
      }
      throw new IllegalStateException(e);
    }
    TestApp app = new TestApp(server, emitter);
    OPEN.add(app);
    return app;
  }

  URI uri(String path) {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    return URI.create("http://127.0.0.1:" + port + CONTEXT + path);
  }

  HttpResponse<String> get(String path, String... headers) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
  }

  HttpResponse<String> post(String path, String... headers) {
    return send(
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString("a=b")),
        headers);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return client.send(
          request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until the events tracked so far have reached the collector. */
  void flush() {
    if (!emitter.flush(Duration.ofSeconds(10))) {
      throw new AssertionError("events not delivered: " + emitter.stats());
    }
  }

  @Override
  public void close() {
    if (!OPEN.remove(this)) {
      return;
    }
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    if (emitter != null) {
      emitter.close(Duration.ofSeconds(5));
    }
  }
}
