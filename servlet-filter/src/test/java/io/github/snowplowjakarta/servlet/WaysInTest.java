package io.github.snowplowjakarta.servlet;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.testing.TestCollector;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The three ways into an application, configuration errors, and who closes what. */
class WaysInTest {
  @RegisterExtension final FilterFixture fixture = FilterFixture.perTest();
  private final TestCollector collector = fixture.collector();
  private TestApp app;

  private JsonNode awaitPageView(String path) {
    await()
        .atMost(ofSeconds(10))
        .until(
            () ->
                collector.acceptedEvents().stream()
                    .anyMatch(e -> e.get("url").asText().endsWith(path)));
    return collector.acceptedEvents().stream()
        .filter(e -> e.get("url").asText().endsWith(path))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void declaredInWebXml() {
    WebAppContext webapp = new WebAppContext();
    webapp.setContextPath(TestApp.CONTEXT);
    webapp.setBaseResourceAsString(getClass().getResource("/webxml").toExternalForm());
    webapp.setParentLoaderPriority(true);
    webapp.setInitParameter("snowplow.collector-uri", collector.uri().toString());
    app = TestApp.start(webapp, null);

    app.get("/from-web-xml", "Cookie", "sp_consent=all");

    JsonNode pv = awaitPageView("/from-web-xml");
    assertThat(pv.get("aid").asText()).isEqualTo("webxml-shop");
    assertThat(pv.get("p").asText()).isEqualTo("web");
  }

  /** Registers the filter from application code, as a ServletContextListener would. */
  public static final class Registration implements ServletContextListener {
    private final String collector;

    Registration(String collector) {
      this.collector = collector;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
      FilterRegistration.Dynamic filter =
          event.getServletContext().addFilter("tracking", new SnowplowFilter());
      filter.setAsyncSupported(true);
      filter.setInitParameter("snowplow.collector-uri", collector);
      filter.setInitParameter("snowplow.emitter.flush-interval", "50ms");
      filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }
  }

  @Test
  void registeredProgrammatically() {
    ServletContextHandler context = TestApp.context();
    context.addEventListener(new Registration(collector.uri().toString()));
    app = TestApp.start(context, null);

    app.get("/programmatic");

    JsonNode pv = awaitPageView("/programmatic");
    assertThat(pv.get("aid").asText()).isEqualTo("shop");
  }

  @Test
  void registeredByItselfWhenACollectorIsConfigured() {
    ServletContextHandler context = TestApp.context();
    context.setInitParameter("snowplow.collector-uri", collector.uri().toString());
    context.setInitParameter("snowplow.emitter.flush-interval", "50ms");
    context.addServletContainerInitializer(new SnowplowInitializer());
    app = TestApp.start(context, null);

    app.get("/zero-code");

    awaitPageView("/zero-code");
    assertThat(context.getServletHandler().getFilters())
        .extracting(f -> f.getName())
        .containsExactly(SnowplowInitializer.FILTER_NAME);
  }

  @Test
  void tracksNothingWithoutACollectorAndStandsDownWhenAlreadyRegistered() {
    // Without a collector it is registered, to say so at start-up (StartupLogTest), and passes
    // every request through.
    Set<Thread> bareBefore = Thread.getAllStackTraces().keySet();
    ServletContextHandler bare = TestApp.context();
    bare.addServletContainerInitializer(new SnowplowInitializer());
    app = TestApp.start(bare, null);
    assertThat(app.get("/untracked").statusCode()).isEqualTo(200);
    assertThat(bare.getServletHandler().getFilters())
        .extracting(f -> f.getName())
        .containsExactly(SnowplowInitializer.FILTER_NAME);
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> !bareBefore.contains(t) && t.getName().startsWith("snowplow-emitter-"));
    app.close();

    // Initializers run before listeners: the application's own registration comes second, and
    // the filter the initializer added stands down without starting an emitter.
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    ServletContextHandler registered = TestApp.context();
    registered.setInitParameter("snowplow.collector-uri", collector.uri().toString());
    registered.addEventListener(new Registration(collector.uri().toString()));
    registered.addServletContainerInitializer(new SnowplowInitializer());
    app = TestApp.start(registered, null);

    app.get("/registered-once");

    awaitPageView("/registered-once");
    assertThat(collector.acceptedEvents()).hasSize(1);
    long emitters =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t) && t.getName().startsWith("snowplow-emitter-"))
            .map(t -> t.getName().substring(0, t.getName().lastIndexOf('-')))
            .distinct()
            .count();
    assertThat(emitters).isEqualTo(1);
  }

  @Test
  void aBadConfigurationFailsTheDeploymentNamingTheKey() {
    ServletContextHandler context = TestApp.context();
    context.setInitParameter("snowplow.collector-uri", collector.uri().toString());
    context.setInitParameter("snowplow.consent.sources", "cookie,onetrust,telepathy");
    context.addServletContainerInitializer(new SnowplowInitializer());

    assertThatThrownBy(() -> TestApp.start(context, null))
        .hasStackTraceContaining(
            "snowplow.consent.sources: expected some of cookie, onetrust, cookiebot, tcf,"
                + " cookieyes, complianz, klaro, didomi, gpc, dnt, test-header, was 'telepathy'");
  }

  @Test
  void aMissingCollectorFailsTheDeploymentNamingTheKey() {
    assertThatThrownBy(() -> TestApp.configured(Map.of("snowplow.app-id", "shop")))
        .hasStackTraceContaining("snowplow.collector-uri: is required");
  }

  @Test
  void itsOwnTrackerIsFlushedAndClosedWithTheApplication() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    app =
        TestApp.configured(
            Map.of(
                "snowplow.collector-uri",
                collector.uri().toString(),
                "snowplow.emitter.flush-interval",
                "1h"));
    List<Thread> emitterThreads =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t) && t.getName().startsWith("snowplow-emitter-"))
            .collect(Collectors.toList());
    app.get("/before-shutdown");
    assertThat(collector.acceptedEvents()).isEmpty();

    app.close();
    app = null;

    assertThat(collector.acceptedEvents()).hasSize(1);
    assertThat(emitterThreads).isNotEmpty();
    await().atMost(ofSeconds(10)).until(() -> emitterThreads.stream().noneMatch(Thread::isAlive));
  }

  @Test
  void aTrackerItWasGivenIsNotClosed() {
    app = TestApp.withTracker(collector, Map.of());
    var emitter = app.emitter;
    app.get("/page");

    app.close();
    app = null;

    assertThat(emitter.add(null)).isFalse();
    assertThat(emitter.stats().dropped()).isZero();
    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    emitter.close(ofSeconds(5));
  }
}
