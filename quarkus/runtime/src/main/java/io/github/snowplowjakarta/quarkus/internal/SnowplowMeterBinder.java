package io.github.snowplowjakarta.quarkus.internal;

import io.github.snowplowjakarta.cdi.internal.TrackerConfigs;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.micrometer.SnowplowMetrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The emitters' meters in Quarkus's registry: quarkus-micrometer binds every {@link MeterBinder}
 * bean. Added only where the application has quarkus-micrometer. Not API.
 */
@Singleton
public class SnowplowMeterBinder {
  @Produces
  @Singleton
  MeterBinder snowplowMetrics() {
    TrackerConfig config = TrackerConfigs.forNamespace("", null);
    return new SnowplowMetrics(
        Tags.of(
            "app_id",
            config.trackerSettings().appId(),
            "namespace",
            config.get(ConfigKeys.NAMESPACE)));
  }

  void close(@Disposes MeterBinder metrics) {
    if (metrics instanceof SnowplowMetrics snowplow) {
      snowplow.close();
    }
  }
}
