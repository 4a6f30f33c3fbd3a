package io.github.snowplowjakarta.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.config.ConfigKey;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link SnowplowConfig} lists exactly the keys of {@link ConfigKeys}, each with the same default:
 * a key added, renamed or given another default there fails here until the mapping follows.
 */
class SnowplowConfigTest {
  @Test
  void theMappingHasEveryKeyOfConfigKeysWithItsDefault() {
    Map<String, String> expected = new TreeMap<>();
    for (ConfigKey<?> key : ConfigKeys.all()) {
      expected.put(key.name(), plainDefault(key).orElse("(none)"));
    }
    Map<String, String> mapped = new TreeMap<>();
    for (Method method : SnowplowConfig.class.getDeclaredMethods()) {
      if (method.getName().equals("namespaces")) {
        continue;
      }
      WithName name = method.getAnnotation(WithName.class);
      WithDefault value = method.getAnnotation(WithDefault.class);
      assertThat(name).as(method.getName()).isNotNull();
      assertThat(method.getReturnType())
          .as(method.getName())
          .isEqualTo(value == null ? Optional.class : String.class);
      mapped.put("snowplow." + name.value(), value == null ? "(none)" : value.value());
    }
    assertThat(mapped).isEqualTo(expected);
  }

  @Test
  void aNamespaceHasTheSameKeysWithoutDefaults() {
    Map<String, String> expected = new TreeMap<>();
    for (ConfigKey<?> key : ConfigKeys.all()) {
      expected.put(key.name(), "(none)");
    }
    Map<String, String> mapped = new TreeMap<>();
    for (Method method : SnowplowConfig.Namespace.class.getDeclaredMethods()) {
      assertThat(method.getReturnType()).as(method.getName()).isEqualTo(Optional.class);
      assertThat(method.getAnnotation(WithDefault.class)).as(method.getName()).isNull();
      mapped.put("snowplow." + method.getAnnotation(WithName.class).value(), "(none)");
    }
    assertThat(mapped).isEqualTo(expected);
  }

  /**
   * The default as a configured value would write it, if it is one value wherever the key is read;
   * empty where there is none, or where it depends on the integration (the app id, the platform).
   */
  private static Optional<String> plainDefault(ConfigKey<?> key) {
    String documented = key.documentedDefault();
    if (key.defaultValue() == null
        || documented.length() < 3
        || !documented.startsWith("`")
        || documented.indexOf('`', 1) != documented.length() - 1) {
      return Optional.empty();
    }
    String text = documented.substring(1, documented.length() - 1);
    return key.parse(text).equals(key.defaultValue()) ? Optional.of(text) : Optional.empty();
  }
}
