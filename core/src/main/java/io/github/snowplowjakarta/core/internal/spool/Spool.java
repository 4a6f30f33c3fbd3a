package io.github.snowplowjakarta.core.internal.spool;

import io.github.snowplowjakarta.core.emitter.SpoolFsync;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;

/**
 * The emitter's durable spool: an append-only log of encoded events in segment files of one
 * directory, read back in order, each segment deleted once the collector accepted all its events.
 * Not API, may change.
 *
 * <p>A segment file starts with {@link #MAGIC}; each record is its body length (4 bytes), a CRC32C
 * of its id and body (4), its id (8) and the body, the event's {@linkplain EncodedEvent#writeStored
 * stored form}. Ids are consecutive within a segment, and the file is named after its first. Beside
 * each segment, {@code .ack} holds the ids the collector accepted, in frames of a count, a CRC32C
 * and the ids, written without fsync: one lost after a machine crash only sends its event again.
 *
 * <p>Under {@link SpoolFsync#ALWAYS} a record is written and synced before {@link #append} returns.
 * Otherwise appends go to a buffer of {@link #PENDING_BYTES}, written to the operating system when
 * full and every 20 ms by a background thread (a system call per event would cost more than the
 * rest of {@code track()}), and synced every interval under {@link SpoolFsync#INTERVAL}: a killed
 * process loses at most the buffer, a machine crash at most the last interval. Over {@code
 * maxBytes} the oldest segments are dropped. Opening reads what earlier runs left, stops at the
 * first torn or corrupt record of a segment with a warning, and never appends to an old segment. A
 * lock file keeps a second process, or a second spool in this JVM, out of the directory: it fails
 * to open.
 *
 * <p>One lock guards everything but the fsync itself: appends are one positional write of a few
 * hundred bytes.
 */
public final class Spool implements AutoCloseable {
  private static final Logger LOG = System.getLogger(Spool.class.getName());
  private static final ThrottledLogger SYNC_LOG = new ThrottledLogger(Spool.class);

  static final byte[] MAGIC = "SPJSPL01".getBytes(StandardCharsets.US_ASCII);
  static final String SEGMENT_SUFFIX = ".seg";
  static final String ACK_SUFFIX = ".ack";
  static final String LOCK_FILE = "spool.lock";
  static final int HEADER = 16;
  static final int MAX_BODY = 2 * 1024 * 1024;

  /** The smallest bound: a little over one event of the largest size a collector takes. */
  public static final long MIN_MAX_BYTES = 1024 * 1024;

  private static final long MAX_SEGMENT_BYTES = 4L * 1024 * 1024;
  private static final long MIN_SEGMENT_BYTES = 64 * 1024;
  private static final int CHUNK_BYTES = 256 * 1024;

  /** Under INTERVAL and NEVER, appends are buffered up to this many bytes ... */
  static final int PENDING_BYTES = 64 * 1024;

  /** ... and written to the operating system at least this often. */
  private static final long WRITE_EVERY_NANOS = 20_000_000;

  /** Takes an event the spool hands over, under the spool's lock; false when it has no room now. */
  @FunctionalInterface
  public interface Sink {
    boolean take(long id, EncodedEvent event);
  }

  private final Path directory;
  private final SpoolFsync fsync;
  private final long maxBytes;
  private final long segmentBytes;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private final TreeMap<Long, Segment> segments = new TreeMap<>();
  private Segment active;
  private long nextId;
  private long totalBytes;

  /** The next record to hand over: its segment, position and id. */
  private Segment readSegment;

  private long readPosition;
  private long readId;

  /** Records not handed over yet and not acknowledged. */
  private long unread;

  private long dropped;
  private long recovered;
  private final CRC32C crc = new CRC32C();
  private ByteBuffer writeBuffer = ByteBuffer.allocateDirect(64 * 1024);

  /** Records appended and not yet written to the operating system: never under ALWAYS. */
  private final ByteBuffer pending = ByteBuffer.allocateDirect(PENDING_BYTES);

  private ByteBuffer ackBuffer = ByteBuffer.allocate(4096);
  private ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);
  private Segment chunkSegment;
  private long chunkStart;

  private long appendedBytes;
  private final AtomicLong syncedBytes = new AtomicLong();
  private final Object syncLock = new Object();

  /** Under INTERVAL, segments rotated since the last sync. */
  private final List<FileChannel> unsynced = new ArrayList<>();

  private final Thread syncer;
  private volatile boolean closed;

  private Spool(
      Path directory,
      SpoolFsync fsync,
      long maxBytes,
      FileChannel lockChannel,
      FileLock lock,
      Duration fsyncInterval,
      ThreadFactory threads)
      throws IOException {
    this.directory = directory;
    this.fsync = fsync;
    this.maxBytes = maxBytes;
    this.segmentBytes = Math.max(MIN_SEGMENT_BYTES, Math.min(MAX_SEGMENT_BYTES, maxBytes / 8));
    this.lockChannel = lockChannel;
    this.lock = lock;
    recover();
    active = createSegment(nextId);
    if (fsync != SpoolFsync.ALWAYS) {
      long intervalNanos = fsyncInterval.toNanos();
      syncer = threads.newThread(() -> writeAndSyncEvery(intervalNanos));
      syncer.start();
    } else {
      syncer = null;
    }
  }

  /**
   * Opens the spool in {@code directory}, creating it if needed, and reads what earlier runs left.
   *
   * @throws IOException if the directory cannot be created or written, or another spool holds it
   */
  public static Spool open(
      Path directory,
      SpoolFsync fsync,
      Duration fsyncInterval,
      long maxBytes,
      ThreadFactory threads)
      throws IOException {
    if (maxBytes < MIN_MAX_BYTES) {
      throw new IllegalArgumentException(
          "spool max bytes must be at least " + MIN_MAX_BYTES + ", was " + maxBytes);
    }
    Files.createDirectories(directory);
    FileChannel lockChannel =
        FileChannel.open(
            directory.resolve(LOCK_FILE),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lockChannel.close();
      throw new IOException(
          "spool directory "
              + directory
              + " is already used by another emitter in this JVM: give each tracker a directory of"
              + " its own");
    }
    if (lock == null) {
      String holder = readHolder(lockChannel);
      lockChannel.close();
      throw new IOException(
          "spool directory "
              + directory
              + " is locked by another process"
              + holder
              + ": two processes must not share a spool directory");
    }
    try {
      lockChannel.truncate(0);
      lockChannel.write(
          ByteBuffer.wrap(
              Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)),
          0);
      return new Spool(directory, fsync, maxBytes, lockChannel, lock, fsyncInterval, threads);
    } catch (IOException | RuntimeException e) {
      lockChannel.close();
      throw e;
    }
  }

  private static String readHolder(FileChannel lockChannel) {
    try {
      ByteBuffer pid = ByteBuffer.allocate(32);
      lockChannel.read(pid, 0);
      String text = new String(pid.array(), 0, pid.position(), StandardCharsets.US_ASCII).trim();
      return text.matches("\\d+") ? " (pid " + text + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  public Path directory() {
    return directory;
  }

  /**
   * Appends the event and, under {@link SpoolFsync#ALWAYS}, syncs it: {@link #write} then {@link
   * #commit}.
   */
  public long append(EncodedEvent event, Sink direct) throws IOException {
    long id = write(event, direct);
    commit();
    return id;
  }

  /**
   * Appends the event: written to the operating system when this returns under {@link
   * SpoolFsync#ALWAYS}, into the buffer otherwise. When nothing older waits to be handed over,
   * {@code direct} is offered the event at once, under the lock, so the order of the log is the
   * order of hand-over.
   *
   * @return the record's id
   * @throws IOException if the event could not be written; it is not in the spool then
   */
  public long write(EncodedEvent event, Sink direct) throws IOException {
    int recordSize = HEADER + event.storedSize();
    long id;
    synchronized (this) {
      if (closed) {
        throw new IOException("spool closed");
      }
      if (recordSize - HEADER > MAX_BODY || recordSize + MAGIC.length > maxBytes) {
        throw new IOException("event of " + recordSize + " bytes is larger than the spool");
      }
      if (active.count > 0 && active.size + recordSize > segmentBytes) {
        rotate();
      }
      makeRoom(recordSize);
      id = nextId;
      boolean buffered = fsync != SpoolFsync.ALWAYS && recordSize <= pending.capacity();
      if (!buffered || pending.remaining() < recordSize) {
        writePending();
      }
      ByteBuffer target = buffered ? pending : recordBuffer(recordSize);
      int start = target.position();
      target.putInt(recordSize - HEADER).putInt(0).putLong(id);
      event.writeStored(target);
      crc.reset();
      crc.update(target.duplicate().limit(start + recordSize).position(start + 8));
      target.putInt(start + 4, (int) crc.getValue());
      if (!buffered) {
        target.flip();
        long position = active.size;
        while (target.hasRemaining()) {
          position += active.channel.write(target, position);
        }
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

  /**
   * Under {@link SpoolFsync#ALWAYS}, returns once everything written so far is on the disk; callers
   * arriving meanwhile share one fsync. Otherwise returns at once.
   */
  public void commit() throws IOException {
    if (fsync != SpoolFsync.ALWAYS) {
      return;
    }
    long end;
    synchronized (this) {
      end = appendedBytes;
    }
    syncTo(end);
  }

  /**
   * Writes the records buffered under {@link SpoolFsync#INTERVAL} and {@link SpoolFsync#NEVER} to
   * the operating system. They are the active segment's last bytes. If the write fails they stay
   * buffered, to be written again at the same place.
   */
  private void writePending() throws IOException {
    if (pending.position() == 0) {
      return;
    }
    ByteBuffer out = pending.duplicate().flip();
    long position = active.size - out.remaining();
    while (out.hasRemaining()) {
      position += active.channel.write(out, position);
    }
    pending.clear();
  }

  private ByteBuffer recordBuffer(int size) {
    if (writeBuffer.capacity() < size) {
      writeBuffer = ByteBuffer.allocateDirect(Math.max(size, writeBuffer.capacity() * 2));
    }
    writeBuffer.clear();
    return writeBuffer;
  }

  /**
   * Hands over records in order, oldest first, until {@code sink} has no room or none is left.
   *
   * @return how many were handed over
   */
  public synchronized int read(Sink sink) throws IOException {
    if (unread > 0) {
      writePending();
    }
    int handed = 0;
    while (unread > 0 && !closed) {
      if (readPosition >= readSegment.size) {
        Map.Entry<Long, Segment> next = segments.higherEntry(readSegment.baseId);
        if (next == null) {
          // Cannot happen while the counts agree; do not spin if they ever do not.
          LOG.log(Level.WARNING, "Snowplow spool counted " + unread + " unread records it lacks");
          unread = 0;
          break;
        }
        moveReadTo(next.getValue());
        continue;
      }
      ByteBuffer record = recordAt(readSegment, readPosition);
      int length = record.getInt(0);
      long id = record.getLong(8);
      if (!readSegment.isAcked(id)) {
        EncodedEvent event;
        try {
          event = EncodedEvent.readStored(record.position(HEADER));
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Snowplow spool record " + id + " unreadable, skipped", e);
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
        }
      }
      readPosition += HEADER + length;
      readId = id + 1;
    }
    return handed;
  }

  /** The record at this position, header first; the chunk is reloaded when it lacks it. */
  private ByteBuffer recordAt(Segment segment, long position) throws IOException {
    if (!inChunk(segment, position, HEADER)) {
      loadChunk(segment, position, HEADER);
    }
    int at = (int) (position - chunkStart);
    int length = chunk.getInt(at);
    if (!inChunk(segment, position, HEADER + length)) {
      loadChunk(segment, position, HEADER + length);
      at = 0;
    }
    return chunk.slice(at, HEADER + length);
  }

  private boolean inChunk(Segment segment, long position, int bytes) {
    return chunkSegment == segment
        && position >= chunkStart
        && position + bytes <= chunkStart + chunk.limit();
  }

  private void loadChunk(Segment segment, long position, int atLeast) throws IOException {
    if (chunk.capacity() < atLeast) {
      chunk = ByteBuffer.allocate(atLeast);
    }
    chunk.clear();
    chunk.limit((int) Math.min(chunk.capacity(), segment.size - position));
    readFully(segment.channel, chunk, position);
    chunk.flip();
    chunkSegment = segment;
    chunkStart = position;
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
      if (segment.fullyAcked() && segment != active) {
        delete(segment);
      } else {
        writeAcks(segment, ids);
      }
    } catch (IOException e) {
      SYNC_LOG.log(
          Level.WARNING,
          "Snowplow spool could not record acknowledgements in "
              + segment.ackFile
              + ": the events may be sent again after a restart",
          e);
    }
    ids.clear();
  }

  private void writeAcks(Segment segment, List<Long> ids) throws IOException {
    int size = 8 + 8 * ids.size();
    if (ackBuffer.capacity() < size) {
      ackBuffer = ByteBuffer.allocate(size);
    }
    ackBuffer.clear();
    ackBuffer.putInt(ids.size()).putInt(0);
    for (long id : ids) {
      ackBuffer.putLong(id);
    }
    ackBuffer.flip();
    crc.reset();
    crc.update(ackBuffer.array(), 8, size - 8);
    ackBuffer.putInt(4, (int) crc.getValue());
    if (segment.ackChannel == null) {
      segment.ackChannel =
          FileChannel.open(
              segment.ackFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
    }
    while (ackBuffer.hasRemaining()) {
      segment.ackChannel.write(ackBuffer);
    }
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

  /** The bytes of the segment files. */
  public synchronized long bytes() {
    return totalBytes;
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
        moveReadTo(segments.higherEntry(oldest.baseId).getValue());
      }
      unread -= lost;
      dropped += lost;
      delete(oldest);
      if (lost > 0) {
        SYNC_LOG.log(
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
    writePending();
    if (fsync == SpoolFsync.ALWAYS) {
      // A caller may be about to sync this segment's last record through the next one.
      active.channel.force(false);
      syncedBytes.accumulateAndGet(appendedBytes, Math::max);
    } else if (fsync == SpoolFsync.INTERVAL) {
      // Synced at the next interval, not here under the lock every appender waits for.
      unsynced.add(active.channel);
    }
    Segment old = active;
    active = createSegment(nextId);
    if (old.fullyAcked() || old.count == 0) {
      delete(old);
    }
  }

  private Segment createSegment(long baseId) throws IOException {
    Path file = directory.resolve(Segment.name(baseId, SEGMENT_SUFFIX));
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      ByteBuffer magic = ByteBuffer.wrap(MAGIC);
      while (magic.hasRemaining()) {
        channel.write(magic, magic.position());
      }
      if (fsync != SpoolFsync.NEVER) {
        channel.force(false);
        syncDirectory();
      }
    } catch (IOException e) {
      channel.close();
      Files.deleteIfExists(file);
      throw e;
    }
    Segment segment = new Segment(baseId, file, channel, MAGIC.length);
    segments.put(baseId, segment);
    totalBytes += MAGIC.length;
    if (readSegment == null) {
      moveReadTo(segment);
    }
    return segment;
  }

  private void syncDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Not every platform can open a directory; the segment's own fsync still holds its data.
    }
  }

  private void delete(Segment segment) throws IOException {
    segments.remove(segment.baseId);
    totalBytes -= segment.size;
    if (chunkSegment == segment) {
      chunkSegment = null;
    }
    segment.closeAndDelete();
  }

  private void syncTo(long end) throws IOException {
    synchronized (syncLock) {
      if (syncedBytes.get() >= end) {
        return;
      }
      FileChannel channel;
      long target;
      List<FileChannel> rotated;
      synchronized (this) {
        if (closed) {
          return;
        }
        channel = active.channel;
        target = appendedBytes;
        rotated = new ArrayList<>(unsynced);
        unsynced.clear();
      }
      for (FileChannel earlier : rotated) {
        forceUnlessDeleted(earlier);
      }
      forceUnlessDeleted(channel);
      syncedBytes.accumulateAndGet(target, Math::max);
    }
  }

  private static void forceUnlessDeleted(FileChannel channel) throws IOException {
    try {
      channel.force(false);
    } catch (ClosedChannelException e) {
      // Its segment was deleted meanwhile (acknowledged or dropped), or, under ALWAYS, rotated
      // after a sync of its own: nothing of it is left to keep.
    }
  }

  /** The background thread of INTERVAL and NEVER: writes what is buffered, syncs if due. */
  private void writeAndSyncEvery(long intervalNanos) {
    long lastSync = System.nanoTime();
    while (!closed) {
      LockSupport.parkNanos(this, Math.min(WRITE_EVERY_NANOS, intervalNanos));
      try {
        long end;
        synchronized (this) {
          if (closed) {
            return;
          }
          writePending();
          end = appendedBytes;
        }
        if (fsync == SpoolFsync.INTERVAL && System.nanoTime() - lastSync >= intervalNanos) {
          lastSync = System.nanoTime();
          syncTo(end);
        }
      } catch (IOException | RuntimeException e) {
        SYNC_LOG.log(Level.WARNING, "Snowplow spool write or fsync failed in " + directory, e);
      }
    }
  }

  /** Syncs what was appended (unless the policy is never), closes the files, releases the lock. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (syncer != null) {
      LockSupport.unpark(syncer);
    }
    synchronized (this) {
      try {
        writePending();
        if (fsync != SpoolFsync.NEVER) {
          for (FileChannel earlier : unsynced) {
            forceUnlessDeleted(earlier);
          }
          active.channel.force(false);
        }
        for (Segment segment : segments.values()) {
          if (segment == active && segment.count == 0) {
            segment.closeAndDelete();
          } else {
            segment.close();
          }
        }
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Snowplow spool in " + directory + " not closed cleanly", e);
      } finally {
        try {
          lock.release();
          lockChannel.close();
        } catch (IOException e) {
          LOG.log(Level.WARNING, "Snowplow spool lock in " + directory + " not released", e);
        }
      }
    }
  }

  // ---- reading what earlier runs left ----

  private void recover() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + SEGMENT_SUFFIX)) {
      stream.forEach(files::add);
    }
    TreeMap<Long, Path> byId = new TreeMap<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      String digits = name.substring(0, name.length() - SEGMENT_SUFFIX.length());
      if (digits.matches("\\d{20}")) {
        byId.put(Long.parseLong(digits), file);
      }
    }
    nextId = 1;
    for (Map.Entry<Long, Path> entry : byId.entrySet()) {
      nextId = Math.max(nextId, entry.getKey() + 1);
      Segment segment = recoverSegment(entry.getKey(), entry.getValue());
      if (segment == null) {
        continue;
      }
      nextId = Math.max(nextId, segment.endId());
      int left = segment.count - segment.ackedCount;
      if (left == 0) {
        segment.closeAndDelete();
        continue;
      }
      segments.put(segment.baseId, segment);
      totalBytes += segment.size;
      unread += left;
      recovered += left;
      if (readSegment == null) {
        moveReadTo(segment);
      }
    }
    // Acks of segments deleted before a crash could delete them.
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + ACK_SUFFIX)) {
      for (Path ack : stream) {
        String name = ack.getFileName().toString();
        String digits = name.substring(0, name.length() - ACK_SUFFIX.length());
        if (digits.matches("\\d{20}") && !segments.containsKey(Long.parseLong(digits))) {
          Files.deleteIfExists(ack);
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

  /** The segment's whole records and acknowledgements; null, deleted, if it has no records. */
  private Segment recoverSegment(long baseId, Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    long fileSize = channel.size();
    ByteBuffer magic = ByteBuffer.allocate(MAGIC.length);
    readFully(channel, magic, 0);
    if (magic.position() < MAGIC.length || !ByteBuffer.wrap(MAGIC).equals(magic.flip())) {
      channel.close();
      if (fileSize > 0) {
        LOG.log(Level.WARNING, "Snowplow spool: " + file + " is not a spool segment, removed");
      }
      Files.deleteIfExists(file);
      return null;
    }
    Segment segment = new Segment(baseId, file, channel, MAGIC.length);
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    ByteBuffer body = ByteBuffer.allocate(4096);
    long position = MAGIC.length;
    String problem = null;
    while (position < fileSize) {
      header.clear();
      readFully(channel, header, position);
      if (header.position() < HEADER) {
        problem = "a torn record header";
        break;
      }
      int length = header.getInt(0);
      int expected = header.getInt(4);
      long id = header.getLong(8);
      if (length <= 0 || length > MAX_BODY || position + HEADER + length > fileSize) {
        problem = "a torn or corrupt record length";
        break;
      }
      if (id != baseId + segment.count) {
        problem = "an unexpected record id " + id;
        break;
      }
      if (body.capacity() < length) {
        body = ByteBuffer.allocate(length);
      }
      body.clear().limit(length);
      readFully(channel, body, position + HEADER);
      crc.reset();
      crc.update(header.array(), 8, 8);
      crc.update(body.array(), 0, length);
      if ((int) crc.getValue() != expected) {
        problem = "a record whose checksum does not match";
        break;
      }
      position += HEADER + length;
      segment.count++;
    }
    segment.size = position;
    if (problem != null) {
      LOG.log(
          Level.WARNING,
          "Snowplow spool: "
              + file
              + " ends in "
              + problem
              + " at byte "
              + position
              + " (a crash while writing?): its last "
              + (fileSize - position)
              + " bytes are skipped, "
              + segment.count
              + " records before them are kept");
    }
    if (segment.count == 0) {
      segment.closeAndDelete();
      return null;
    }
    recoverAcks(segment);
    return segment;
  }

  private void recoverAcks(Segment segment) throws IOException {
    if (!Files.exists(segment.ackFile)) {
      return;
    }
    ByteBuffer acks = ByteBuffer.wrap(Files.readAllBytes(segment.ackFile));
    while (acks.remaining() >= 8) {
      int count = acks.getInt(acks.position());
      int expected = acks.getInt(acks.position() + 4);
      if (count <= 0 || (long) count * 8 > acks.remaining() - 8) {
        break;
      }
      crc.reset();
      crc.update(acks.array(), acks.position() + 8, count * 8);
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
              + segment.ackFile
              + " ends in a torn or corrupt frame; its events may be sent again");
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer target, long position)
      throws IOException {
    long at = position;
    while (target.hasRemaining()) {
      int read = channel.read(target, at);
      if (read < 0) {
        return;
      }
      at += read;
    }
  }

  @Override
  public String toString() {
    return "Spool[" + directory + ", fsync=" + fsync + ", maxBytes=" + maxBytes + "]";
  }
}
