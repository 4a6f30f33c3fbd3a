package io.github.snowplowjakarta.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.snowplowjakarta.core.config.ConfigKey;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The IDE's completion for {@code snowplow.*} in {@code application.properties}/{@code .yaml}: the
 * Spring Boot configuration metadata the jar carries is the key registry ({@link ConfigKeys})
 * projected, never a second list. {@code -Dsnowplow.metadata.update=true} rewrites the file.
 */
class ConfigurationMetadataTest {
  static final String FILE = "META-INF/spring-configuration-metadata.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Test
  void theMetadataIsTheKeyRegistry() throws IOException {
    String expected = JSON.writeValueAsString(metadata()) + "\n";
    if (Boolean.getBoolean("snowplow.metadata.update")) {
      Files.writeString(Path.of("src/main/resources").resolve(FILE), expected);
      return;
    }
    String shipped;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(FILE)) {
      assertThat(in).as(FILE + " on the class path").isNotNull();
      shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(shipped)
        .as(
            "%s is not what ConfigKeys says: run this test with -Dsnowplow.metadata.update=true",
            FILE)
        .isEqualTo(expected);
  }

  static ObjectNode metadata() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode root = nodes.objectNode();
    ArrayNode groups = root.putArray("groups");
    groups
        .addObject()
        .put("name", "snowplow")
        .put("description", "Snowplow tracking: the keys of every integration of the tracker.");
    ArrayNode properties = root.putArray("properties");
    ArrayNode hints = root.putArray("hints");
    for (ConfigKey<?> key : ConfigKeys.all()) {
      ObjectNode property = properties.addObject();
      property.put("name", key.name());
      property.put("type", javaType(key));
      // In Spring Boot the application's name is the app id's default, not the context path.
      String documented =
          key == ConfigKeys.APP_ID
              ? "the application's name (`spring.application.name`), else `"
                  + key.defaultValue()
                  + "`"
              : key.documentedDefault();
      String description = key.description();
      if (key.isRequired()) {
        description += ". Required unless " + ConfigKeys.ENABLED.name() + " is false.";
      } else if (documented.startsWith("`") && documented.endsWith("`")) {
        putDefault(property, key, documented.substring(1, documented.length() - 1));
      } else if (!documented.isEmpty()) {
        description += ". Default: " + documented + ".";
      }
      property.put("description", description);
      if (key.type().contains(" | ")) {
        ArrayNode values = hints.addObject().put("name", key.name()).putArray("values");
        for (String value : key.type().split(" \\| ")) {
          values.addObject().put("value", value.trim());
        }
      }
    }
    return root;
  }

  private static String javaType(ConfigKey<?> key) {
    switch (key.type()) {
      case "boolean":
        return "java.lang.Boolean";
      case "number":
        return key.defaultValue() instanceof Long ? "java.lang.Long" : "java.lang.Integer";
      case "duration":
        return "java.time.Duration";
      case "list":
        return "java.util.List<java.lang.String>";
      case "URI":
        return "java.net.URI";
      default:
        return "java.lang.String";
    }
  }

  private static void putDefault(ObjectNode property, ConfigKey<?> key, String text) {
    switch (key.type()) {
      case "boolean":
        property.put("defaultValue", Boolean.parseBoolean(text));
        break;
      case "number":
        property.put("defaultValue", Long.parseLong(text));
        break;
      case "list":
        ArrayNode values = property.putArray("defaultValue");
        for (String item : text.split(",")) {
          values.add(item);
        }
        break;
      default:
        property.put("defaultValue", text);
    }
  }
}
