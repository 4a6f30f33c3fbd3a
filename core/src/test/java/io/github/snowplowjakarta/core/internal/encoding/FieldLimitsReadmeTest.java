package io.github.snowplowjakarta.core.internal.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Long values" rule lists every field the encoder shortens and its length, as {@link
 * FieldLimits} has them: the README cannot point to that class, which is not API.
 */
class FieldLimitsReadmeTest {
  private static final Path README =
      Path.of(System.getProperty("user.dir")).resolve("../README.md");
  private static final String PAYLOAD_DATA =
      "iglu/com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4";
  private static final Pattern LIMIT = Pattern.compile("(\\d+) for\\s+((?:`\\w+`(?:,\\s+)?)+)");
  private static final Pattern FIELD = Pattern.compile("`(\\w+)`");

  static Map<String, Integer> readmeLimits(String readme) {
    int start = readme.indexOf("**Long values:**");
    assertThat(start).as("README paragraph **Long values:**").isNotNegative();
    int end = readme.indexOf("Other fields are sent whole.", start);
    assertThat(end).as("end of the README's **Long values:** list").isGreaterThan(start);
    Map<String, Integer> limits = new HashMap<>();
    Matcher limit = LIMIT.matcher(readme.substring(start, end));
    while (limit.find()) {
      Matcher field = FIELD.matcher(limit.group(2));
      while (field.find()) {
        limits.put(field.group(1), Integer.valueOf(limit.group(1)));
      }
    }
    return limits;
  }

  @Test
  void theReadmeListsEveryShortenedFieldWithItsLength() throws IOException {
    Map<String, Integer> readme = readmeLimits(Files.readString(README, StandardCharsets.UTF_8));
    Map<String, Integer> encoder = new HashMap<>();
    JsonNode schema;
    // The schema is in the testing jar: read through the class path, not this (named) module.
    try (InputStream in = ClassLoader.getSystemClassLoader().getResourceAsStream(PAYLOAD_DATA)) {
      assertThat(in).as(PAYLOAD_DATA).isNotNull();
      schema = new ObjectMapper().readTree(in);
    }
    for (Iterator<String> keys = schema.at("/items/properties").fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (FieldLimits.of(key) != Integer.MAX_VALUE) {
        encoder.put(key, FieldLimits.of(key));
      }
    }

    assertThat(encoder).isNotEmpty();
    assertThat(readme).as("README **Long values:** (field → length)").isEqualTo(encoder);
  }
}
