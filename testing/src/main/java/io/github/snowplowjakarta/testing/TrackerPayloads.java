package io.github.snowplowjakarta.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads tracker payloads back in tests: fields, entities and self-describing event data. */
public final class TrackerPayloads {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TrackerPayloads() {}

  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The events of a POST body. */
  public static List<JsonNode> events(String body) {
    List<JsonNode> events = new ArrayList<>();
    parse(body).get("data").forEach(events::add);
    return events;
  }

  /** An event's fields in order, every value as text. */
  public static Map<String, String> fields(JsonNode event) {
    Map<String, String> fields = new LinkedHashMap<>();
    event.properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
    return fields;
  }

  /**
   * The JSON text in a {@code co}/{@code ue_pr} field, or decoded from {@code cx}/{@code ue_px}.
   */
  public static String decodeJsonField(JsonNode event, String key) {
    String value = event.get(key).asText();
    if (key.equals("cx") || key.equals("ue_px")) {
      return new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
    }
    return value;
  }

  /** The entities of an event, from {@code co} or {@code cx}; empty when it has none. */
  public static List<JsonNode> entities(JsonNode event) {
    List<JsonNode> entities = new ArrayList<>();
    for (String key : new String[] {"co", "cx"}) {
      if (event.has(key)) {
        parse(decodeJsonField(event, key)).get("data").forEach(entities::add);
      }
    }
    return entities;
  }

  /** The entities of an event with the given schema URI prefix. */
  public static List<JsonNode> entities(JsonNode event, String schemaPrefix) {
    List<JsonNode> matching = new ArrayList<>();
    for (JsonNode entity : entities(event)) {
      if (entity.get("schema").asText().startsWith(schemaPrefix)) {
        matching.add(entity);
      }
    }
    return matching;
  }

  /** The inner self-describing JSON of a self-describing event, or null. */
  public static JsonNode selfDescribingEvent(JsonNode event) {
    for (String key : new String[] {"ue_pr", "ue_px"}) {
      if (event.has(key)) {
        return parse(decodeJsonField(event, key)).get("data");
      }
    }
    return null;
  }
}
