package io.github.snowplowjakarta.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The README's key table is {@link ConfigKeys}, rendered: a key added, renamed or given another
 * default fails this test until the README says so. {@code -Dreadme.update=true} rewrites the table
 * in place (then review the diff).
 */
class ConfigKeysReadmeTest {
  static final String START =
      "<!-- config-keys: generated from ConfigKeys, checked by ConfigKeysReadmeTest -->";
  static final String END = "<!-- /config-keys -->";

  private static final Path README =
      Path.of(System.getProperty("user.dir")).resolve("../README.md");

  static String table(List<ConfigKey<?>> keys) {
    StringBuilder table = new StringBuilder("| key | values | default | |\n|---|---|---|---|\n");
    for (ConfigKey<?> key : keys) {
      table
          .append("| `")
          .append(key.name())
          .append("` | ")
          .append(cell(key.type()))
          .append(" | ")
          .append(cell(key.documentedDefault().isEmpty() ? "—" : key.documentedDefault()))
          .append(" | ")
          .append(cell(key.description()))
          .append(" |\n");
    }
    return table.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  @Test
  void theReadmeTableIsTheDeclaredKeys() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    assertThat(start).as("README marker " + START).isNotNegative();
    assertThat(end).as("README marker " + END).isGreaterThan(start);
    String expected = table(ConfigKeys.all());
    String actual = readme.substring(start + START.length() + 1, end);
    if (!actual.equals(expected) && Boolean.getBoolean("readme.update")) {
      Files.writeString(
          README,
          readme.substring(0, start + START.length() + 1) + expected + readme.substring(end),
          StandardCharsets.UTF_8);
      actual = expected;
    }
    assertThat(actual)
        .as("README key table (mvn -pl core test -Dtest=ConfigKeysReadmeTest -Dreadme.update=true)")
        .isEqualTo(expected);
  }

  @Test
  void everyKeyIsDeclaredOnceWithADescription() {
    Set<String> names = new HashSet<>();
    for (ConfigKey<?> key : ConfigKeys.all()) {
      assertThat(names.add(key.name())).as(key.name() + " declared twice").isTrue();
      assertThat(key.description()).as(key.name()).isNotBlank();
      assertThat(
              key.isRequired() || key.defaultValue() != null || !key.documentedDefault().isEmpty())
          .as(key.name() + " says what happens without a value")
          .isTrue();
    }
    assertThat(names).contains("snowplow.collector-uri", "snowplow.enabled");
  }

  @Test
  void everyDeclaredDefaultReadsBackAsItself() {
    // A default written as the README shows it must mean the same when configured.
    for (ConfigKey<?> key : ConfigKeys.all()) {
      Object value = key.defaultValue();
      if (value == null || value instanceof List<?> list && list.isEmpty()) {
        continue;
      }
      assertThat((Object) key.parse(ConfigKey.format(value))).as(key.name()).isEqualTo(value);
    }
  }
}
