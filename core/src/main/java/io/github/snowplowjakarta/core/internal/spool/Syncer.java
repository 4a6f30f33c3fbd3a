package io.github.snowplowjakarta.core.internal.spool;

import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import io.github.snowplowjakarta.core.internal.spool.SpoolFiles.SpoolFile;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The fsyncs: of the segment being written, of segments written since the last sync, and of the
 * directory once a segment was created. Never under the spool's lock: callers arriving while one
 * sync runs share the next.
 */
final class Syncer {
  private static final ThrottledLogger LOG = new ThrottledLogger(Spool.class);

  private final Path directory;
  private final Object syncLock = new Object();
  private final AtomicLong synced = new AtomicLong();

  /** Guarded by the spool's lock. */
  private final List<SpoolFile> unsynced = new ArrayList<>();

  private boolean directoryChanged;

  Syncer(Path directory) {
    this.directory = directory;
  }

  /** Under the spool's lock: a segment no more written to, to sync at the next sync. */
  void rotated(SpoolFile file) {
    unsynced.add(file);
  }

  /** Under the spool's lock: a segment file was created. */
  void created() {
    directoryChanged = true;
  }

  /**
   * What one sync covers: taken under the spool's lock. A class, not a record: see Anonymisation.
   */
  static final class Work {
    final List<SpoolFile> files;
    final boolean directory;
    final long end;

    Work(List<SpoolFile> files, boolean directory, long end) {
      this.files = files;
      this.directory = directory;
      this.end = end;
    }
  }

  /** Under the spool's lock: the work of a sync up to {@code end}, with {@code active} if any. */
  Work take(SpoolFile active, long end) {
    List<SpoolFile> files = new ArrayList<>(unsynced);
    unsynced.clear();
    if (active != null) {
      files.add(active);
    }
    boolean directory = directoryChanged;
    directoryChanged = false;
    return new Work(files, directory, end);
  }

  /** Interface to the spool, whose lock {@code work} takes. */
  interface WorkSource {
    Work take();
  }

  /** Returns once everything appended up to {@code end} is synced. */
  void syncTo(long end, WorkSource source) throws IOException {
    synchronized (syncLock) {
      if (synced.get() >= end) {
        return;
      }
      Work work = source.take();
      run(work);
      synced.accumulateAndGet(work.end, Math::max);
    }
  }

  void run(Work work) throws IOException {
    for (SpoolFile file : work.files) {
      file.sync();
    }
    if (work.directory) {
      syncDirectory();
    }
  }

  private void syncDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Not every platform can open a directory; the segment's own fsync still holds its data.
    }
  }

  /**
   * The background thread of {@link io.github.snowplowjakarta.core.emitter.SpoolFsync#INTERVAL}.
   */
  void loop(long intervalNanos, BooleanSupplier closed, WorkSource source, LongSupplier appended) {
    while (!closed.getAsBoolean()) {
      LockSupport.parkNanos(this, intervalNanos);
      if (closed.getAsBoolean()) {
        return;
      }
      try {
        syncTo(appended.getAsLong(), source);
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "Snowplow spool fsync failed in " + directory, e);
      }
    }
  }
}
