package io.github.snowplowjakarta.spring;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The health indicator {@code snowplow} ({@link HealthReport}) in Spring Boot 3's Actuator. */
final class SnowplowHealthIndicator implements HealthIndicator {
  private final boolean failOnOutage;

  SnowplowHealthIndicator(boolean failOnOutage) {
    this.failOnOutage = failOnOutage;
  }

  @Override
  public Health health() {
    HealthReport report = new HealthReport(failOnOutage);
    return (report.up ? Health.up() : Health.down()).withDetails(report.details).build();
  }
}
