package io.github.snowplowjakarta.core.internal.spool;

import io.github.snowplowjakarta.core.internal.spool.SpoolFiles.SpoolFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.TreeMap;

/**
 * One file of the spool: records with consecutive ids from {@link #baseId}, and beside it a file of
 * the ids the collector accepted. Guarded by the {@link Spool}'s lock.
 */
final class Segment {
  final long baseId;
  final Path path;
  final Path ackPath;

  /** Open for appending while this run writes the segment; null for one an earlier run left. */
  SpoolFile file;

  /** The end of the last whole record, in bytes. */
  long size;

  /** Ids from {@link #baseId}: records, and records lost to damage, which count as acknowledged. */
  int count;

  final BitSet acked = new BitSet();
  int ackedCount;
  SpoolFile ackFile;
  long ackSize;

  /** Takes no more records: a write to it failed. */
  boolean sealed;

  boolean deleted;

  /** Damaged byte ranges, start to end, that reading skips; null if none. */
  TreeMap<Long, Long> gaps;

  Segment(long baseId, Path path, SpoolFile file, long size) {
    this.baseId = baseId;
    this.path = path;
    this.ackPath = path.resolveSibling(RecordFormat.name(baseId, RecordFormat.ACK_SUFFIX));
    this.file = file;
    this.size = size;
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

  /** Where reading goes on from {@code position}: past a damaged range that starts there. */
  long skipGap(long position) {
    if (gaps == null) {
      return position;
    }
    Long end = gaps.get(position);
    return end == null ? position : end;
  }

  void closeAndDelete(SpoolFiles files) throws IOException {
    deleted = true;
    try {
      close();
    } finally {
      files.delete(ackPath);
      files.delete(path);
    }
  }

  void close() throws IOException {
    try {
      if (file != null) {
        file.close();
      }
    } finally {
      if (ackFile != null) {
        ackFile.close();
      }
    }
  }

  @Override
  public String toString() {
    return path.getFileName() + "[" + count + " records, " + ackedCount + " acked, " + size + " B]";
  }
}
