package io.github.snowplowjakarta.core.encoding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The body of a POST to the collector: a {@code payload_data} self-describing JSON holding a batch
 * of events, each stamped with the same sent timestamp.
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

  public static void write(OutputStream out, List<EncodedEvent> events, long sentTimestampMillis)
      throws IOException {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("events must not be empty: payload_data needs one");
    }
    out.write(PREFIX);
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      events.get(i).writeJson(out, sentTimestampMillis);
    }
    out.write(SUFFIX);
  }

  public static byte[] toBytes(List<EncodedEvent> events, long sentTimestampMillis) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeInBytes(events));
    try {
      write(out, events, sentTimestampMillis);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static String toJson(List<EncodedEvent> events, long sentTimestampMillis) {
    return new String(toBytes(events, sentTimestampMillis), StandardCharsets.UTF_8);
  }
}
