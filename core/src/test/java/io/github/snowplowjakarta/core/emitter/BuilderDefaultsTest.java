package io.github.snowplowjakarta.core.emitter;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.config.ConfigKey;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Issue 26 item 16: an emitter setting's default is its configuration key's, declared once. */
class BuilderDefaultsTest {
  /** Keys whose builder field is not named after them. */
  private static final Map<String, String> FIELDS =
      Map.of(
          "snowplow.emitter.overflow", "overflowPolicy",
          "snowplow.emitter.spool-dir", "spoolDirectory");

  /** Read when closing, not by the builder. */
  private static final List<String> NOT_BUILDER_SETTINGS =
      List.of("snowplow.emitter.close-timeout");

  @Test
  void everyEmitterKeysDefaultIsTheBuildersDefault() throws ReflectiveOperationException {
    Emitter.Builder builder = Emitter.builder(URI.create("http://127.0.0.1:9"));
    List<ConfigKey<?>> keys =
        ConfigKeys.all().stream()
            .filter(key -> key.name().startsWith("snowplow.emitter."))
            .filter(key -> !NOT_BUILDER_SETTINGS.contains(key.name()))
            .collect(Collectors.toList());
    assertThat(keys).hasSizeGreaterThan(10);

    for (ConfigKey<?> key : keys) {
      Field field = Emitter.Builder.class.getDeclaredField(fieldName(key.name()));
      field.setAccessible(true);
      assertThat(field.get(builder)).as(key.name()).isEqualTo(key.defaultValue());
    }
  }

  private static String fieldName(String key) {
    String mapped = FIELDS.get(key);
    if (mapped != null) {
      return mapped;
    }
    String[] words = key.substring("snowplow.emitter.".length()).split("-");
    StringBuilder name = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return name.toString();
  }
}
