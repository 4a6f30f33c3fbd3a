package io.github.snowplowjakarta.core.internal.encoding;

import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The body of a POST to the collector: a {@code payload_data} self-describing JSON holding a batch
 * of events, each stamped with the same sent timestamp. Not API, may change.
 */
public final class PostBody {
  private static final byte[] PREFIX =
      ("{\"schema\":\"" + PayloadEncoder.PAYLOAD_DATA_SCHEMA + "\",\"data\":[")
          .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.US_ASCII);

  private PostBody() {}

  /** The size in bytes of a body holding {@code events}. */
  public static int sizeInBytes(List<EncodedEvent> events) {
    int size = PREFIX.length + SUFFIX.length + Math.max(0, events.size() - 1);
    for (EncodedEvent event : events) {
      size += event.sizeInBytes();
    }
    return size;
  }

  /** The bytes a body of this many bytes adds around its events: for byte caps. */
  public static int envelopeSizeInBytes() {
    return PREFIX.length + SUFFIX.length;
  }

  /** The body: every event, each with this sent timestamp. */
  public static byte[] toBytes(List<EncodedEvent> events, long sentTimestampMillis) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("events must not be empty: payload_data needs one");
    }
    EncodedEvents.Access access = EncodedEvents.access();
    byte[] stmField = access.stmField(sentTimestampMillis);
    int size = PREFIX.length + SUFFIX.length + events.size() - 1;
    for (EncodedEvent event : events) {
      size += access.sizeWith(event, stmField);
    }
    byte[] body = new byte[size];
    System.arraycopy(PREFIX, 0, body, 0, PREFIX.length);
    int at = PREFIX.length;
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        body[at++] = ',';
      }
      at = access.copyTo(events.get(i), body, at, stmField);
    }
    System.arraycopy(SUFFIX, 0, body, at, SUFFIX.length);
    return body;
  }

  public static String toJson(List<EncodedEvent> events, long sentTimestampMillis) {
    return new String(toBytes(events, sentTimestampMillis), StandardCharsets.UTF_8);
  }
}
