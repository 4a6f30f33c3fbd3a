package io.github.snowplowjakarta.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.config.ConfigSource;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackerConfigsTest {
  @Test
  void withoutMicroProfileConfigAPropertiesFileOnTheClassPathIsRead(@TempDir Path root)
      throws Exception {
    Path file = root.resolve(TrackerConfigs.PROPERTIES);
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, "snowplow.collector-uri=https://collector.example.com\nsnowplow.app-id=from-file\n");
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
      Thread.currentThread().setContextClassLoader(loader);

      ConfigSource files = TrackerConfigs.propertiesFiles();

      assertThat(files.get("snowplow.app-id")).isEqualTo("from-file");
      assertThat(files.get("snowplow.namespace")).isNull();
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  @Test
  void aNamedTrackersKeysFallBackToTheDefaultOnesAndItsNameIsItsNamespace() {
    ConfigSource source =
        ConfigSource.of(
            Map.of(
                "snowplow.collector-uri", "https://collector.example.com",
                "snowplow.app-id", "shop",
                "snowplow.emitter.batch-size", "50",
                "snowplow.marketing.emitter.batch-size", "10"));

    TrackerConfig marketing = TrackerConfigs.forNamespace("marketing", source);
    TrackerConfig defaults = TrackerConfigs.forNamespace("", source);

    assertThat(marketing.raw("snowplow.emitter.batch-size")).isEqualTo("10");
    assertThat(marketing.raw("snowplow.app-id")).isEqualTo("shop");
    assertThat(marketing.raw("snowplow.namespace")).isEqualTo("marketing");
    assertThat(defaults.raw("snowplow.emitter.batch-size")).isEqualTo("50");
    assertThat(defaults.raw("snowplow.namespace")).isNull();
  }
}
