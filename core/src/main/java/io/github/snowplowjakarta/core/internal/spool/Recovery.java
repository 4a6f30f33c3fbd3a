package io.github.snowplowjakarta.core.internal.spool;

import static io.github.snowplowjakarta.core.internal.spool.RecordFormat.ACK_SUFFIX;
import static io.github.snowplowjakarta.core.internal.spool.RecordFormat.HEADER;
import static io.github.snowplowjakarta.core.internal.spool.RecordFormat.MAGIC;
import static io.github.snowplowjakarta.core.internal.spool.RecordFormat.MAX_BODY;
import static io.github.snowplowjakarta.core.internal.spool.RecordFormat.MAX_ID;
import static io.github.snowplowjakarta.core.internal.spool.RecordFormat.SEGMENT_SUFFIX;

import io.github.snowplowjakarta.core.internal.spool.SpoolFiles.SpoolFile;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Reads what earlier runs left in a spool directory. Content never fails it: a file or directory
 * not named like a segment is left alone with a warning, a damaged record is skipped and counted,
 * and the intact records after it are found again and kept.
 */
final class Recovery {
  private static final Logger LOG = System.getLogger(Spool.class.getName());

  /** No segment this spool writes is larger: a full segment, then one record of the largest. */
  static final long MAX_FILE_BYTES = Spool.MAX_SEGMENT_BYTES + HEADER + MAX_BODY;

  private final Path directory;
  private final SpoolFiles files;
  private final AckLog acks;
  private final CRC32C crc = new CRC32C();

  final TreeMap<Long, Segment> segments = new TreeMap<>();
  long nextId = 1;
  long recovered;
  long skipped;
  long bytes;

  Recovery(Path directory, SpoolFiles files, AckLog acks) {
    this.directory = directory;
    this.files = files;
    this.acks = acks;
  }

  void run() throws IOException {
    TreeMap<Long, Path> byId = new TreeMap<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + SEGMENT_SUFFIX)) {
      for (Path file : stream) {
        long id = RecordFormat.idOf(file.getFileName().toString(), SEGMENT_SUFFIX);
        if (id >= 0) {
          // Even a directory of that name: the next segment must not be given it.
          nextId = Math.max(nextId, id + 1);
        }
        if (id < 0 || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          LOG.log(
              Level.WARNING,
              "Snowplow spool: "
                  + file
                  + " is not a segment file this spool writes (a name of 20 digits up to "
                  + MAX_ID
                  + ", a regular file): left alone");
          continue;
        }
        byId.put(id, file);
      }
    }
    for (Map.Entry<Long, Path> entry : byId.entrySet()) {
      Segment segment = recoverSegment(entry.getKey(), entry.getValue());
      if (segment == null) {
        continue;
      }
      nextId = Math.max(nextId, segment.endId());
      int left = segment.count - segment.ackedCount;
      if (left == 0) {
        segment.closeAndDelete(files);
        continue;
      }
      segments.put(segment.baseId, segment);
      bytes += segment.size;
      recovered += left;
    }
    // Acks of segments deleted before a crash could delete them.
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + ACK_SUFFIX)) {
      for (Path ack : stream) {
        long id = RecordFormat.idOf(ack.getFileName().toString(), ACK_SUFFIX);
        if (id >= 0 && !segments.containsKey(id) && Files.isRegularFile(ack)) {
          files.delete(ack);
        }
      }
    }
    if (recovered > 0) {
      LOG.log(
          Level.INFO,
          "Snowplow spool in "
              + directory
              + ": "
              + recovered
              + " events left by an earlier run will be sent");
    }
  }

  /** The segment's intact records and acknowledgements; null, deleted, if it has no records. */
  private Segment recoverSegment(long baseId, Path path) throws IOException {
    byte[] bytes;
    long fileSize;
    try (SpoolFile file = files.openForReading(path)) {
      fileSize = file.size();
      bytes = new byte[(int) Math.min(fileSize, MAX_FILE_BYTES)];
      bytes = Arrays.copyOf(bytes, file.read(bytes, 0, bytes.length, 0));
    }
    if (bytes.length < MAGIC.length
        || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      if (RecordFormat.check(bytes, MAGIC.length, bytes.length, baseId, baseId, crc) > 0) {
        LOG.log(
            Level.WARNING,
            "Snowplow spool: "
                + path
                + " starts with a damaged magic number; its records are read");
      } else {
        if (fileSize > 0) {
          LOG.log(Level.WARNING, "Snowplow spool: " + path + " is not a spool segment, removed");
        }
        files.delete(path);
        return null;
      }
    }
    Segment segment = new Segment(baseId, path, null, MAGIC.length);
    int end = bytes.length;
    int position = MAGIC.length;
    long expectedId = baseId;
    while (position < end) {
      int length = RecordFormat.check(bytes, position, end, expectedId, expectedId, crc);
      if (length > 0) {
        position += HEADER + length;
        expectedId++;
        continue;
      }
      int damaged = position;
      int found = -1;
      // The records lost in between are at least a header and a byte each.
      for (int at = damaged + 1; at + HEADER < end && found < 0; at++) {
        long maxId = expectedId + (at - damaged) / (HEADER + 1) + 1;
        if (RecordFormat.check(bytes, at, end, expectedId, maxId, crc) > 0) {
          found = at;
        }
      }
      if (found < 0) {
        reportTail(path, bytes, damaged, fileSize);
        skipped++;
        break;
      }
      long nextGoodId = RecordFormat.idAt(bytes, found);
      long lost = nextGoodId - expectedId;
      skipped += lost;
      LOG.log(
          Level.WARNING,
          "Snowplow spool: "
              + path
              + " has corrupt bytes from "
              + damaged
              + " to "
              + found
              + " (changed after they were written, not a torn write): "
              + lost
              + " records skipped, the intact records after them kept");
      if (segment.gaps == null) {
        segment.gaps = new TreeMap<>();
      }
      segment.gaps.put((long) damaged, (long) found);
      for (long id = expectedId; id < nextGoodId; id++) {
        segment.count = (int) (id - baseId + 1);
        segment.ack(id);
      }
      expectedId = nextGoodId;
      position = found;
    }
    segment.count = (int) (expectedId - baseId);
    segment.size = position;
    if (segment.count == segment.ackedCount) {
      segment.closeAndDelete(files);
      return null;
    }
    if (Files.exists(segment.ackPath)) {
      acks.read(segment, Files.readAllBytes(segment.ackPath));
    }
    return segment;
  }

  private static void reportTail(Path path, byte[] bytes, int at, long fileSize) {
    int available = bytes.length - at;
    int length = available < HEADER ? 0 : ByteBuffer.wrap(bytes).getInt(at);
    boolean zeros = true;
    for (int i = at; i < bytes.length && zeros; i++) {
      zeros = bytes[i] == 0;
    }
    // A crash leaves a header cut short, a body cut short, or zeros where the write never landed.
    boolean torn =
        available < HEADER
            || zeros
            || (length > 0 && length <= MAX_BODY && length > available - HEADER);
    LOG.log(
        Level.WARNING,
        "Snowplow spool: "
            + path
            + (torn
                ? " ends in a record torn by a crash while writing"
                : " ends in a corrupt record (changed on the disk after it was written)")
            + " at byte "
            + at
            + ": its last "
            + (fileSize - at)
            + " bytes are skipped, the records before them kept");
  }
}
