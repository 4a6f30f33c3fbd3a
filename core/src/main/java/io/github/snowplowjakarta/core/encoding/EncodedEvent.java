package io.github.snowplowjakarta.core.encoding;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.snowplowjakarta.core.internal.Json;
import io.github.snowplowjakarta.core.internal.encoding.EncodedEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One event as it goes on the wire: a {@code payload_data} item with every value a string, the
 * anonymisation already applied. Only the tracker makes these. The sent timestamp ({@code stm}) is
 * added each time the event is written, so every attempt carries its own.
 */
public final class EncodedEvent {
  private static final byte[] STM_PREFIX = "{\"stm\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STM_SUFFIX = "\",".getBytes(StandardCharsets.US_ASCII);
  private static final int STM_OVERHEAD = STM_PREFIX.length + 13 + STM_SUFFIX.length;

  static {
    EncodedEvents.register(new Internals());
  }

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

  @Override
  public String toString() {
    return "EncodedEvent[" + eventId + (serverAnonymisation ? ", server-anonymised]" : "]");
  }

  private static final class Internals implements EncodedEvents.Access {
    @Override
    public EncodedEvent create(String eventId, boolean serverAnonymisation, byte[] json) {
      return new EncodedEvent(eventId, serverAnonymisation, json);
    }

    @Override
    public byte[] json(EncodedEvent event) {
      return event.json;
    }

    @Override
    public byte[] stmField(long sentTimestampMillis) {
      return EncodedEvent.stmField(sentTimestampMillis);
    }

    @Override
    public int sizeWith(EncodedEvent event, byte[] stmField) {
      return event.sizeWith(stmField);
    }

    @Override
    public int copyTo(EncodedEvent event, byte[] target, int offset, byte[] stmField) {
      return event.copyTo(target, offset, stmField);
    }
  }
}
