package io.github.snowplowjakarta.core.internal.spool;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the spool reaches its files; tests put a full disk in between. {@link #DISK} uses {@link
 * RandomAccessFile}, not {@code FileChannel}: an interrupted thread closes a {@code FileChannel} it
 * uses, for every thread, while a {@code RandomAccessFile} ignores interrupts.
 */
interface SpoolFiles {
  SpoolFiles DISK = new SpoolFiles() {};

  /** A new file, for reading and writing; fails if it exists. */
  default SpoolFile create(Path file) throws IOException {
    RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw");
    if (raf.length() > 0) {
      raf.close();
      throw new FileAlreadyExistsException(file.toString());
    }
    return new DiskFile(raf);
  }

  /** A file to append to, created if it does not exist. */
  default SpoolFile openForWriting(Path file) throws IOException {
    return new DiskFile(new RandomAccessFile(file.toFile(), "rw"));
  }

  /** An existing file, to read. */
  default SpoolFile openForReading(Path file) throws IOException {
    return new DiskFile(new RandomAccessFile(file.toFile(), "r"));
  }

  default void delete(Path file) throws IOException {
    Files.deleteIfExists(file);
  }

  /** An open file. Writes and reads are positional. */
  interface SpoolFile extends Closeable {
    void write(byte[] bytes, int offset, int length, long position) throws IOException;

    /** Reads up to {@code length} bytes; fewer only at the end of the file. */
    int read(byte[] bytes, int offset, int length, long position) throws IOException;

    long size() throws IOException;

    void truncate(long size) throws IOException;

    /** Forces what was written to the disk; does nothing once the file is closed. */
    void sync() throws IOException;
  }

  /**
   * One {@link RandomAccessFile}; its file pointer is moved only when a write is not sequential.
   */
  final class DiskFile implements SpoolFile {
    private final RandomAccessFile file;
    private long pointer;
    private volatile boolean closed;

    DiskFile(RandomAccessFile file) {
      this.file = file;
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length, long position)
        throws IOException {
      if (pointer != position) {
        file.seek(position);
      }
      pointer = -1;
      file.write(bytes, offset, length);
      pointer = position + length;
    }

    @Override
    public synchronized int read(byte[] bytes, int offset, int length, long position)
        throws IOException {
      pointer = -1;
      file.seek(position);
      int total = 0;
      while (total < length) {
        int read = file.read(bytes, offset + total, length - total);
        if (read < 0) {
          break;
        }
        total += read;
      }
      return total;
    }

    @Override
    public long size() throws IOException {
      return file.length();
    }

    @Override
    public synchronized void truncate(long size) throws IOException {
      pointer = -1;
      file.setLength(size);
    }

    @Override
    public void sync() throws IOException {
      if (closed) {
        return;
      }
      try {
        file.getFD().sync();
      } catch (IOException e) {
        if (!closed) {
          throw e;
        }
      }
    }

    @Override
    public void close() throws IOException {
      closed = true;
      file.close();
    }
  }
}
