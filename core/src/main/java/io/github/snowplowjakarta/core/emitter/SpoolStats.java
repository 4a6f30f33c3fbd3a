package io.github.snowplowjakarta.core.emitter;

import java.util.Objects;

/**
 * What an emitter's spool holds and found, part of {@link EmitterStats}.
 *
 * @param bytes the size of its segment files
 * @param segments its segment files
 * @param recovered events an earlier run left, found when it opened
 * @param skipped records lost to damage: corrupt or torn on the disk, or unreadable
 * @param unavailable why the spool could not be opened, the emitter keeping events in memory only
 *     instead; null while the spool is in use
 */
public record SpoolStats(
    long bytes, int segments, long recovered, long skipped, String unavailable) {

  // equals, hashCode and toString are written out: on Java 17 a record's generated ones can
  // keep its class loader alive (see Anonymisation).
  @Override
  public boolean equals(Object other) {
    return other instanceof SpoolStats that
        && bytes == that.bytes
        && segments == that.segments
        && recovered == that.recovered
        && skipped == that.skipped
        && Objects.equals(unavailable, that.unavailable);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bytes, segments, recovered, skipped, unavailable);
  }

  @Override
  public String toString() {
    return "SpoolStats["
        + "bytes="
        + bytes
        + ", segments="
        + segments
        + ", recovered="
        + recovered
        + ", skipped="
        + skipped
        + ", unavailable="
        + unavailable
        + "]";
  }
}
