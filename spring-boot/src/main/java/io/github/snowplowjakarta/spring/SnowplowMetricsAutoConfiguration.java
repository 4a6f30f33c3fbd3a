package io.github.snowplowjakarta.spring;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.micrometer.SnowplowMetrics;
import io.micrometer.core.instrument.Tags;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The emitters' figures as Micrometer meters, where Micrometer and {@code
 * snowplow-jakarta-micrometer} are on the class path and the application has a {@code
 * MeterRegistry} (Spring Boot Actuator makes one): {@link SnowplowMetrics}, tagged with the
 * tracker's {@code app_id} and {@code namespace}, which Spring Boot binds to every registry and
 * closes with the context. A {@code SnowplowMetrics} bean of the application's own replaces it.
 */
@AutoConfiguration(
    after = SnowplowAutoConfiguration.class,
    afterName = {
      // Spring Boot 3 and 4: where Actuator's registries are made.
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    })
@ConditionalOnClass(
    name = {
      "io.micrometer.core.instrument.MeterRegistry",
      "io.github.snowplowjakarta.micrometer.SnowplowMetrics"
    })
@ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
public class SnowplowMetricsAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(Tracker.class)
  SnowplowMetrics snowplowMetrics(Tracker tracker) {
    TrackerSettings settings = tracker.settings();
    return new SnowplowMetrics(
        Tags.of("app_id", settings.appId(), "namespace", settings.namespace()));
  }
}
