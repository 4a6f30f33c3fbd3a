package io.github.snowplowjakarta.core.internal.spool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A disk of {@code capacity} bytes in front of the real one: a write past it lands as far as there
 * was room and then fails as a full disk does; deleting or truncating a file gives its room back.
 */
final class FullDisk implements SpoolFiles {
  private final Map<Path, Long> sizes = new HashMap<>();
  private volatile long capacity;

  FullDisk(long capacity) {
    this.capacity = capacity;
  }

  synchronized long used() {
    return sizes.values().stream().mapToLong(Long::longValue).sum();
  }

  void capacity(long bytes) {
    capacity = bytes;
  }

  @Override
  public SpoolFile create(Path file) throws IOException {
    SpoolFile created = SpoolFiles.super.create(file);
    synchronized (this) {
      sizes.put(file, 0L);
    }
    return new Limited(file, created);
  }

  @Override
  public SpoolFile openForWriting(Path file) throws IOException {
    SpoolFile opened = SpoolFiles.super.openForWriting(file);
    synchronized (this) {
      sizes.put(file, opened.size());
    }
    return new Limited(file, opened);
  }

  @Override
  public synchronized void delete(Path file) throws IOException {
    SpoolFiles.super.delete(file);
    sizes.remove(file);
  }

  private final class Limited implements SpoolFile {
    private final Path path;
    private final SpoolFile file;

    Limited(Path path, SpoolFile file) {
      this.path = path;
      this.file = file;
    }

    @Override
    public void write(byte[] bytes, int offset, int length, long position) throws IOException {
      int fits;
      synchronized (FullDisk.this) {
        long size = sizes.getOrDefault(path, 0L);
        long room = capacity - used();
        long growth = Math.max(0, position + length - size);
        fits = growth <= room ? length : (int) Math.max(0, room - Math.max(0, position - size));
        sizes.put(path, Math.max(size, position + fits));
      }
      file.write(bytes, offset, fits, position);
      if (fits < length) {
        throw new IOException("No space left on device");
      }
    }

    @Override
    public int read(byte[] bytes, int offset, int length, long position) throws IOException {
      return file.read(bytes, offset, length, position);
    }

    @Override
    public long size() throws IOException {
      return file.size();
    }

    @Override
    public void truncate(long size) throws IOException {
      file.truncate(size);
      synchronized (FullDisk.this) {
        sizes.computeIfPresent(path, (p, old) -> Math.min(old, size));
      }
    }

    @Override
    public void sync() throws IOException {
      file.sync();
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }
}
