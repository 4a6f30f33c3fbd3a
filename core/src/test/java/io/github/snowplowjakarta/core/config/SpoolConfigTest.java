package io.github.snowplowjakarta.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.snowplowjakarta.core.emitter.Emitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code snowplow.emitter.spool-*} keys. */
class SpoolConfigTest {
  @TempDir Path dir;

  private TrackerConfig config(String... keysAndValues) {
    Map<String, String> values = new HashMap<>();
    values.put("snowplow.collector-uri", "http://127.0.0.1:9");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new TrackerConfig(ConfigSource.of(values));
  }

  @Test
  void eachTrackerGetsASubDirectoryOfItsOwnSoTwoInOneApplicationNeverCollide() {
    TrackerConfig config =
        config(
            "snowplow.emitter.spool-dir", dir.toString(),
            "snowplow.emitter.spool-fsync", "always",
            "snowplow.emitter.spool-fsync-interval", "200ms",
            "snowplow.emitter.spool-max-bytes", "2097152");

    Emitter filter = config.emitterBuilder("filter-default").build();
    Emitter cdi = config.emitterBuilder("cdi").build();
    try {
      assertThat(dir.resolve("filter-default").resolve("spool.lock")).exists();
      assertThat(dir.resolve("cdi").resolve("spool.lock")).exists();
      // A third on the same directory cannot have it: memory only, saying why.
      Emitter third = config.emitterBuilder("cdi").build();
      third.close(Duration.ZERO);
      assertThat(third.stats().spool().unavailable())
          .contains(dir.resolve("cdi").toString())
          .contains("another emitter in this JVM");
    } finally {
      filter.close(Duration.ZERO);
      cdi.close(Duration.ZERO);
    }
  }

  @Test
  void withoutTheKeyThereIsNoSpool() throws IOException {
    Emitter emitter = config().emitterBuilder("cdi").build();
    emitter.close(Duration.ZERO);
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void theDefaultNameIsTheNamespace() {
    Emitter emitter =
        config("snowplow.emitter.spool-dir", dir.toString(), "snowplow.namespace", "shop")
            .emitterBuilder()
            .build();
    emitter.close(Duration.ZERO);
    assertThat(dir.resolve("shop")).isDirectory();
  }

  @Test
  void aDirectoryThatCannotBeWrittenLeavesEventsInMemoryUnlessTheSpoolIsRequired()
      throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Emitter emitter =
        config("snowplow.emitter.spool-dir", file.toString()).emitterBuilder("cdi").build();
    try {
      assertThat(emitter.stats().spool().unavailable()).contains(file.toString());
    } finally {
      emitter.close(Duration.ZERO);
    }
    assertThatThrownBy(
            () ->
                config(
                        "snowplow.emitter.spool-dir",
                        file.toString(),
                        "snowplow.emitter.spool-required",
                        "true")
                    .emitterBuilder("cdi"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("snowplow.emitter.spool-dir")
        .hasMessageContaining(file.toString());
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(
            () ->
                config(
                        "snowplow.emitter.spool-dir",
                        dir.toString(),
                        "snowplow.emitter.spool-fsync",
                        "sometimes")
                    .emitterBuilder("x"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("snowplow.emitter.spool-fsync")
        .hasMessageContaining("sometimes");
    assertThatThrownBy(
            () ->
                config(
                        "snowplow.emitter.spool-dir",
                        dir.toString(),
                        "snowplow.emitter.spool-max-bytes",
                        "1000")
                    .emitterBuilder("x"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("snowplow.emitter.spool-max-bytes")
        .hasMessageContaining("1000");
  }
}
