package io.github.snowplowjakarta.spring;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.testing.TestCollector;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The health indicator {@code snowplow}, with Spring Boot Actuator on the class path and without.
 * Not run under Spring Boot 4, whose Actuator has the indicator API elsewhere ({@code
 * SpringBoot4HealthTest}).
 */
class SnowplowHealthIndicatorTest {
  private final TestCollector collector = TestCollector.start();
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(SnowplowAutoConfiguration.class))
          // An outage leaves an event queued: closing the context need not wait for it.
          .withPropertyValues(
              "snowplow.collector-uri=" + collector.uri(), "snowplow.emitter.close-timeout=100ms");

  @AfterEach
  void stop() {
    collector.close();
  }

  private static HealthIndicator indicator(AssertableApplicationContext context) {
    return context.getBean("snowplowHealthIndicator", HealthIndicator.class);
  }

  /** The details of the emitter that sends to our collector and sent at least once. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> ours(Health health) {
    return health.getDetails().values().stream()
        .filter(value -> value instanceof Map<?, ?> details && isOurs(details))
        .map(value -> (Map<String, Object>) value)
        .findFirst()
        .orElseThrow();
  }

  private boolean isOurs(Map<?, ?> details) {
    return collector.uri().toString().equals(details.get("collector"));
  }

  private void outage(AssertableApplicationContext context) {
    Tracker tracker = context.getBean(Tracker.class);
    tracker.track(Structured.builder().category("shop").action("checkout").build());
    assertThat(tracker.emitter().flush(ofSeconds(10))).isTrue();
    collector.refuseConnections();
    tracker.track(Structured.builder().category("shop").action("checkout").build());
    await()
        .atMost(ofSeconds(10))
        .until(() -> ours(indicator(context).health()).get("collectorUnavailable").equals(true));
  }

  @Test
  void reportsTheEmittersAndStaysUpDuringAnOutage() {
    runner.run(
        context -> {
          Health healthy = indicator(context).health();
          assertThat(healthy.getStatus()).isEqualTo(Status.UP);
          assertThat(healthy.getDetails()).containsEntry("failOnOutage", false);
          assertThat(ours(healthy))
              .containsEntry("collectorUnavailable", false)
              .containsKeys("queueDepth", "queueCapacity", "sent", "secondsSinceLastSuccess");

          outage(context);
          Health during = indicator(context).health();
          assertThat(during.getStatus()).isEqualTo(Status.UP);
          assertThat(ours(during)).containsEntry("queueDepth", 1L).containsKey("lastError");
        });
  }

  @Test
  void isDownDuringAnOutageWhenToldTo() {
    runner
        .withPropertyValues("snowplow.health.fail-on-outage=true")
        .run(
            context -> {
              assertThat(indicator(context).health().getStatus()).isEqualTo(Status.UP);
              outage(context);
              Health during = indicator(context).health();
              assertThat(during.getStatus()).isEqualTo(Status.DOWN);
              assertThat(during.getDetails()).containsEntry("failOnOutage", true);
            });
  }

  @Test
  void aBadSettingFailsTheStartNamingTheKey() {
    runner
        .withPropertyValues("snowplow.health.fail-on-outage=sometimes")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("snowplow.health.fail-on-outage"));
  }

  @Test
  void withoutActuatorThereIsNoIndicator() {
    runner
        .withClassLoader(
            new FilteredClassLoader(
                "org.springframework.boot.actuate.health", "org.springframework.boot.health"))
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(Tracker.class);
              assertThat(context).doesNotHaveBean("snowplowHealthIndicator");
            });
  }
}
