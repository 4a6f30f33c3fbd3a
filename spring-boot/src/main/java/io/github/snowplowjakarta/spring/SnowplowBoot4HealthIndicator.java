package io.github.snowplowjakarta.spring;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health indicator {@code snowplow} ({@link HealthReport}) in Spring Boot 4, whose Actuator has
 * the indicator API in {@code spring-boot-health}.
 */
final class SnowplowBoot4HealthIndicator implements HealthIndicator {
  private final boolean failOnOutage;

  SnowplowBoot4HealthIndicator(boolean failOnOutage) {
    this.failOnOutage = failOnOutage;
  }

  @Override
  public Health health() {
    HealthReport report = new HealthReport(failOnOutage);
    return (report.up ? Health.up() : Health.down()).withDetails(report.details).build();
  }
}
