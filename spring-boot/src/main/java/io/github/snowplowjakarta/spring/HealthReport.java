package io.github.snowplowjakarta.spring;

import io.github.snowplowjakarta.core.emitter.EmitterHealth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the health indicator {@code snowplow} says, in Spring Boot 3's Actuator and 4's alike: every
 * emitter running in the application ({@link EmitterHealth}), each under its name with its figures;
 * UP unless {@code snowplow.health.fail-on-outage} is true and a collector is unavailable, as the
 * MicroProfile Health check.
 */
final class HealthReport {
  final boolean up;
  final Map<String, Object> details = new LinkedHashMap<>();

  HealthReport(boolean failOnOutage) {
    List<EmitterHealth> emitters = EmitterHealth.running();
    up = !failOnOutage || emitters.stream().noneMatch(EmitterHealth::collectorUnavailable);
    details.put("emitters", emitters.size());
    details.put("failOnOutage", failOnOutage);
    emitters.forEach(emitter -> details.put(emitter.name(), emitter.details()));
  }
}
