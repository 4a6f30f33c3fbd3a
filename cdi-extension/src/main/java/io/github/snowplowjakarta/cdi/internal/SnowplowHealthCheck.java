package io.github.snowplowjakarta.cdi.internal;

import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.emitter.EmitterHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanContainer;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@code snowplow}: every emitter running in the application, the servlet
 * filter's and the CDI trackers' alike ({@link EmitterHealth}), with its figures as data named
 * {@code <emitter>.<figure>}. UP unless {@code snowplow.health.fail-on-outage} is true and a
 * collector is unavailable: tracking never takes an application out of service by default. The
 * extensions add it only where MicroProfile Health is there. Not API.
 */
@Readiness
@ApplicationScoped
public class SnowplowHealthCheck implements HealthCheck {
  static final String NAME = "snowplow";

  @Inject BeanContainer beans;

  @Override
  public HealthCheckResponse call() {
    boolean failOnOutage = ConfigKeys.HEALTH_FAIL_ON_OUTAGE.defaultValue();
    String problem = null;
    try {
      failOnOutage =
          TrackerConfigs.forNamespace("", WebApplication.servletContextOrNull(beans))
              .get(ConfigKeys.HEALTH_FAIL_ON_OUTAGE);
    } catch (RuntimeException e) {
      // Where a tracker is in use, the deployment failed on it already; the default holds here.
      problem = e.getMessage();
    }
    return response(EmitterHealth.running(), failOnOutage, problem);
  }

  static HealthCheckResponse response(
      List<EmitterHealth> emitters, boolean failOnOutage, String problem) {
    Map<String, Object> data = new LinkedHashMap<>();
    if (problem != null) {
      data.put("configurationError", problem);
    }
    data.put("emitters", (long) emitters.size());
    data.put("failOnOutage", failOnOutage);
    boolean outage = false;
    for (EmitterHealth emitter : emitters) {
      outage |= emitter.collectorUnavailable();
      emitter.details().forEach((figure, value) -> data.put(emitter.name() + "." + figure, value));
    }
    HealthCheckResponse.Status status =
        outage && failOnOutage ? HealthCheckResponse.Status.DOWN : HealthCheckResponse.Status.UP;
    return new HealthCheckResponse(NAME, status, Optional.of(data));
  }
}
