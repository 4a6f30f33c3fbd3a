package io.github.snowplowjakarta.core.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import io.github.snowplowjakarta.core.internal.Checks;
import io.github.snowplowjakarta.core.internal.EncodedJson;
import io.github.snowplowjakarta.core.internal.Json;
import io.github.snowplowjakarta.core.internal.JsonBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A JSON value with the Iglu URI of the schema that describes it: the data of a self-describing
 * event, or an entity attached to any event.
 *
 * <p>The whole self-describing JSON is encoded once, when this value is created, so it is immutable
 * whatever the caller does to the data afterwards, and an entity shared by many events costs one
 * copy per event.
 */
public final class SelfDescribingJson {
  private static final int SCRATCH_SLOT = 2;

  static {
    EncodedJson.register(value -> value.json);
  }

  private final String schema;
  private final byte[] json;

  /** The whole self-describing JSON already written: for entities that write their own. */
  SelfDescribingJson(String schema, byte[] json) {
    this.schema = schema;
    this.json = json;
  }

  /**
   * Describes {@code data}, which may be a {@code Map}, a {@code List}, a {@code JsonNode} or any
   * object Jackson can serialise.
   *
   * @throws IllegalArgumentException if the schema is not an Iglu URI, or the data is null, holds a
   *     NaN or infinite number, or cannot be serialised
   */
  public static SelfDescribingJson of(String schema, Object data) {
    IgluUri.require(schema, "schema");
    Checks.requireNonNull(data, "data");
    JsonBuffer out = JsonBuffer.scratch(SCRATCH_SLOT);
    try {
      out.ascii("{\"schema\":");
      out.string(schema);
      out.ascii(",\"data\":");
      writeValue(out, data, null);
      out.ascii('}');
      return new SelfDescribingJson(schema, out.toByteArray());
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "data for " + schema + " cannot be written as JSON: " + e.getMessage(), e);
    } finally {
      out.release();
    }
  }

  /**
   * Writes the plain JSON types (maps, lists, strings, numbers, booleans) directly, as most event
   * data is built of them, and anything else through Jackson's data binding.
   */
  private static void writeValue(JsonBuffer out, Object value, String field) throws IOException {
    if (value == null) {
      out.ascii("null");
    } else if (value instanceof String) {
      out.string((String) value);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      out.number(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      requireFinite(number, field);
      out.ascii(value.toString());
    } else if (value instanceof BigDecimal || value instanceof BigInteger) {
      out.ascii(
          value instanceof BigDecimal ? ((BigDecimal) value).toPlainString() : value.toString());
    } else if (value instanceof Boolean) {
      out.ascii(value.toString());
    } else if (value instanceof Map) {
      out.ascii('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        if (!first) {
          out.ascii(',');
        }
        String name = String.valueOf(entry.getKey());
        out.string(name);
        out.ascii(':');
        writeValue(out, entry.getValue(), name);
        first = false;
      }
      out.ascii('}');
    } else if (value instanceof List) {
      out.ascii('[');
      boolean first = true;
      for (Object item : (List<?>) value) {
        if (!first) {
          out.ascii(',');
        }
        writeValue(out, item, field);
        first = false;
      }
      out.ascii(']');
    } else {
      ByteArrayOutputStream bound = new ByteArrayOutputStream(256);
      try (JsonGenerator generator = new FiniteNumbersOnly(Json.FACTORY.createGenerator(bound))) {
        Json.MAPPER.writeValue(generator, value);
      }
      out.json(bound.toString(StandardCharsets.UTF_8));
    }
  }

  private static void requireFinite(double value, String field) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          (field == null ? "a value" : "field '" + field + "'")
              + " must be a finite number, was "
              + value);
    }
  }

  /** The Iglu URI of the data's schema. */
  public String schema() {
    return schema;
  }

  /** The data as JSON text. */
  public String dataJson() {
    String whole = toJson();
    int dataStart = whole.indexOf(",\"data\":") + ",\"data\":".length();
    return whole.substring(dataStart, whole.length() - 1);
  }

  /** The whole self-describing JSON, {@code {"schema":…,"data":…}}, as text. */
  public String toJson() {
    return new String(json, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SelfDescribingJson && Arrays.equals(json, ((SelfDescribingJson) o).json);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(json);
  }

  /** Shows the schema only: the data may be personal. */
  @Override
  public String toString() {
    return "SelfDescribingJson[" + schema + "]";
  }

  /** Refuses NaN and infinities, which JSON cannot carry, naming the field that held one. */
  private static final class FiniteNumbersOnly extends JsonGeneratorDelegate {
    FiniteNumbersOnly(JsonGenerator delegate) {
      super(delegate, false);
    }

    @Override
    public void writeNumber(double v) throws IOException {
      requireFinite(v, getOutputContext().getCurrentName());
      super.writeNumber(v);
    }

    @Override
    public void writeNumber(float v) throws IOException {
      requireFinite(v, getOutputContext().getCurrentName());
      super.writeNumber(v);
    }
  }
}
