package io.github.snowplowjakarta.spring;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.micrometer.SnowplowMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The emitters' meters where the application has a Micrometer registry. */
class SnowplowMetricsAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SnowplowAutoConfiguration.class, SnowplowMetricsAutoConfiguration.class))
          .withPropertyValues(
              "snowplow.collector-uri=http://127.0.0.1:9",
              "snowplow.app-id=shop",
              "snowplow.namespace=web");

  @Test
  void withARegistryTheEmittersMetersAreTaggedWithTheAppIdAndNamespaceAndClosedWithTheContext() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicReference<SnowplowMetrics> metrics = new AtomicReference<>();
    runner
        .withBean(MeterRegistry.class, () -> registry)
        .run(
            context -> {
              assertThat(context).hasSingleBean(SnowplowMetrics.class);
              metrics.set(context.getBean(SnowplowMetrics.class));
              // What Actuator does with every MeterBinder bean.
              metrics.get().bindTo(registry);
              String emitter = context.getBean(Tracker.class).emitter().name();
              assertThat(
                      registry
                          .get("snowplow.emitter.queue.capacity")
                          .tags("emitter", emitter, "app_id", "shop", "namespace", "web")
                          .gauge()
                          .value())
                  .isPositive();
            });

    // Closed with the context: an emitter started now is not followed.
    Emitter later = Emitter.builder(URI.create("http://127.0.0.1:9")).name("later").build();
    try {
      assertThat(registry.find("snowplow.emitter.queue.capacity").tag("emitter", "later").gauge())
          .isNull();
    } finally {
      later.close(ofSeconds(1));
    }
  }

  @Test
  void withoutARegistryThereIsNone() {
    runner.run(context -> assertThat(context).doesNotHaveBean(SnowplowMetrics.class));
  }

  @Test
  void theApplicationsOwnReplacesIt() {
    SnowplowMetrics own = new SnowplowMetrics();
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(SnowplowMetrics.class, () -> own)
        .run(context -> assertThat(context.getBean(SnowplowMetrics.class)).isSameAs(own));
    own.close();
  }
}
