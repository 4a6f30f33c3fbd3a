package io.github.snowplowjakarta.core.internal.spool;

import static io.github.snowplowjakarta.core.internal.spool.SpoolFixture.OWN_THREAD;
import static io.github.snowplowjakarta.core.internal.spool.SpoolFixture.event;
import static io.github.snowplowjakarta.core.internal.spool.SpoolFixture.eventIds;
import static io.github.snowplowjakarta.core.internal.spool.SpoolFixture.events;
import static io.github.snowplowjakarta.core.internal.spool.SpoolFixture.readAll;
import static io.github.snowplowjakarta.core.internal.spool.SpoolFixture.readIds;
import static io.github.snowplowjakarta.core.internal.spool.SpoolFixture.segmentFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.emitter.SpoolFsync;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Interrupts, a full disk, a kill: what the spool keeps, and that it goes on. */
class SpoolFaultTest {
  private static final long EIGHT_MIB = 8L << 20;

  @TempDir Path dir;

  private final List<Spool> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    Thread.interrupted();
    opened.forEach(Spool::close);
  }

  private Spool open(SpoolFsync fsync, long maxBytes, SpoolFiles files) throws IOException {
    Spool spool = Spool.open(dir, fsync, Duration.ofMillis(50), maxBytes, Thread::new, files);
    opened.add(spool);
    return spool;
  }

  private Spool open(SpoolFsync fsync) throws IOException {
    return open(fsync, EIGHT_MIB, SpoolFiles.DISK);
  }

  @ParameterizedTest
  @EnumSource(SpoolFsync.class)
  void anInterruptedTrackingThreadBreaksNothingAndKeepsItsInterrupt(SpoolFsync fsync)
      throws Exception {
    Spool spool = open(fsync);
    EncodedEvent first = event("interrupted");
    Thread.currentThread().interrupt();
    try {
      spool.append(first, null);
    } finally {
      assertThat(Thread.interrupted()).as("the interrupt is the caller's, kept").isTrue();
    }
    List<EncodedEvent> later = events(100);
    CompletableFuture<Void> healthy =
        CompletableFuture.runAsync(
            () -> {
              for (EncodedEvent event : later) {
                try {
                  spool.append(event, null);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              }
            },
            OWN_THREAD);
    healthy.get(30, TimeUnit.SECONDS);
    spool.close();

    List<String> expected = new ArrayList<>(List.of(first.eventId()));
    expected.addAll(eventIds(later));
    assertThat(readIds(open(fsync))).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @EnumSource(SpoolFsync.class)
  void closingOnAnInterruptedThreadKeepsEverything(SpoolFsync fsync) throws IOException {
    Spool spool = open(fsync);
    List<EncodedEvent> events = events(20);
    for (EncodedEvent event : events) {
      spool.append(event, null);
    }
    spool.ack(new long[] {1}, 1);
    Thread.currentThread().interrupt();
    spool.close();
    assertThat(Thread.interrupted()).isTrue();

    Spool again = open(fsync);
    assertThat(readIds(again)).containsExactlyElementsOf(eventIds(events.subList(1, 20)));
  }

  @ParameterizedTest
  @EnumSource(SpoolFsync.class)
  void anAcceptedEventIsInTheFileWhenAppendReturnsSoAKillCannotLoseIt(SpoolFsync fsync)
      throws IOException {
    Spool spool = open(fsync);
    EncodedEvent event = event("kept");
    spool.append(event, null);

    // Read through the file system, as the next process would, before anything else runs.
    Path segment = segmentFiles(dir).get(0);
    assertThat(Files.size(segment))
        .isEqualTo(
            RecordFormat.MAGIC.length + RecordFormat.HEADER + RecordFormat.storedSize(event));
  }

  @Test
  void aFullDiskRefusesEventsUntilTheCollectorTookTheRestThenTakesThemAgain() throws IOException {
    // A 1 MiB segment on a 300 KiB disk: the disk fills before the segment does.
    FullDisk disk = new FullDisk(300 * 1024);
    Spool spool = open(SpoolFsync.INTERVAL, EIGHT_MIB, disk);
    int accepted = 0;
    int refused = 0;
    for (EncodedEvent event : events(1000)) {
      try {
        spool.append(event, null);
        accepted++;
      } catch (IOException e) {
        assertThat(e).hasMessageContaining("No space left on device");
        refused++;
      }
    }
    assertThat(accepted).isPositive();
    assertThat(refused).isPositive();

    // The collector takes everything.
    long[] ids = readAll(spool).stream().mapToLong(SpoolFixture.Read::id).toArray();
    assertThat(ids).hasSize(accepted);
    spool.ack(ids, ids.length);
    assertThat(spool.segments()).isZero();
    assertThat(disk.used()).isZero();

    List<EncodedEvent> after = events(200);
    for (EncodedEvent event : after) {
      spool.append(event, null);
    }
    spool.close();
    assertThat(readIds(open(SpoolFsync.INTERVAL, EIGHT_MIB, disk)))
        .containsExactlyElementsOf(eventIds(after));
  }

  @Test
  void aSpoolOnAFullDiskOpensAgainKeepsWhatItAcceptedAndWorksOnceThereIsRoom() throws IOException {
    FullDisk disk = new FullDisk(300 * 1024);
    Spool spool = open(SpoolFsync.ALWAYS, EIGHT_MIB, disk);
    List<String> accepted = new ArrayList<>();
    for (EncodedEvent event : events(1000)) {
      try {
        spool.append(event, null);
        accepted.add(event.eventId());
      } catch (IOException e) {
        // refused: the disk is full
      }
    }
    spool.close();

    Spool again = open(SpoolFsync.ALWAYS, EIGHT_MIB, disk);
    assertThat(again.recovered()).isEqualTo(accepted.size());
    assertThat(again.skipped()).isZero();
    EncodedEvent refused = event("no room");
    assertThatThrownBy(() -> again.append(refused, null)).isInstanceOf(IOException.class);

    disk.capacity(Long.MAX_VALUE);
    EncodedEvent later = event("room again");
    again.append(later, null);
    List<String> expected = new ArrayList<>(accepted);
    expected.add(later.eventId());
    assertThat(readIds(again)).containsExactlyElementsOf(expected);
  }

  @Test
  void intervalSyncsInTheBackgroundEveryIntervalAndNeverLeavesItToTheSystem() throws Exception {
    Gates interval = new Gates();
    Spool spool = open(SpoolFsync.INTERVAL, EIGHT_MIB, interval);
    spool.append(event("synced soon"), null);
    await().atMost(Duration.ofSeconds(10)).until(() -> interval.syncs.get() > 0);
    spool.close();

    Gates never = new Gates();
    Spool unsynced = open(SpoolFsync.NEVER, EIGHT_MIB, never);
    for (EncodedEvent event : events(400)) {
      unsynced.append(event, null);
    }
    unsynced.close();
    assertThat(never.syncs.get()).isZero();
  }

  @Test
  void appendsAndRotationsGoOnWhileAnFsyncWaits() throws Exception {
    Gates gates = new Gates();
    // 128 KiB segments: 400 events rotate at least once.
    Spool spool = open(SpoolFsync.ALWAYS, Spool.MIN_MAX_BYTES, gates);
    gates.holdSyncs = true;
    CompletableFuture<Long> syncing =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return spool.append(event("waits for its fsync"), null);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            },
            OWN_THREAD);
    assertThat(gates.syncEntered.await(30, TimeUnit.SECONDS)).isTrue();

    for (EncodedEvent event : events(400)) {
      spool.write(event, null);
    }
    assertThat(segmentFiles(dir).size()).isGreaterThan(1);
    assertThat(syncing).isNotDone();
    gates.syncGate.countDown();
    assertThat(syncing.get(30, TimeUnit.SECONDS)).isEqualTo(1);
  }

  @Test
  void handingOverNeverWaitsForADiskRead() throws Exception {
    Gates gates = new Gates();
    Spool spool = open(SpoolFsync.INTERVAL, EIGHT_MIB, gates);
    List<EncodedEvent> events = events(10);
    for (EncodedEvent event : events) {
      spool.append(event, null);
    }
    gates.holdReads = true;
    CompletableFuture<Void> prefetching =
        CompletableFuture.runAsync(
            () -> {
              try {
                spool.prefetch();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            },
            OWN_THREAD);
    assertThat(gates.readEntered.await(30, TimeUnit.SECONDS)).isTrue();

    // While the read waits, the lock is free: appends go on, and take() hands over what is in
    // memory (nothing yet) without reading.
    spool.write(event("meanwhile"), null);
    List<String> taken = new ArrayList<>();
    assertThat(spool.take((id, e) -> taken.add(e.eventId()))).isZero();
    assertThat(prefetching).isNotDone();

    gates.readGate.countDown();
    prefetching.get(30, TimeUnit.SECONDS);
    spool.take((id, e) -> taken.add(e.eventId()));
    assertThat(taken).containsExactlyElementsOf(eventIds(events));
  }
}
