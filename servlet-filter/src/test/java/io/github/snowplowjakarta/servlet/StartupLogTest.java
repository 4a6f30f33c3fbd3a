package io.github.snowplowjakarta.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.testing.TestCollector;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25 item 3: one INFO line per filter when it starts, saying what it does and never a secret;
 * one WARNING when the zero-code registration finds no collector.
 */
class StartupLogTest {
  @RegisterExtension final FilterFixture fixture = FilterFixture.perTest();
  private final TestCollector collector = fixture.collector();
  private final LogRecords filterLog = LogRecords.of(SnowplowFilter.class);

  @AfterEach
  void stopCapturing() {
    filterLog.close();
  }

  @Test
  void aFilterWithItsOwnTrackerSaysWhatItDoesWithoutSecrets(@TempDir Path spool) {
    TestApp.configured(
        Map.of(
            "snowplow.collector-uri", "http://user:s3cret@127.0.0.1:9/?token=s3cret#s3cret",
            "snowplow.namespace", "shop-ns",
            "snowplow.app-id", "shop-app",
            "snowplow.emitter.method", "get",
            "snowplow.emitter.spool-dir", spool.toString(),
            "snowplow.emitter.spool-fsync", "always",
            "snowplow.emitter.proxy", "http://127.0.0.1:3128",
            "snowplow.consent.sources", "gpc,cookie,tcf",
            "snowplow.default-level", "anonymous-with-session+server"));

    List<String> lines = filterLog.at(Level.INFO);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).replaceFirst("'[^']*'", "'f'"))
        .isEqualTo(
            "Snowplow filter 'f' in /shop: tracking on; collector http://127.0.0.1:9,"
                + " namespace shop-ns, app id shop-app, GET, proxy http://127.0.0.1:3128, spool "
                + spool.toAbsolutePath().resolve("filter-shop-ns")
                + " (fsync always); default level anonymous-with-session+server, consent sources"
                + " gpc, cookie, tcf, test-header (most-restrictive)")
        .doesNotContain("s3cret")
        .doesNotContain("user");
    assertThat(filterLog.at(Level.WARNING)).isEmpty();
  }

  @Test
  void aFilterGivenATrackerAndADisabledOneSaySo() {
    TestApp.withTracker(collector, Map.of());
    TestApp.configured(Map.of("snowplow.enabled", "false"));

    assertThat(filterLog.at(Level.INFO))
        .extracting(line -> line.replaceFirst("'[^']*'", "'f'"))
        .containsExactly(
            "Snowplow filter 'f' in /shop: tracking on, with the tracker it was given"
                + " (namespace default, app id shop); default level anonymous+server, consent"
                + " sources cookie, onetrust, cookiebot, tcf, cookieyes, complianz, klaro, gpc,"
                + " test-header (most-restrictive)",
            "Snowplow filter 'f' in /shop: tracking off (snowplow.enabled=false)");
  }

  @Test
  void noCollectorForTheZeroCodeRegistrationIsOneWarningNamingTheKeyAndWhereItIsRead() {
    ServletContextHandler context = TestApp.context();
    context.addServletContainerInitializer(new SnowplowInitializer());
    TestApp app = TestApp.start(context, null);
    app.get("/page");

    assertThat(filterLog.at(Level.WARNING))
        .singleElement()
        .asString()
        .contains(
            "Snowplow filter 'snowplow-auto-registered' in /shop: tracking nothing, no collector URI",
            "snowplow.collector-uri as a context-param",
            "a MicroProfile Config property",
            "a system property (-Dsnowplow.collector-uri=...)",
            "an environment variable (SNOWPLOW_COLLECTOR_URI)",
            "META-INF/snowplow-tracker.properties",
            "init-param",
            "snowplow.enabled=false or snowplow.auto-register=false");
    assertThat(filterLog.at(Level.INFO)).isEmpty();
  }

  /** Registers the filter with its collector as an init-param, as the README's code does. */
  static final class OwnRegistration implements ServletContextListener {
    private final Tracker tracker;

    OwnRegistration(Tracker tracker) {
      this.tracker = tracker;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
      FilterRegistration.Dynamic filter =
          event.getServletContext().addFilter("own", new SnowplowFilter(tracker));
      filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }
  }

  @Test
  void noWarningWhenTheApplicationRegistersItsOwnFilterInAListener() {
    Emitter emitter = Emitter.builder(collector.uri()).build();
    Tracker tracker =
        Tracker.builder(
                TrackerSettings.builder().appId("shop").platform(Platform.WEB).build(), emitter)
            .build();
    ServletContextHandler context = TestApp.context();
    context.addServletContainerInitializer(new SnowplowInitializer());
    context.addEventListener(new OwnRegistration(tracker));
    TestApp.start(context, emitter);

    assertThat(filterLog.at(Level.WARNING)).isEmpty();
    assertThat(filterLog.at(Level.INFO))
        .containsExactlyInAnyOrder(
            "Snowplow filter 'snowplow-auto-registered' in /shop: not tracking, the application"
                + " registered its own filter",
            "Snowplow filter 'own' in /shop: tracking on, with the tracker it was given (namespace"
                + " default, app id shop); default level anonymous+server, consent sources cookie,"
                + " onetrust, cookiebot, tcf, cookieyes, complianz, klaro, gpc, test-header"
                + " (most-restrictive)");
  }
}
