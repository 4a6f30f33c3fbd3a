package io.github.snowplowjakarta.core.encoding;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.snowplowjakarta.core.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One event as it goes on the wire: a {@code payload_data} item with every value a string, the
 * anonymisation already applied. Only a {@link PayloadEncoder} makes these. The sent timestamp
 * ({@code stm}) is added each time the event is written, so every attempt carries its own.
 */
public final class EncodedEvent {
  private static final byte[] STM_PREFIX = "{\"stm\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STM_SUFFIX = "\",".getBytes(StandardCharsets.US_ASCII);
  private static final int STM_OVERHEAD = STM_PREFIX.length + 13 + STM_SUFFIX.length;

  private final String eventId;
  private final boolean serverAnonymisation;
  private final byte[] json;

  EncodedEvent(String eventId, boolean serverAnonymisation, byte[] json) {
    this.eventId = eventId;
    this.serverAnonymisation = serverAnonymisation;
    this.json = json;
  }

  /** The event id ({@code eid}). */
  public String eventId() {
    return eventId;
  }

  /**
   * Whether this event must travel in a request with the {@code SP-Anonymous} header, never
   * together with events that must not.
   */
  public boolean serverAnonymisation() {
    return serverAnonymisation;
  }

  /** The size of this event in a POST body, in bytes, including its {@code stm} field. */
  public int sizeInBytes() {
    return json.length - 1 + STM_OVERHEAD;
  }

  /** Writes the event as a JSON object, with {@code stm} first. */
  public void writeJson(OutputStream out, long sentTimestampMillis) throws IOException {
    out.write(STM_PREFIX);
    out.write(Long.toString(sentTimestampMillis).getBytes(StandardCharsets.US_ASCII));
    out.write(STM_SUFFIX);
    out.write(json, 1, json.length - 1);
  }

  /** The event as a JSON object, with {@code stm} first. */
  public String toJson(long sentTimestampMillis) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeInBytes());
    try {
      writeJson(out, sentTimestampMillis);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * The event as the percent-encoded query string of a GET {@code /i} request, {@code stm} first,
   * without the leading {@code ?}.
   */
  public String toQueryString(long sentTimestampMillis) {
    StringBuilder query = new StringBuilder(json.length + 64);
    query.append("stm=").append(sentTimestampMillis);
    try (JsonParser parser = Json.FACTORY.createParser(json)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        query.append('&');
        PercentEncoding.append(query, name);
        query.append('=');
        PercentEncoding.append(query, parser.getText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return query.toString();
  }

  @Override
  public String toString() {
    return "EncodedEvent[" + eventId + (serverAnonymisation ? ", server-anonymised]" : "]");
  }
}
