package io.github.snowplowjakarta.core.internal.spool;

import static io.github.snowplowjakarta.core.internal.spool.RecordFormat.HEADER;

import io.github.snowplowjakarta.core.internal.spool.SpoolFiles.SpoolFile;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The reader's cache: a chunk of the segment being read, loaded by {@link #load} outside every
 * lock, so that handing records over (under the emitter's queue lock) never waits for the disk. The
 * chunk is published whole.
 */
final class ReadAhead {
  static final int CHUNK_BYTES = 256 * 1024;

  /** Bytes of a segment from {@code start}. A class, not a record: see Anonymisation. */
  private static final class Chunk {
    final Segment segment;
    final long start;
    final ByteBuffer bytes;

    Chunk(Segment segment, long start, ByteBuffer bytes) {
      this.segment = segment;
      this.start = start;
      this.bytes = bytes;
    }
  }

  private final SpoolFiles files;
  private volatile Chunk chunk;

  ReadAhead(SpoolFiles files) {
    this.files = files;
  }

  /** The whole record at this position, header first, if the chunk holds it; null otherwise. */
  ByteBuffer recordAt(Segment segment, long position) {
    Chunk loaded = chunk;
    if (loaded == null || loaded.segment != segment || position < loaded.start) {
      return null;
    }
    long offset = position - loaded.start;
    int limit = loaded.bytes.limit();
    if (offset + HEADER > limit) {
      return null;
    }
    int at = (int) offset;
    int length = loaded.bytes.getInt(at);
    if (length <= 0 || at + HEADER + (long) length > limit) {
      return null;
    }
    return loaded.bytes.slice(at, HEADER + length);
  }

  /**
   * Loads bytes from {@code position} up to {@code end} (at most a chunk, at least a record). The
   * file is opened for each load and closed after it, so that a deleted segment's space is free.
   */
  void load(Segment segment, long position, long end) throws IOException {
    try (SpoolFile file = files.openForReading(segment.path)) {
      int want = (int) Math.min(CHUNK_BYTES, end - position);
      byte[] bytes = new byte[want];
      int got = file.read(bytes, 0, want, position);
      if (got >= HEADER) {
        int record = HEADER + ByteBuffer.wrap(bytes).getInt(0);
        if (record > got && record > 0 && position + record <= end) {
          bytes = new byte[record];
          got = file.read(bytes, 0, record, position);
        }
      }
      chunk = new Chunk(segment, position, ByteBuffer.wrap(bytes, 0, got).slice());
    }
  }

  void close() {
    chunk = null;
  }
}
