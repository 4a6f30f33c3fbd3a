package io.github.snowplowjakarta.core.internal.spool;

import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.internal.encoding.EncodedEvents;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The spool's file format. A segment file starts with {@link #MAGIC}; each record is its body
 * length (4 bytes), a CRC32C of its id and body (4), its id (8) and the body, the event's
 * {@linkplain #writeStored stored form}. Ids are consecutive within a segment and the file is named
 * after its first, so a record can be found again after damage: a place where a plausible length
 * and an expected id are followed by a body matching the checksum.
 */
final class RecordFormat {
  static final byte[] MAGIC = "SPJSPL01".getBytes(StandardCharsets.US_ASCII);
  static final String SEGMENT_SUFFIX = ".seg";
  static final String ACK_SUFFIX = ".ack";
  static final int HEADER = 16;
  static final int MAX_BODY = 2 * 1024 * 1024;

  /**
   * The largest id the spool gives or reads: half the range of a {@code long}, so that no id ever
   * wraps, whatever a file is named (at a million events a second it lasts 146 000 years).
   */
  static final long MAX_ID = Long.MAX_VALUE / 2;

  private RecordFormat() {}

  static String name(long baseId, String suffix) {
    return String.format("%020d%s", baseId, suffix);
  }

  /** The id a segment or ack file is named after, or -1 if the name is none of ours. */
  static long idOf(String fileName, String suffix) {
    if (!fileName.endsWith(suffix) || fileName.length() != 20 + suffix.length()) {
      return -1;
    }
    long id = 0;
    for (int i = 0; i < 20; i++) {
      char c = fileName.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      id = id * 10 + (c - '0');
      if (id > MAX_ID) {
        return -1;
      }
    }
    return id;
  }

  /** The size of {@link #writeStored}'s output, in bytes. */
  static int storedSize(EncodedEvent event) {
    return 1
        + 2
        + event.eventId().getBytes(StandardCharsets.UTF_8).length
        + EncodedEvents.json(event).length;
  }

  /**
   * Writes the event as the spool keeps it: a flags byte (server anonymisation), the event id and
   * the JSON object without {@code stm}.
   */
  static void writeStored(EncodedEvent event, ByteBuffer target) {
    byte[] id = event.eventId().getBytes(StandardCharsets.UTF_8);
    target.put(event.serverAnonymisation() ? (byte) 1 : (byte) 0);
    target.putShort((short) id.length);
    target.put(id);
    target.put(EncodedEvents.json(event));
  }

  /**
   * Reads what {@link #writeStored} wrote, from {@code source}'s position to its limit.
   *
   * @throws IllegalArgumentException if it is not a stored event
   */
  static EncodedEvent readStored(ByteBuffer source) {
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
    return EncodedEvents.create(new String(id, StandardCharsets.UTF_8), flags == 1, json);
  }

  /** Writes the record at {@code target}'s position. */
  static void write(long id, EncodedEvent event, ByteBuffer target, CRC32C crc) {
    int start = target.position();
    int body = storedSize(event);
    target.putInt(body).putInt(0).putLong(id);
    writeStored(event, target);
    crc.reset();
    crc.update(target.array(), target.arrayOffset() + start + 8, 8 + body);
    target.putInt(start + 4, (int) crc.getValue());
  }

  /**
   * The length of the record at {@code at} in {@code bytes} (which end at {@code end}) if it is
   * whole, has an id in {@code [minId, maxId]} and matches its checksum; -1 otherwise.
   */
  static int check(byte[] bytes, int at, int end, long minId, long maxId, CRC32C crc) {
    if (end - at < HEADER) {
      return -1;
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, at, HEADER);
    int length = header.getInt(at);
    int expected = header.getInt(at + 4);
    long id = header.getLong(at + 8);
    if (length <= 0 || length > MAX_BODY || length > end - at - HEADER) {
      return -1;
    }
    if (id < minId || id > maxId) {
      return -1;
    }
    crc.reset();
    crc.update(bytes, at + 8, 8 + length);
    return (int) crc.getValue() == expected ? length : -1;
  }

  static long idAt(byte[] bytes, int at) {
    return ByteBuffer.wrap(bytes).getLong(at + 8);
  }
}
