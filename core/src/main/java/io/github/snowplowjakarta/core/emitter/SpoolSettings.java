package io.github.snowplowjakarta.core.emitter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** Where and how an emitter keeps its events on disk: see {@link Emitter.Builder#spool}. */
record SpoolSettings(
    Path directory, SpoolFsync fsync, Duration fsyncInterval, long maxBytes, boolean required) {
  // equals, hashCode and toString are written out: on Java 17 a record's generated ones can
  // keep its class loader alive (see Anonymisation).
  @Override
  public boolean equals(Object other) {
    return other instanceof SpoolSettings that
        && Objects.equals(directory, that.directory)
        && fsync == that.fsync
        && Objects.equals(fsyncInterval, that.fsyncInterval)
        && maxBytes == that.maxBytes
        && required == that.required;
  }

  @Override
  public int hashCode() {
    return Objects.hash(directory, fsync, fsyncInterval, maxBytes, required);
  }

  @Override
  public String toString() {
    return "SpoolSettings["
        + "directory="
        + directory
        + ", fsync="
        + fsync
        + ", fsyncInterval="
        + fsyncInterval
        + ", maxBytes="
        + maxBytes
        + ", required="
        + required
        + "]";
  }
}
