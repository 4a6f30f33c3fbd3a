package io.github.snowplowjakarta.core.encoding;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.snowplowjakarta.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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

  /**
   * The {@code stm} field as it opens an event's JSON object: made once per request, as every event
   * in it shares the timestamp.
   */
  static byte[] stmField(long sentTimestampMillis) {
    byte[] digits = Long.toString(sentTimestampMillis).getBytes(StandardCharsets.US_ASCII);
    byte[] field = new byte[STM_PREFIX.length + digits.length + STM_SUFFIX.length];
    System.arraycopy(STM_PREFIX, 0, field, 0, STM_PREFIX.length);
    System.arraycopy(digits, 0, field, STM_PREFIX.length, digits.length);
    System.arraycopy(STM_SUFFIX, 0, field, STM_PREFIX.length + digits.length, STM_SUFFIX.length);
    return field;
  }

  /** The size of this event with this {@code stm} field, in bytes. */
  int sizeWith(byte[] stmField) {
    return stmField.length + json.length - 1;
  }

  /**
   * Copies the event as a JSON object, {@code stm} first, into {@code target} at {@code offset}.
   *
   * @return the offset after it
   */
  int copyTo(byte[] target, int offset, byte[] stmField) {
    System.arraycopy(stmField, 0, target, offset, stmField.length);
    int at = offset + stmField.length;
    System.arraycopy(json, 1, target, at, json.length - 1);
    return at + json.length - 1;
  }

  /** The event as a JSON object, with {@code stm} first. */
  public String toJson(long sentTimestampMillis) {
    byte[] stmField = stmField(sentTimestampMillis);
    byte[] bytes = new byte[stmField.length + json.length - 1];
    copyTo(bytes, 0, stmField);
    return new String(bytes, StandardCharsets.UTF_8);
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

  /**
   * The size of {@link #writeStored}'s output, in bytes. The stored form is the emitter's spool
   * record; it is not meant for anything else.
   */
  public int storedSize() {
    return 1 + 2 + eventIdBytes().length + json.length;
  }

  /**
   * Writes the event as the spool keeps it: a flags byte (server anonymisation), the event id and
   * the JSON object without {@code stm}.
   */
  public void writeStored(ByteBuffer target) {
    byte[] id = eventIdBytes();
    target.put(serverAnonymisation ? (byte) 1 : (byte) 0);
    target.putShort((short) id.length);
    target.put(id);
    target.put(json);
  }

  /**
   * Reads what {@link #writeStored} wrote, from {@code source}'s position to its limit.
   *
   * @throws IllegalArgumentException if it is not a stored event
   */
  public static EncodedEvent readStored(ByteBuffer source) {
    if (source.remaining() < 3) {
      throw new IllegalArgumentException("stored event too short");
    }
    byte flags = source.get();
    int idLength = source.getShort();
    if ((flags & ~1) != 0 || idLength <= 0 || idLength > source.remaining() - 2) {
      throw new IllegalArgumentException("not a stored event");
    }
    byte[] id = new byte[idLength];
    source.get(id);
    byte[] json = new byte[source.remaining()];
    source.get(json);
    if (json[0] != '{' || json[json.length - 1] != '}') {
      throw new IllegalArgumentException("stored event is not a JSON object");
    }
    return new EncodedEvent(new String(id, StandardCharsets.UTF_8), flags == 1, json);
  }

  private byte[] eventIdBytes() {
    return eventId.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "EncodedEvent[" + eventId + (serverAnonymisation ? ", server-anonymised]" : "]");
  }
}
