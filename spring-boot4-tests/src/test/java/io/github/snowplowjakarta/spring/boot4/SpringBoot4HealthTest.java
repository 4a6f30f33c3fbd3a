package io.github.snowplowjakarta.spring.boot4;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.spring.SnowplowAutoConfiguration;
import io.github.snowplowjakarta.testing.TestCollector;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health indicator {@code snowplow} in Spring Boot 4, whose API is in spring-boot-health. */
class SpringBoot4HealthTest {
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

  private static Health health(AssertableApplicationContext context) {
    return context.getBean("snowplowHealthIndicator", HealthIndicator.class).health();
  }

  private Object ourFigure(Health health, String figure) {
    return health.getDetails().values().stream()
        .filter(
            value ->
                value instanceof Map<?, ?> details
                    && collector.uri().toString().equals(details.get("collector")))
        .map(value -> ((Map<?, ?>) value).get(figure))
        .findFirst()
        .orElseThrow();
  }

  private void outage(AssertableApplicationContext context) {
    Tracker tracker = context.getBean(Tracker.class);
    collector.refuseConnections();
    tracker.track(Structured.builder().category("shop").action("checkout").build());
    await()
        .atMost(ofSeconds(10))
        .until(() -> ourFigure(health(context), "collectorUnavailable").equals(true));
  }

  @Test
  void staysUpDuringAnOutageByDefault() {
    runner.run(
        context -> {
          assertThat(health(context).getStatus()).isEqualTo(Status.UP);
          outage(context);
          Health during = health(context);
          assertThat(during.getStatus()).isEqualTo(Status.UP);
          assertThat(ourFigure(during, "queueDepth")).isEqualTo(1L);
        });
  }

  @Test
  void isDownDuringAnOutageWhenToldTo() {
    runner
        .withPropertyValues("snowplow.health.fail-on-outage=true")
        .run(
            context -> {
              outage(context);
              assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
            });
  }

  @Test
  void withoutTheHealthApiThereIsNoIndicator() {
    runner
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(Tracker.class);
              assertThat(context).doesNotHaveBean("snowplowHealthIndicator");
            });
  }
}
