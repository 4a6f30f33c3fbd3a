package io.github.snowplowjakarta.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.cdi.Tracked;
import io.github.snowplowjakarta.cdi.TrackerCustomizer;
import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.ConfigurationException;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.spring.internal.ConfigurationFailureAnalyzer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The auto-configuration's conditions and configuration, without a server. */
class SnowplowAutoConfigurationTest {
  private static final String COLLECTOR = "snowplow.collector-uri=http://127.0.0.1:9";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(SnowplowAutoConfiguration.class));
  private final WebApplicationContextRunner web =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(SnowplowAutoConfiguration.class));

  @Test
  void theTrackerIsABeanConfiguredFromTheEnvironment() {
    runner
        .withPropertyValues(
            COLLECTOR, "spring.application.name=shop", "snowplow.emitter.batch-size=7")
        .run(
            context -> {
              assertThat(context)
                  .hasSingleBean(Tracker.class)
                  .hasSingleBean(SnowplowTrackers.class);
              TrackerSettings settings = context.getBean(Tracker.class).settings();
              assertThat(settings.appId()).isEqualTo("shop");
              assertThat(settings.platform()).isEqualTo(Platform.SERVER);
              assertThat(settings.namespace()).isEqualTo("default");
              assertThat(context.getBean(Tracker.class).isEnabled()).isTrue();
              assertThat(
                      context
                          .getBean(SnowplowTrackers.class)
                          .config("")
                          .get(ConfigKeys.EMITTER_BATCH_SIZE))
                  .isEqualTo(7);
            });
  }

  @Test
  void theAppIdIsTheKeysDefaultWithoutAnApplicationNameAndTheConfiguredOneAboveBoth() {
    runner
        .withPropertyValues(COLLECTOR)
        .run(
            context ->
                assertThat(context.getBean(Tracker.class).settings().appId()).isEqualTo("app"));
    runner
        .withPropertyValues(COLLECTOR, "spring.application.name=shop", "snowplow.app-id=store")
        .run(
            context ->
                assertThat(context.getBean(Tracker.class).settings().appId()).isEqualTo("store"));
  }

  @Test
  void withoutACollectorUriStartupFailsNamingTheKeyAndWhereSpringLooked() {
    runner.run(
        context -> {
          assertThat(context).hasFailed();
          Throwable failure = context.getStartupFailure();
          assertThat(failure)
              .rootCause()
              .isInstanceOf(ConfigurationException.class)
              .hasMessageContaining("snowplow.collector-uri: is required")
              .hasMessageContaining("SNOWPLOW_COLLECTOR_URI")
              .hasMessageContaining("systemEnvironment")
              .hasMessageContaining("META-INF/snowplow-tracker.properties")
              .hasMessageContaining("snowplow.enabled=false");
          FailureAnalysis analysis = new ConfigurationFailureAnalyzer().analyze(failure);
          assertThat(analysis.getDescription()).contains("snowplow.collector-uri");
          assertThat(analysis.getAction()).contains("SNOWPLOW_COLLECTOR_URI");
        });
  }

  @Test
  void aBadValueFailsStartupNamingTheKeyAndTheValue() {
    runner
        .withPropertyValues(COLLECTOR, "snowplow.emitter.batch-size=lots")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("snowplow.emitter.batch-size")
                    .hasMessageContaining("lots"));
  }

  @Test
  void trackingOffNeedsNoCollectorRegistersNoFilterAndTheTrackerAcceptsCalls() {
    web.withPropertyValues("snowplow.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(Tracker.class).isEnabled()).isFalse();
              assertThat(registration(context).isEnabled()).isFalse();
            });
  }

  @Test
  void inAServletApplicationTheFilterIsRegisteredOnceAfterSpringSecurity() {
    web.withPropertyValues(COLLECTOR)
        .run(
            context -> {
              assertThat(context).getBeans(FilterRegistrationBean.class).hasSize(1);
              FilterRegistrationBean<?> registration = registration(context);
              assertThat(registration.isEnabled()).isTrue();
              assertThat(registration.getOrder())
                  .isEqualTo(SnowplowAutoConfiguration.FILTER_ORDER)
                  .isGreaterThan(-100);
              assertThat(registration.getUrlPatterns()).containsExactly("/*");
            });
  }

  @Test
  void outsideAServletApplicationThereIsNoFilter() {
    runner
        .withPropertyValues(COLLECTOR)
        .run(context -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
  }

  @Test
  void everyBeanGivesWayToTheApplicationsOwn() {
    Tracker own = Tracker.disabled(TrackerSettings.of("own"));
    web.withPropertyValues(COLLECTOR)
        .withBean(Tracker.class, () -> own)
        .withBean(
            SnowplowAutoConfiguration.FILTER_NAME,
            FilterRegistrationBean.class,
            FilterRegistrationBean::new)
        .run(
            context -> {
              assertThat(context.getBean(Tracker.class)).isSameAs(own);
              assertThat(registration(context).getFilter()).isNull();
            });
  }

  static class BlankCategory {
    @Tracked(category = " ")
    public void order() {}
  }

  @Test
  void aTrackedMethodWithABlankCategoryFailsStartupNamingIt() {
    runner
        .withPropertyValues(COLLECTOR)
        .withBean(BlankCategory.class)
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("@Tracked")
                    .hasMessageContaining("BlankCategory.order()"));
  }

  @Test
  void environmentVariablesAreReadWithSpringsRelaxedNames() {
    runner
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        new SystemEnvironmentPropertySource(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.of(
                                "SNOWPLOW_COLLECTOR_URI", "http://127.0.0.1:9",
                                "SNOWPLOW_APPID", "from-env",
                                "SNOWPLOW_EMITTER_BATCH_SIZE", "9"))))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(Tracker.class).settings().appId()).isEqualTo("from-env");
              assertThat(
                      context
                          .getBean(SnowplowTrackers.class)
                          .config("")
                          .get(ConfigKeys.EMITTER_BATCH_SIZE))
                  .isEqualTo(9);
            });
  }

  @Test
  void aListCanBeWrittenAsAListAsWellAsWithCommas() {
    runner
        .withPropertyValues(COLLECTOR, "snowplow.track.include=/shop/**, /cart")
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .addLast(
                        new MapPropertySource(
                            "yaml",
                            Map.of(
                                "snowplow.track.exclude[0]", "/admin/**",
                                "snowplow.track.exclude[1]", "*.css"))))
        .run(
            context -> {
              var config = context.getBean(SnowplowTrackers.class).config("");
              assertThat(config.get(ConfigKeys.TRACK_EXCLUDE))
                  .containsExactly("/admin/**", "*.css");
              assertThat(config.get(ConfigKeys.TRACK_INCLUDE)).containsExactly("/shop/**", "/cart");
            });
  }

  @Test
  void aNamespacedTrackerReadsItsOwnKeysFirst() {
    runner
        .withPropertyValues(COLLECTOR, "spring.application.name=shop", "snowplow.eu.app-id=shop-eu")
        .run(
            context -> {
              SnowplowTrackers trackers = context.getBean(SnowplowTrackers.class);
              Tracker eu = trackers.tracker("eu");
              assertThat(eu.settings().appId()).isEqualTo("shop-eu");
              assertThat(eu.settings().namespace()).isEqualTo("eu");
              assertThat(trackers.tracker("eu")).isSameAs(eu);
              assertThat(trackers.tracker("us").settings().appId()).isEqualTo("shop");
              assertThat(eu.emitter()).isNotSameAs(trackers.tracker().emitter());
            });
  }

  @Test
  void customizerBeansAdjustEveryTracker() {
    List<String> calls = new CopyOnWriteArrayList<>();
    TrackerCustomizer customizer =
        new TrackerCustomizer() {
          @Override
          public void customize(String namespace, Emitter.Builder emitter) {
            calls.add("emitter " + namespace);
          }

          @Override
          public void customize(String namespace, Tracker.Builder tracker) {
            calls.add("tracker " + namespace);
            tracker.subject(Subject.builder().userId("u-" + namespace).build());
          }
        };
    runner
        .withPropertyValues(COLLECTOR)
        .withBean(TrackerCustomizer.class, () -> customizer)
        .run(
            context -> {
              assertThat(context.getBean(Tracker.class).subject().userId()).isEqualTo("u-");
              assertThat(context.getBean(SnowplowTrackers.class).tracker("eu").subject().userId())
                  .isEqualTo("u-eu");
              assertThat(calls).containsExactly("emitter ", "tracker ", "emitter eu", "tracker eu");
            });
  }

  @Test
  void theEmittersCloseWithTheContext() {
    List<Tracker> trackers = new CopyOnWriteArrayList<>();
    runner
        .withPropertyValues(COLLECTOR, "snowplow.emitter.close-timeout=100ms")
        .run(
            context -> {
              trackers.add(context.getBean(Tracker.class));
              trackers.add(context.getBean(SnowplowTrackers.class).tracker("eu"));
              assertThat(trackers).allMatch(tracker -> tracker.track(event()));
            });
    // A closed emitter takes no more events.
    assertThat(trackers).hasSize(2).noneMatch(tracker -> tracker.track(event()));
  }

  private static Structured event() {
    return Structured.builder().category("c").action("a").build();
  }

  private static FilterRegistrationBean<?> registration(
      org.springframework.context.ApplicationContext context) {
    return context.getBean(SnowplowAutoConfiguration.FILTER_NAME, FilterRegistrationBean.class);
  }
}
