package io.github.snowplowjakarta.core.internal.spool;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A segment's {@code .ack} file: the ids the collector accepted, in frames of a count, a CRC32C and
 * the ids, written without fsync (one lost after a machine crash only sends its events again).
 */
final class AckLog {
  private static final Logger LOG = System.getLogger(Spool.class.getName());

  private final SpoolFiles files;
  private final CRC32C crc = new CRC32C();
  private ByteBuffer buffer = ByteBuffer.allocate(4096);

  AckLog(SpoolFiles files) {
    this.files = files;
  }

  /** Appends one frame; on failure the file is as before, as far as it can be cut back. */
  void write(Segment segment, List<Long> ids) throws IOException {
    int size = 8 + 8 * ids.size();
    if (buffer.capacity() < size) {
      buffer = ByteBuffer.allocate(size);
    }
    buffer.clear();
    buffer.putInt(ids.size()).putInt(0);
    for (long id : ids) {
      buffer.putLong(id);
    }
    crc.reset();
    crc.update(buffer.array(), 8, size - 8);
    buffer.putInt(4, (int) crc.getValue());
    if (segment.ackFile == null) {
      segment.ackFile = files.openForWriting(segment.ackPath);
      segment.ackSize = segment.ackFile.size();
    }
    try {
      segment.ackFile.write(buffer.array(), 0, size, segment.ackSize);
      segment.ackSize += size;
    } catch (IOException e) {
      try {
        segment.ackFile.truncate(segment.ackSize);
      } catch (IOException ignored) {
        // A torn frame at the end is skipped when read, like one a crash tore.
      }
      throw e;
    }
  }

  /** Marks what the frames of {@code bytes} acknowledge; a torn or corrupt frame ends them. */
  void read(Segment segment, byte[] bytes) {
    ByteBuffer acks = ByteBuffer.wrap(bytes);
    while (acks.remaining() >= 8) {
      int count = acks.getInt(acks.position());
      int expected = acks.getInt(acks.position() + 4);
      if (count <= 0 || (long) count * 8 > acks.remaining() - 8) {
        break;
      }
      crc.reset();
      crc.update(bytes, acks.position() + 8, count * 8);
      if ((int) crc.getValue() != expected) {
        break;
      }
      acks.position(acks.position() + 8);
      for (int i = 0; i < count; i++) {
        long id = acks.getLong();
        if (segment.contains(id)) {
          segment.ack(id);
        }
      }
    }
    if (acks.hasRemaining()) {
      LOG.log(
          Level.WARNING,
          "Snowplow spool: "
              + segment.ackPath
              + " ends in a torn or corrupt frame; its events may be sent again");
    }
  }
}
