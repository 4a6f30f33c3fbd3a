package io.github.snowplowjakarta.core.internal.spool;

import static io.github.snowplowjakarta.core.internal.spool.RecordFormat.HEADER;
import static io.github.snowplowjakarta.core.internal.spool.RecordFormat.MAGIC;
import static io.github.snowplowjakarta.core.internal.spool.RecordFormat.MAX_BODY;

import io.github.snowplowjakarta.core.emitter.SpoolFsync;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import io.github.snowplowjakarta.core.internal.spool.SpoolFiles.SpoolFile;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;

/**
 * The emitter's durable spool: an append-only log of encoded events in segment files of one
 * directory ({@link RecordFormat}), read back in order, each segment deleted once the collector
 * accepted all its events ({@link AckLog}). Not API, may change.
 *
 * <p>Every record is written to the operating system before {@link #write} returns, one {@code
 * write} system call: a killed process loses nothing it accepted. Under {@link SpoolFsync#ALWAYS}
 * {@link #commit} then syncs it, outside every lock; under {@link SpoolFsync#INTERVAL} a background
 * thread syncs every interval ({@link Syncer}): a machine crash loses at most the last interval.
 * Files are reached through {@link SpoolFiles}, which no interrupt can close. A write that fails (a
 * full disk) seals its segment; the next event starts a new one, so the spool works again once
 * there is room. Over {@code maxBytes} the oldest segments are dropped. Opening reads what earlier
 * runs left ({@link Recovery}). The {@link DirectoryLock} keeps a second spool out.
 *
 * <p>One lock guards the state; under it are only writes of a record or an acknowledgement and the
 * creation of a segment file, never an fsync or a read from the disk: the reader's chunk is loaded
 * by {@link #prefetch} ({@link ReadAhead}) outside it.
 */
public final class Spool implements AutoCloseable {
  private static final Logger LOG = System.getLogger(Spool.class.getName());
  private static final ThrottledLogger WARN = new ThrottledLogger(Spool.class);

  /** The smallest bound: a little over one event of the largest size a collector takes. */
  public static final long MIN_MAX_BYTES = 1024 * 1024;

  static final long MAX_SEGMENT_BYTES = 4L * 1024 * 1024;
  private static final long MIN_SEGMENT_BYTES = 64 * 1024;

  /** Takes an event the spool hands over, under the spool's lock; false when it has no room now. */
  @FunctionalInterface
  public interface Sink {
    boolean take(long id, EncodedEvent event);
  }

  private final Path directory;
  private final SpoolFsync fsync;
  private final long maxBytes;
  private final long segmentBytes;
  private final SpoolFiles files;
  private final DirectoryLock lock;
  private final AckLog acks;
  private final ReadAhead readAhead;
  private final Syncer syncer;
  private final Thread syncThread;

  private final TreeMap<Long, Segment> segments;

  /** The segment being written; null until the next event when none is. */
  private Segment active;

  private long nextId;
  private long totalBytes;

  /** The next record to hand over: its segment (null if there is none), position and id. */
  private Segment readSegment;

  private long readPosition;
  private long readId;

  /** Records not handed over yet and not acknowledged. */
  private long unread;

  private long dropped;
  private final long recovered;
  private long skipped;
  private long appendedBytes;
  private final CRC32C crc = new CRC32C();
  private ByteBuffer recordBuffer = ByteBuffer.allocate(64 * 1024);
  private volatile boolean closed;

  private Spool(
      Path directory,
      SpoolFsync fsync,
      long maxBytes,
      SpoolFiles files,
      DirectoryLock lock,
      Duration fsyncInterval,
      ThreadFactory threads)
      throws IOException {
    this.directory = directory;
    this.fsync = fsync;
    this.maxBytes = maxBytes;
    this.segmentBytes = Math.max(MIN_SEGMENT_BYTES, Math.min(MAX_SEGMENT_BYTES, maxBytes / 8));
    this.files = files;
    this.lock = lock;
    this.acks = new AckLog(files);
    this.readAhead = new ReadAhead(files);
    this.syncer = new Syncer(directory);
    Recovery recovery = new Recovery(directory, files, acks);
    recovery.run();
    segments = recovery.segments;
    nextId = recovery.nextId;
    totalBytes = recovery.bytes;
    recovered = recovery.recovered;
    unread = recovered;
    skipped = recovery.skipped;
    if (!segments.isEmpty()) {
      moveReadTo(segments.firstEntry().getValue());
    }
    if (fsync == SpoolFsync.INTERVAL) {
      long intervalNanos = fsyncInterval.toNanos();
      syncThread =
          threads.newThread(
              () -> syncer.loop(intervalNanos, () -> closed, this::syncWork, this::appended));
      syncThread.start();
    } else {
      syncThread = null;
    }
  }

  /**
   * Opens the spool in {@code directory}, creating it if needed, and reads what earlier runs left.
   *
   * @throws IOException if the directory cannot be created or read, or another spool holds it
   */
  public static Spool open(
      Path directory,
      SpoolFsync fsync,
      Duration fsyncInterval,
      long maxBytes,
      ThreadFactory threads)
      throws IOException {
    return open(directory, fsync, fsyncInterval, maxBytes, threads, SpoolFiles.DISK);
  }

  static Spool open(
      Path directory,
      SpoolFsync fsync,
      Duration fsyncInterval,
      long maxBytes,
      ThreadFactory threads,
      SpoolFiles files)
      throws IOException {
    if (maxBytes < MIN_MAX_BYTES) {
      throw new IllegalArgumentException(
          "spool max bytes must be at least " + MIN_MAX_BYTES + ", was " + maxBytes);
    }
    Files.createDirectories(directory);
    DirectoryLock lock = DirectoryLock.take(directory);
    try {
      return new Spool(directory, fsync, maxBytes, files, lock, fsyncInterval, threads);
    } catch (IOException | RuntimeException e) {
      lock.release();
      throw e;
    }
  }

  public Path directory() {
    return directory;
  }

  /** {@link #write} then {@link #commit}. */
  public long append(EncodedEvent event, Sink direct) throws IOException {
    long id = write(event, direct);
    commit();
    return id;
  }

  /**
   * Appends the event, written to the operating system when this returns. When nothing older waits
   * to be handed over, {@code direct} is offered the event at once, under the lock, so the order of
   * the log is the order of hand-over.
   *
   * @return the record's id
   * @throws IOException if the event could not be written; it is not in the spool then
   */
  public long write(EncodedEvent event, Sink direct) throws IOException {
    int recordSize = HEADER + RecordFormat.storedSize(event);
    long id;
    synchronized (this) {
      if (closed) {
        throw new IOException("spool closed");
      }
      if (recordSize - HEADER > MAX_BODY || recordSize + MAGIC.length > maxBytes) {
        throw new IOException("event of " + recordSize + " bytes is larger than the spool");
      }
      if (nextId >= RecordFormat.MAX_ID) {
        throw new IOException("spool ids used up: delete the spool directory " + directory);
      }
      if (active == null
          || active.sealed
          || (active.count > 0 && active.size + recordSize > segmentBytes)) {
        rotate();
      }
      makeRoom(recordSize);
      id = nextId;
      if (recordBuffer.capacity() < recordSize) {
        recordBuffer = ByteBuffer.allocate(Math.max(recordSize, recordBuffer.capacity() * 2));
      }
      recordBuffer.clear();
      RecordFormat.write(id, event, recordBuffer, crc);
      try {
        active.file.write(recordBuffer.array(), 0, recordSize, active.size);
      } catch (IOException e) {
        if (active.count == 0) {
          try {
            delete(active);
          } catch (IOException notDeleted) {
            e.addSuppressed(notDeleted);
          }
        } else {
          seal(active);
        }
        throw e;
      }
      nextId++;
      active.count++;
      active.size += recordSize;
      totalBytes += recordSize;
      appendedBytes += recordSize;
      if (unread == 0 && direct != null && direct.take(id, event)) {
        readSegment = active;
        readPosition = active.size;
        readId = nextId;
      } else {
        unread++;
      }
    }
    return id;
  }

  /** After a failed write: the segment takes no more, and loses what the write left of it. */
  private void seal(Segment segment) {
    segment.sealed = true;
    try {
      segment.file.truncate(segment.size);
    } catch (IOException e) {
      // Read back, the torn record ends the segment: a crash would leave the same.
    }
  }

  /**
   * Under {@link SpoolFsync#ALWAYS}, returns once everything written so far is on the disk; callers
   * arriving meanwhile share one fsync. Otherwise returns at once.
   */
  public void commit() throws IOException {
    if (fsync != SpoolFsync.ALWAYS) {
      return;
    }
    syncer.syncTo(appended(), this::syncWork);
  }

  private synchronized long appended() {
    return appendedBytes;
  }

  private synchronized Syncer.Work syncWork() {
    if (closed) {
      return new Syncer.Work(List.of(), false, appendedBytes);
    }
    return syncer.take(active == null ? null : active.file, appendedBytes);
  }

  /**
   * Loads the next records to hand over into memory, if {@link #take} lacks them: a disk read, made
   * outside the spool's lock. For the thread that reads, before it takes the lock {@link #take}'s
   * sink needs.
   */
  public void prefetch() throws IOException {
    Segment segment;
    long position;
    long end;
    synchronized (this) {
      if (closed || unread == 0 || !advance()) {
        return;
      }
      if (readAhead.recordAt(readSegment, readPosition) != null) {
        return;
      }
      segment = readSegment;
      position = readPosition;
      end = readSegment.size;
    }
    try {
      readAhead.load(segment, position, end);
    } catch (IOException e) {
      synchronized (this) {
        if (segment.deleted) {
          return; // dropped or acknowledged meanwhile: the cursor moved on
        }
      }
      throw e;
    }
  }

  /**
   * Hands over records in order, oldest first, until {@code sink} has no room, none is left, or the
   * next is not in memory ({@link #prefetch} loads it). Never reads from the disk.
   *
   * @return how many were handed over
   */
  public synchronized int take(Sink sink) {
    int handed = 0;
    while (unread > 0 && !closed && advance()) {
      ByteBuffer record = readAhead.recordAt(readSegment, readPosition);
      if (record == null) {
        break;
      }
      int length = record.getInt(0);
      long id = record.getLong(8);
      if (!readSegment.isAcked(id)) {
        EncodedEvent event;
        try {
          event = RecordFormat.readStored(record.position(HEADER));
        } catch (RuntimeException e) {
          WARN.log(Level.WARNING, "Snowplow spool record " + id + " unreadable, skipped", e);
          event = null;
        }
        if (event != null && !sink.take(id, event)) {
          break;
        }
        unread--;
        if (event != null) {
          handed++;
        } else {
          dropped++;
          skipped++;
        }
      }
      readPosition += HEADER + length;
      readId = id + 1;
    }
    return handed;
  }

  /** {@link #prefetch} and {@link #take} until the sink is full or nothing is left. */
  public int read(Sink sink) throws IOException {
    int handed = 0;
    while (true) {
      prefetch();
      long before;
      synchronized (this) {
        before = unread;
      }
      handed += take(sink);
      synchronized (this) {
        if (unread == 0 || unread == before) {
          return handed;
        }
      }
    }
  }

  /**
   * Moves the cursor past damaged ranges and finished segments; false if there is no record to
   * read.
   */
  private boolean advance() {
    while (readSegment != null) {
      readPosition = readSegment.skipGap(readPosition);
      if (readPosition < readSegment.size) {
        return true;
      }
      Map.Entry<Long, Segment> next = segments.higherEntry(readSegment.baseId);
      if (next == null) {
        break;
      }
      moveReadTo(next.getValue());
    }
    // Cannot happen while the counts agree; do not spin if they ever do not.
    LOG.log(Level.WARNING, "Snowplow spool counted " + unread + " unread records it lacks");
    unread = 0;
    return false;
  }

  private void moveReadTo(Segment segment) {
    readSegment = segment;
    readPosition = MAGIC.length;
    readId = segment.baseId;
  }

  /** Records the collector accepted: a segment goes once all of its records are. */
  public synchronized void ack(long[] ids, int count) {
    if (closed) {
      return;
    }
    Segment current = null;
    List<Long> forCurrent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long id = ids[i];
      Map.Entry<Long, Segment> entry = segments.floorEntry(id);
      Segment segment = entry == null ? null : entry.getValue();
      if (segment == null || !segment.contains(id)) {
        continue; // dropped meanwhile
      }
      if (segment != current) {
        finishAcks(current, forCurrent);
        current = segment;
      }
      if (segment.ack(id)) {
        forCurrent.add(id);
      }
    }
    finishAcks(current, forCurrent);
  }

  private void finishAcks(Segment segment, List<Long> ids) {
    if (segment == null || ids.isEmpty()) {
      return;
    }
    try {
      if (segment.fullyAcked()) {
        // The one being written too: on a full disk, its space is what lets the spool go on.
        delete(segment);
      } else {
        acks.write(segment, ids);
      }
    } catch (IOException e) {
      WARN.log(
          Level.WARNING,
          "Snowplow spool could not record acknowledgements in "
              + segment.ackPath
              + ": the events may be sent again after a restart",
          e);
    }
    ids.clear();
  }

  /**
   * Whether the record is in the spool, not acknowledged: it will be read again after a restart.
   */
  public synchronized boolean holds(long id) {
    Map.Entry<Long, Segment> entry = segments.floorEntry(id);
    return entry != null && entry.getValue().contains(id) && !entry.getValue().isAcked(id);
  }

  /** Records not yet handed over. */
  public synchronized long unread() {
    return unread;
  }

  /** The id of the oldest record not handed over, or {@code Long.MAX_VALUE} if there is none. */
  public synchronized long oldestUnreadId() {
    return unread == 0 ? Long.MAX_VALUE : readId;
  }

  /** The id the next record will get. */
  public synchronized long nextId() {
    return nextId;
  }

  /** Records dropped unsent: the oldest, to stay within the bound, or unreadable ones. */
  public synchronized long dropped() {
    return dropped;
  }

  /** Records found on opening that earlier runs left unacknowledged. */
  public long recovered() {
    return recovered;
  }

  /** Records lost to damage: found corrupt or torn on opening, or unreadable when read. */
  public synchronized long skipped() {
    return skipped;
  }

  /** The bytes of the segment files. */
  public synchronized long bytes() {
    return totalBytes;
  }

  /** The segment files. */
  public synchronized int segments() {
    return segments.size();
  }

  private void makeRoom(int recordSize) throws IOException {
    while (totalBytes + recordSize > maxBytes) {
      Segment oldest = segments.firstEntry().getValue();
      if (oldest == active) {
        rotate();
        continue;
      }
      // The cursor is in the oldest segment or past it: records before it were handed over.
      int lost = 0;
      if (readSegment == oldest) {
        lost = oldest.unackedFrom(readId);
      }
      unread -= lost;
      dropped += lost;
      delete(oldest);
      if (lost > 0) {
        WARN.log(
            Level.WARNING,
            "Snowplow spool over its "
                + maxBytes
                + " bytes: dropped its oldest segment with "
                + lost
                + " unsent events");
      }
    }
  }

  private void rotate() throws IOException {
    Segment old = active;
    if (old != null && (old.fullyAcked() || old.count == 0)) {
      // First: an empty one has the name the next is given.
      delete(old);
    } else if (old != null && fsync != SpoolFsync.NEVER) {
      // Synced by the next sync, not here under the lock every appender waits for.
      syncer.rotated(old.file);
    }
    active = createSegment(nextId);
  }

  private Segment createSegment(long baseId) throws IOException {
    Path path = directory.resolve(RecordFormat.name(baseId, RecordFormat.SEGMENT_SUFFIX));
    SpoolFile file = files.create(path);
    try {
      file.write(MAGIC, 0, MAGIC.length, 0);
    } catch (IOException e) {
      file.close();
      files.delete(path);
      throw e;
    }
    Segment segment = new Segment(baseId, path, file, MAGIC.length);
    segments.put(baseId, segment);
    syncer.created();
    totalBytes += MAGIC.length;
    if (readSegment == null) {
      moveReadTo(segment);
    }
    return segment;
  }

  private void delete(Segment segment) throws IOException {
    segments.remove(segment.baseId);
    totalBytes -= segment.size;
    if (segment == active) {
      active = null;
    }
    if (segment == readSegment) {
      Map.Entry<Long, Segment> next = segments.higherEntry(segment.baseId);
      if (next != null) {
        moveReadTo(next.getValue());
      } else {
        readSegment = null;
      }
    }
    segment.closeAndDelete(files);
  }

  /**
   * Syncs what was appended (unless the policy is never), closes the files, releases the lock. An
   * interrupt of the calling thread changes none of it.
   */
  @Override
  public void close() {
    Syncer.Work last;
    synchronized (this) {
      if (closed) {
        return;
      }
      last = syncer.take(active == null ? null : active.file, appendedBytes);
      closed = true;
    }
    if (syncThread != null) {
      LockSupport.unpark(syncThread);
    }
    try {
      if (fsync != SpoolFsync.NEVER) {
        syncer.run(last);
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Snowplow spool in " + directory + " not synced on closing", e);
    }
    synchronized (this) {
      readAhead.close();
      for (Segment segment : segments.values()) {
        try {
          if (segment == active && segment.count == 0) {
            segment.closeAndDelete(files);
          } else {
            segment.close();
          }
        } catch (IOException e) {
          LOG.log(Level.WARNING, "Snowplow spool: " + segment.path + " not closed cleanly", e);
        }
      }
      lock.release();
    }
  }

  @Override
  public String toString() {
    return "Spool[" + directory + ", fsync=" + fsync + ", maxBytes=" + maxBytes + "]";
  }
}
