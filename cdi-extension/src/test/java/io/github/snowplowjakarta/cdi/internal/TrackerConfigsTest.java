package io.github.snowplowjakarta.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.ConfigSource;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackerConfigsTest {
  @Test
  void aNamedTrackersKeysFallBackToTheDefaultOnesAndItsNameIsItsNamespace() {
    ConfigSource source =
        ConfigSource.of(
            Map.of(
                "snowplow.collector-uri", "https://collector.example.com",
                "snowplow.app-id", "shop",
                "snowplow.emitter.batch-size", "50",
                "snowplow.marketing.emitter.batch-size", "10"));

    TrackerConfig marketing = TrackerConfigs.namespaced("marketing", source);
    TrackerConfig defaults = TrackerConfigs.namespaced("", source);

    assertThat(marketing.raw("snowplow.emitter.batch-size")).isEqualTo("10");
    assertThat(marketing.raw("snowplow.app-id")).isEqualTo("shop");
    assertThat(marketing.get(ConfigKeys.NAMESPACE)).isEqualTo("marketing");
    assertThat(defaults.raw("snowplow.emitter.batch-size")).isEqualTo("50");
    assertThat(defaults.get(ConfigKeys.NAMESPACE)).isEqualTo("default");
  }

  @Test
  void aNamedTrackersOwnNamespaceWinsButTheDefaultTrackersIsNotInherited() {
    ConfigSource source =
        ConfigSource.of(
            Map.of(
                "snowplow.namespace", "main",
                "snowplow.marketing.namespace", "mkt"));

    assertThat(TrackerConfigs.namespaced("marketing", source).get(ConfigKeys.NAMESPACE))
        .isEqualTo("mkt");
    assertThat(TrackerConfigs.namespaced("billing", source).get(ConfigKeys.NAMESPACE))
        .isEqualTo("billing");
  }
}
