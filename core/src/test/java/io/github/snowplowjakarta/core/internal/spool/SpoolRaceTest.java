package io.github.snowplowjakarta.core.internal.spool;

import static io.github.snowplowjakarta.core.internal.spool.SpoolFixture.OWN_THREAD;
import static io.github.snowplowjakarta.core.internal.spool.SpoolFixture.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.emitter.SpoolFsync;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trackers appending while the reader prefetches, hands over into a small window and acknowledges,
 * and the bound drops the oldest segments: every record is handed over once, in order, or counted
 * as dropped.
 */
class SpoolRaceTest {
  private static final int WRITERS = 4;
  private static final int PER_WRITER = 1500;

  @TempDir Path dir;

  @Test
  void everyRecordIsHandedOverOnceInOrderOrCountedDropped() throws Exception {
    // 1 MiB: 6 000 events of about 600 bytes overflow it while the window is slow.
    Spool spool =
        Spool.open(
            dir, SpoolFsync.INTERVAL, Duration.ofMillis(20), Spool.MIN_MAX_BYTES, Thread::new);
    ArrayBlockingQueue<Long> window = new ArrayBlockingQueue<>(100);
    List<Long> handed = new ArrayList<>();
    Spool.Sink sink =
        (id, event) -> {
          if (!window.offer(id)) {
            return false;
          }
          handed.add(id); // under the spool's lock
          return true;
        };
    AtomicBoolean writing = new AtomicBoolean(true);
    CompletableFuture<Void> reader =
        CompletableFuture.runAsync(
            () -> {
              long[] batch = new long[50];
              try {
                while (writing.get() || spool.unread() > 0 || !window.isEmpty()) {
                  spool.prefetch();
                  spool.take(sink);
                  int n = 0;
                  Long id;
                  while (n < batch.length && (id = window.poll()) != null) {
                    batch[n++] = id;
                  }
                  spool.ack(batch, n);
                  if (n == 0) {
                    Thread.onSpinWait();
                  }
                }
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            },
            OWN_THREAD);
    List<CompletableFuture<Void>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      List<EncodedEvent> events = events(PER_WRITER);
      writers.add(
          CompletableFuture.runAsync(
              () -> {
                for (EncodedEvent event : events) {
                  try {
                    spool.write(event, sink);
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                }
              },
              OWN_THREAD));
    }
    try {
      CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } finally {
      writing.set(false); // so that the reader ends, and spins on no CPU, if the writers fail
    }
    reader.get(60, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(10)).until(() -> spool.unread() == 0);

    long total = WRITERS * PER_WRITER;
    synchronized (spool) {
      assertThat(handed.size() + spool.dropped()).isEqualTo(total);
      for (int i = 1; i < handed.size(); i++) {
        assertThat(handed.get(i)).isGreaterThan(handed.get(i - 1));
      }
    }
    System.out.printf("spool race: %d handed over, %d dropped%n", handed.size(), spool.dropped());
    assertThat(spool.skipped()).isZero();
    spool.close();
  }
}
