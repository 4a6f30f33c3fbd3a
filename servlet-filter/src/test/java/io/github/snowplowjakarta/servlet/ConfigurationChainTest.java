package io.github.snowplowjakarta.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.config.ConfigSource;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.testing.TestCollector;
import jakarta.servlet.DispatcherType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter reads each key from the first source that has it, in the documented order: filter
 * init-param, context-param, (MicroProfile Config,) system property, (environment,) the
 * application's {@code META-INF/snowplow-tracker.properties}; and {@code snowplow.enabled=false}
 * turns it off.
 */
class ConfigurationChainTest {
  private final TestCollector collector = TestCollector.start();
  private final Set<String> properties = new HashSet<>();
  private TestApp app;
  private URLClassLoader loader;

  @AfterEach
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (loader != null) {
      loader.close();
    }
    properties.forEach(System::clearProperty);
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  private void set(String key, String value) {
    System.setProperty(key, value);
    properties.add(key);
  }

  /** The application's class loader, seeing this properties file as the WAR's would. */
  private ClassLoader withPropertiesFile(Path root, String content) throws Exception {
    Path file = root.resolve(ConfigSource.PROPERTIES_FILE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader());
    return loader;
  }

  private TestApp start(
      ClassLoader applicationLoader, Map<String, String> contextParams, Map<String, String> init) {
    ServletContextHandler context = TestApp.context();
    if (applicationLoader != null) {
      context.setClassLoader(applicationLoader);
    }
    contextParams.forEach(context::setInitParameter);
    FilterHolder filter = new FilterHolder(SnowplowFilter.class);
    filter.setAsyncSupported(true);
    init.forEach(filter::setInitParameter);
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    return TestApp.start(context, null);
  }

  private JsonNode pageViewAfterClose(String path) {
    app.get(path);
    app.close();
    app = null;
    return collector.acceptedEvents().stream()
        .filter(e -> e.get("url").asText().endsWith(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no page view of " + path));
  }

  @Test
  void eachKeyComesFromTheFirstSourceThatHasIt(@TempDir Path root) throws Exception {
    ClassLoader application =
        withPropertiesFile(
            root,
            "snowplow.collector-uri="
                + collector.uri()
                + "\nsnowplow.app-id=file\nsnowplow.namespace=file\nsnowplow.platform=iot\n");
    set("snowplow.app-id", "property");
    set("snowplow.namespace", "property");
    set("snowplow.platform", "tv");
    app =
        start(
            application,
            Map.of("snowplow.app-id", "context-param", "snowplow.namespace", "context-param"),
            Map.of("snowplow.app-id", "init-param"));

    JsonNode pv = pageViewAfterClose("/page");

    // collector-uri: only in the file; platform: property over file; namespace: context-param
    // over property; app-id: init-param over all.
    assertThat(pv.get("aid").asText()).isEqualTo("init-param");
    assertThat(pv.get("tna").asText()).isEqualTo("context-param");
    assertThat(pv.get("p").asText()).isEqualTo("tv");
  }

  @Test
  void aFilterGivenAConfigurationReadsItInsteadOfTheChain() {
    ServletContextHandler context = TestApp.context();
    context.setInitParameter("snowplow.collector-uri", "http://127.0.0.1:9");
    context.setInitParameter("snowplow.app-id", "context-param");
    TrackerConfig given =
        new TrackerConfig(
            ConfigSource.of(
                Map.of(
                    "snowplow.collector-uri", collector.uri().toString(),
                    "snowplow.app-id", "framework",
                    "snowplow.track.exclude", "/page")));
    FilterHolder filter = new FilterHolder(new SnowplowFilter(null, given));
    filter.setInitParameter("snowplow.track.exclude", "/other");
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    app = TestApp.start(context, null);

    app.get("/page");
    JsonNode pv = pageViewAfterClose("/other");

    assertThat(pv.get("aid").asText()).isEqualTo("framework");
    assertThat(pv.get("p").asText()).isEqualTo("web");
    assertThat(collector.acceptedEvents()).noneMatch(e -> e.get("url").asText().endsWith("/page"));
  }

  @Test
  void unconfiguredTheAppIdIsTheContextPathAndTheNamespaceDefault() {
    app = start(null, Map.of("snowplow.collector-uri", collector.uri().toString()), Map.of());

    JsonNode pv = pageViewAfterClose("/page");

    assertThat(pv.get("aid").asText()).isEqualTo("shop");
    assertThat(pv.get("tna").asText()).isEqualTo("default");
    assertThat(pv.get("p").asText()).isEqualTo("web");
  }

  @Test
  void offThePagesAreServedWithoutACollectorAndNothingIsSentOrStarted() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    app = start(null, Map.of("snowplow.enabled", "false"), Map.of());

    assertThat(app.get("/page").statusCode()).isEqualTo(200);
    assertThat(app.get("/data.json").statusCode()).isEqualTo(200);

    assertThat(
            Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("snowplow-")))
        .isEmpty();
  }

  @Test
  void offWithACollectorConfiguredNothingReachesIt() {
    app =
        start(
            null,
            Map.of("snowplow.collector-uri", collector.uri().toString()),
            Map.of("snowplow.enabled", "false"));

    assertThat(app.get("/page").statusCode()).isEqualTo(200);
    app.close();
    app = null;

    assertThat(collector.requests()).isEmpty();
  }

  @Test
  void offTheFilterDoesNotRegisterItself() {
    ServletContextHandler context = TestApp.context();
    context.setInitParameter("snowplow.collector-uri", collector.uri().toString());
    context.setInitParameter("snowplow.enabled", "false");
    context.addServletContainerInitializer(new SnowplowInitializer());
    app = TestApp.start(context, null);

    assertThat(app.get("/page").statusCode()).isEqualTo(200);

    assertThat(context.getServletHandler().getFilters()).isEmpty();
  }
}
