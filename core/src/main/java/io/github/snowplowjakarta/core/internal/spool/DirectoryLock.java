package io.github.snowplowjakarta.core.internal.spool;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code spool.lock}: keeps a second process, or a second spool in this JVM, out of the directory.
 * The operating system releases it when the process dies.
 */
final class DirectoryLock {
  private static final Logger LOG = System.getLogger(Spool.class.getName());
  static final String LOCK_FILE = "spool.lock";

  private final Path directory;
  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(Path directory, FileChannel channel, FileLock lock) {
    this.directory = directory;
    this.channel = channel;
    this.lock = lock;
  }

  static DirectoryLock take(Path directory) throws IOException {
    FileChannel channel =
        FileChannel.open(
            directory.resolve(LOCK_FILE),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      channel.close();
      throw new IOException(
          "spool directory "
              + directory
              + " is already used by another emitter in this JVM: give each tracker a directory of"
              + " its own");
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String holder = readHolder(channel);
      channel.close();
      throw new IOException(
          "spool directory "
              + directory
              + " is locked by another process"
              + holder
              + ": two processes must not share a spool directory");
    }
    try {
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)),
          0);
    } catch (IOException e) {
      // Only for the message of a process locked out: a full disk must not stop the spool.
    }
    return new DirectoryLock(directory, channel, lock);
  }

  private static String readHolder(FileChannel channel) {
    try {
      ByteBuffer pid = ByteBuffer.allocate(32);
      channel.read(pid, 0);
      String text = new String(pid.array(), 0, pid.position(), StandardCharsets.US_ASCII).trim();
      return text.matches("\\d+") ? " (pid " + text + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Releases the lock; an interrupt of the calling thread is kept, not acted on. */
  void release() {
    boolean interrupted = Thread.interrupted();
    try {
      lock.release();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Snowplow spool lock in " + directory + " not released", e);
    } finally {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Snowplow spool lock in " + directory + " not closed", e);
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
