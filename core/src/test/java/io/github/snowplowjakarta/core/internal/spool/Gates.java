package io.github.snowplowjakarta.core.internal.spool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The real disk, where an fsync or a read can be made to wait until a test lets it go on. */
final class Gates implements SpoolFiles {
  final CountDownLatch syncEntered = new CountDownLatch(1);
  final CountDownLatch syncGate = new CountDownLatch(1);
  final CountDownLatch readEntered = new CountDownLatch(1);
  final CountDownLatch readGate = new CountDownLatch(1);
  volatile boolean holdSyncs;
  volatile boolean holdReads;
  final AtomicInteger syncs = new AtomicInteger();

  private static void pass(CountDownLatch entered, CountDownLatch gate) throws IOException {
    entered.countDown();
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new IOException("the test never opened the gate");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public SpoolFile create(Path file) throws IOException {
    return gated(SpoolFiles.super.create(file));
  }

  @Override
  public SpoolFile openForReading(Path file) throws IOException {
    if (holdReads) {
      pass(readEntered, readGate);
    }
    return SpoolFiles.super.openForReading(file);
  }

  private SpoolFile gated(SpoolFile file) {
    return new SpoolFile() {
      @Override
      public void write(byte[] bytes, int offset, int length, long position) throws IOException {
        file.write(bytes, offset, length, position);
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
      }

      @Override
      public void sync() throws IOException {
        if (holdSyncs) {
          pass(syncEntered, syncGate);
        }
        file.sync();
        syncs.incrementAndGet();
      }

      @Override
      public void close() throws IOException {
        file.close();
      }
    };
  }
}
