package io.github.snowplowjakarta.core.internal.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * One file of the spool: records with consecutive ids from {@link #baseId}, and beside it a file of
 * the ids the collector accepted. Guarded by the {@link Spool}'s lock.
 */
final class Segment {
  final long baseId;
  final Path file;
  final Path ackFile;
  final FileChannel channel;

  /** The end of the last whole record, in bytes: what follows it, if anything, is a torn tail. */
  long size;

  int count;
  final BitSet acked = new BitSet();
  int ackedCount;
  FileChannel ackChannel;

  Segment(long baseId, Path file, FileChannel channel, long size) {
    this.baseId = baseId;
    this.file = file;
    this.ackFile = file.resolveSibling(name(baseId, Spool.ACK_SUFFIX));
    this.channel = channel;
    this.size = size;
  }

  static String name(long baseId, String suffix) {
    return String.format("%020d%s", baseId, suffix);
  }

  long endId() {
    return baseId + count;
  }

  boolean contains(long id) {
    return id >= baseId && id < endId();
  }

  boolean isAcked(long id) {
    return acked.get((int) (id - baseId));
  }

  /** Marks the id accepted; false if it already was. */
  boolean ack(long id) {
    int index = (int) (id - baseId);
    if (acked.get(index)) {
      return false;
    }
    acked.set(index);
    ackedCount++;
    return true;
  }

  boolean fullyAcked() {
    return count > 0 && ackedCount == count;
  }

  /** Records from {@code fromId} to the end that are not acknowledged. */
  int unackedFrom(long fromId) {
    long from = Math.max(fromId, baseId);
    if (from >= endId()) {
      return 0;
    }
    int start = (int) (from - baseId);
    return count - start - acked.get(start, count).cardinality();
  }

  void closeAndDelete() throws IOException {
    close();
    Files.deleteIfExists(ackFile);
    Files.deleteIfExists(file);
  }

  void close() throws IOException {
    try {
      channel.close();
    } finally {
      if (ackChannel != null) {
        ackChannel.close();
      }
    }
  }

  @Override
  public String toString() {
    return file.getFileName() + "[" + count + " records, " + ackedCount + " acked, " + size + " B]";
  }
}
