package io.github.snowplowjakarta.core.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import io.github.snowplowjakarta.core.internal.Checks;
import io.github.snowplowjakarta.core.internal.Json;
import io.github.snowplowjakarta.core.internal.Text;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A JSON value with the Iglu URI of the schema that describes it: the data of a self-describing
 * event, or an entity attached to any event.
 *
 * <p>The data is serialised to JSON once, when this value is created, so it is immutable whatever
 * the caller does to the object afterwards, and an entity shared by many events is encoded once.
 */
public final class SelfDescribingJson {
  private final String schema;
  private final String dataJson;

  private SelfDescribingJson(String schema, String dataJson) {
    this.schema = schema;
    this.dataJson = dataJson;
  }

  /**
   * Describes {@code data}, which may be a {@code Map}, a {@code JsonNode}, a collection or any
   * object Jackson can serialise.
   *
   * @throws IllegalArgumentException if the schema is not an Iglu URI, or the data is null, holds a
   *     NaN or infinite number, or cannot be serialised
   */
  public static SelfDescribingJson of(String schema, Object data) {
    IgluUri.require(schema, "schema");
    Checks.requireNonNull(data, "data");
    StringWriter out = new StringWriter(128);
    try (JsonGenerator generator = new FiniteNumbersOnly(Json.FACTORY.createGenerator(out))) {
      writeValue(generator, data);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "data for " + schema + " cannot be written as JSON: " + e.getMessage(), e);
    }
    return new SelfDescribingJson(schema, Text.wellFormed(out.toString()));
  }

  /**
   * Writes the plain JSON types (maps, lists, strings, numbers, booleans) directly, as most event
   * data is built of them, and anything else through Jackson's data binding.
   */
  private static void writeValue(JsonGenerator generator, Object value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else if (value instanceof String) {
      generator.writeString((String) value);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      generator.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      generator.writeNumber(((Number) value).doubleValue());
    } else if (value instanceof Boolean) {
      generator.writeBoolean((Boolean) value);
    } else if (value instanceof Map) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        generator.writeFieldName(String.valueOf(entry.getKey()));
        writeValue(generator, entry.getValue());
      }
      generator.writeEndObject();
    } else if (value instanceof List) {
      generator.writeStartArray();
      for (Object item : (List<?>) value) {
        writeValue(generator, item);
      }
      generator.writeEndArray();
    } else {
      Json.MAPPER.writeValue(generator, value);
    }
  }

  /** The Iglu URI of the data's schema. */
  public String schema() {
    return schema;
  }

  /** The data as JSON text. */
  public String dataJson() {
    return dataJson;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SelfDescribingJson
        && schema.equals(((SelfDescribingJson) o).schema)
        && dataJson.equals(((SelfDescribingJson) o).dataJson);
  }

  @Override
  public int hashCode() {
    return 31 * schema.hashCode() + dataJson.hashCode();
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
      requireFinite(v);
      super.writeNumber(v);
    }

    @Override
    public void writeNumber(float v) throws IOException {
      requireFinite(v);
      super.writeNumber(v);
    }

    @Override
    public void writeNumber(BigDecimal v) throws IOException {
      super.writeNumber(v);
    }

    private void requireFinite(double v) {
      if (!Double.isFinite(v)) {
        String field = getOutputContext().getCurrentName();
        throw new IllegalArgumentException(
            (field == null ? "a value" : "field '" + field + "'")
                + " must be a finite number, was "
                + v);
      }
    }
  }
}
