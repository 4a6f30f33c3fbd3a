package io.github.snowplowjakarta.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates tracker output against the real Snowplow schemas, copied into test resources under
 * {@code iglu/vendor/name/format/version}. Checks a whole POST body: the {@code payload_data}
 * envelope, then in every event the entities and the self-describing event, wrapper and inner data
 * alike. A schema missing from the resources is itself an error, so nothing goes unchecked.
 */
public final class IgluSchemas {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

  /** Errors in a POST body ({@code payload_data} with its events); empty when valid. */
  public List<String> validatePostBody(String body) {
    List<String> errors = new ArrayList<>();
    JsonNode root = parse(body, "body", errors);
    if (root == null) {
      return errors;
    }
    validateSelfDescribing(root, "body", errors);
    if (errors.isEmpty()) {
      JsonNode events = root.get("data");
      for (int i = 0; i < events.size(); i++) {
        validateEventContents(events.get(i), "event " + i, errors);
      }
    }
    return errors;
  }

  /** Errors in one {@code payload_data} item, as if it were sent alone. */
  public List<String> validateEvent(JsonNode event) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("schema", "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4");
    body.putArray("data").add(event);
    return validatePostBody(body.toString());
  }

  /** Throws an {@link AssertionError} listing the errors if the body is not valid. */
  public void assertValidPostBody(String body) {
    List<String> errors = validatePostBody(body);
    if (!errors.isEmpty()) {
      throw new AssertionError("invalid payload: " + errors + "\n" + body);
    }
  }

  private void validateEventContents(JsonNode event, String where, List<String> errors) {
    for (String key : new String[] {"co", "cx"}) {
      if (event.has(key)) {
        JsonNode contexts =
            parse(TrackerPayloads.decodeJsonField(event, key), where + "." + key, errors);
        if (contexts != null && validateSelfDescribing(contexts, where + "." + key, errors)) {
          JsonNode entities = contexts.get("data");
          for (int i = 0; i < entities.size(); i++) {
            validateSelfDescribing(entities.get(i), where + "." + key + "[" + i + "]", errors);
          }
        }
      }
    }
    for (String key : new String[] {"ue_pr", "ue_px"}) {
      if (event.has(key)) {
        JsonNode ue = parse(TrackerPayloads.decodeJsonField(event, key), where + "." + key, errors);
        if (ue != null && validateSelfDescribing(ue, where + "." + key, errors)) {
          validateSelfDescribing(ue.get("data"), where + "." + key + ".data", errors);
        }
      }
    }
  }

  /** Validates {@code {"schema": uri, "data": …}}: the data against the schema the URI names. */
  private boolean validateSelfDescribing(JsonNode node, String where, List<String> errors) {
    if (node == null || !node.path("schema").isTextual() || !node.has("data")) {
      errors.add(where + ": not a self-describing JSON: " + node);
      return false;
    }
    String uri = node.get("schema").asText();
    JsonSchema schema;
    try {
      schema = schema(uri);
    } catch (RuntimeException e) {
      errors.add(where + ": " + e.getMessage());
      return false;
    }
    Set<ValidationMessage> messages = schema.validate(node.get("data"));
    for (ValidationMessage message : messages) {
      errors.add(where + " (" + uri + "): " + message.getMessage());
    }
    return messages.isEmpty();
  }

  private JsonSchema schema(String uri) {
    return schemas.computeIfAbsent(uri, IgluSchemas::load);
  }

  private static JsonSchema load(String uri) {
    if (!uri.startsWith("iglu:")) {
      throw new IllegalArgumentException("not an Iglu URI: " + uri);
    }
    String path = "iglu/" + uri.substring("iglu:".length());
    try (InputStream in = IgluSchemas.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("schema not in test resources: " + path);
      }
      ObjectNode node = (ObjectNode) MAPPER.readTree(in);
      // The Iglu meta-schema is draft 4 plus a "self" block the validator need not know.
      node.remove("$schema");
      node.remove("self");
      return FACTORY.getSchema(node, CONFIG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String json, String where, List<String> errors) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      errors.add(where + ": not JSON: " + e.getMessage());
      return null;
    }
  }
}
