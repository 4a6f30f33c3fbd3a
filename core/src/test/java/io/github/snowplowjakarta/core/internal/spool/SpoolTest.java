package io.github.snowplowjakarta.core.internal.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.SpoolFsync;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.encoding.PayloadEncoder;
import io.github.snowplowjakarta.core.testing.Fixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SpoolTest {
  private static final long EIGHT_MIB = 8L << 20;

  @TempDir Path dir;

  private final PayloadEncoder encoder = new PayloadEncoder(TrackerSettings.of("spool-test"));
  private final List<Spool> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(Spool::close);
  }

  private Spool open(SpoolFsync fsync, long maxBytes) throws IOException {
    Spool spool = Spool.open(dir, fsync, Duration.ofMillis(50), maxBytes, Thread::new);
    opened.add(spool);
    return spool;
  }

  private Spool open() throws IOException {
    return open(SpoolFsync.INTERVAL, EIGHT_MIB);
  }

  private EncodedEvent event(String label, Anonymisation anonymisation) {
    return encoder
        .encode(
            Structured.builder().category("c").action("a").label(label).build(),
            Fixtures.fullSubject(),
            anonymisation)
        .get(0);
  }

  private EncodedEvent event(String label) {
    return event(label, Anonymisation.FULL_TRACKING);
  }

  private record Read(long id, EncodedEvent event) {}

  private static List<Read> readAll(Spool spool) throws IOException {
    List<Read> read = new ArrayList<>();
    spool.read((id, event) -> read.add(new Read(id, event)));
    return read;
  }

  private static List<String> ids(List<Read> reads) {
    return reads.stream().map(r -> r.event().eventId()).toList();
  }

  private List<EncodedEvent> appendUnread(Spool spool, int count) throws IOException {
    List<EncodedEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      EncodedEvent event = event("e" + i);
      spool.append(event, null);
      events.add(event);
    }
    return events;
  }

  private Path onlySegment() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> segments = files.filter(f -> f.toString().endsWith(".seg")).sorted().toList();
      assertThat(segments).isNotEmpty();
      return segments.get(0);
    }
  }

  private long segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".seg")).count();
    }
  }

  @ParameterizedTest
  @EnumSource(SpoolFsync.class)
  void eventsComeBackInOrderAfterARestartWithTheirAnonymisation(SpoolFsync fsync)
      throws IOException {
    Spool spool = open(fsync, EIGHT_MIB);
    EncodedEvent identified = event("one");
    EncodedEvent anonymous = event("two", Anonymisation.ANONYMOUS_SERVER);
    spool.append(identified, null);
    spool.append(anonymous, null);
    spool.close();

    Spool again = open(fsync, EIGHT_MIB);
    assertThat(again.recovered()).isEqualTo(2);
    List<Read> read = readAll(again);
    assertThat(ids(read)).containsExactly(identified.eventId(), anonymous.eventId());
    assertThat(read.get(0).event().serverAnonymisation()).isFalse();
    assertThat(read.get(1).event().serverAnonymisation()).isTrue();
    assertThat(read.get(1).event().toJson(1L)).isEqualTo(anonymous.toJson(1L));
  }

  @Test
  void anEventTakenAtOnceIsNotReadAgainButStaysUntilAcknowledged() throws IOException {
    Spool spool = open();
    List<Long> taken = new ArrayList<>();
    EncodedEvent event = event("direct");
    long id = spool.append(event, (i, e) -> taken.add(i));

    assertThat(taken).containsExactly(id);
    assertThat(spool.unread()).isZero();
    assertThat(readAll(spool)).isEmpty();
    spool.close();

    Spool again = open();
    assertThat(ids(readAll(again))).containsExactly(event.eventId());
  }

  @Test
  void onceSomethingWaitsNewEventsQueueBehindItInOrder() throws IOException {
    Spool spool = open();
    EncodedEvent first = event("first");
    spool.append(first, (i, e) -> false);
    List<Long> direct = new ArrayList<>();
    EncodedEvent second = event("second");
    spool.append(second, (i, e) -> direct.add(i));

    assertThat(direct).isEmpty();
    assertThat(spool.unread()).isEqualTo(2);
    assertThat(ids(readAll(spool))).containsExactly(first.eventId(), second.eventId());
    assertThat(spool.unread()).isZero();
  }

  @Test
  void aSinkWithoutRoomLeavesTheRestForLater() throws IOException {
    Spool spool = open();
    List<EncodedEvent> events = appendUnread(spool, 5);
    List<String> got = new ArrayList<>();
    spool.read((id, e) -> got.size() < 2 && got.add(e.eventId()));
    assertThat(got).hasSize(2);
    assertThat(spool.unread()).isEqualTo(3);
    spool.read((id, e) -> got.add(e.eventId()));
    assertThat(got).containsExactlyElementsOf(events.stream().map(EncodedEvent::eventId).toList());
  }

  @Test
  void acknowledgedEventsAreNotSentAgainAfterARestart() throws IOException {
    Spool spool = open();
    List<EncodedEvent> events = appendUnread(spool, 4);
    List<Read> read = readAll(spool);
    spool.ack(new long[] {read.get(0).id(), read.get(2).id()}, 2);
    spool.close();

    Spool again = open();
    assertThat(again.recovered()).isEqualTo(2);
    assertThat(ids(readAll(again)))
        .containsExactly(events.get(1).eventId(), events.get(3).eventId());
  }

  @Test
  void aSegmentIsDeletedOnceAllItsEventsAreAcknowledged() throws IOException {
    // 1 MiB bound: 128 KiB segments, which 600 events fill several of.
    Spool spool = open(SpoolFsync.NEVER, Spool.MIN_MAX_BYTES);
    appendUnread(spool, 600);
    long filesBefore = segmentFiles();
    assertThat(filesBefore).isGreaterThan(2);

    List<Read> read = readAll(spool);
    long[] ids = read.stream().mapToLong(Read::id).toArray();
    spool.ack(ids, ids.length);

    // The one being written to goes too: on a full disk its space is what lets the spool go on.
    assertThat(segmentFiles()).isZero();
    assertThat(spool.bytes()).isZero();
    assertThat(spool.segments()).isZero();
    spool.close();
    assertThat(open(SpoolFsync.NEVER, Spool.MIN_MAX_BYTES).recovered()).isZero();
  }

  @Test
  void aFullSpoolDropsItsOldestEventsAndCountsThem() throws IOException {
    Spool spool = open(SpoolFsync.NEVER, Spool.MIN_MAX_BYTES);
    List<EncodedEvent> events = appendUnread(spool, 3000);

    assertThat(spool.bytes()).isLessThanOrEqualTo(Spool.MIN_MAX_BYTES);
    assertThat(spool.dropped()).isPositive();
    List<Read> read = readAll(spool);
    // Nothing else is lost: what is kept is exactly the newest events, in order.
    assertThat(read.size() + spool.dropped()).isEqualTo(events.size());
    assertThat(ids(read))
        .containsExactlyElementsOf(
            events.subList((int) spool.dropped(), events.size()).stream()
                .map(EncodedEvent::eventId)
                .toList());
  }

  @Test
  void eventsAlreadyHandedOverAreNotCountedWhenTheirSegmentIsDropped() throws IOException {
    Spool spool = open(SpoolFsync.NEVER, Spool.MIN_MAX_BYTES);
    for (int i = 0; i < 3000; i++) {
      spool.append(event("e" + i), (id, e) -> true);
    }
    assertThat(spool.dropped()).isZero();
    assertThat(spool.bytes()).isLessThanOrEqualTo(Spool.MIN_MAX_BYTES);
  }

  @Test
  void aTornLastRecordIsSkippedAndTheRestKept() throws IOException {
    Spool spool = open();
    List<EncodedEvent> events = appendUnread(spool, 3);
    spool.close();
    Path segment = onlySegment();
    long size = Files.size(segment);
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.truncate(size - 10);
    }

    Spool again = open();
    assertThat(ids(readAll(again)))
        .containsExactly(events.get(0).eventId(), events.get(1).eventId());
    // New events go to a new segment and survive the next restart.
    EncodedEvent later = event("later");
    again.append(later, null);
    again.close();
    assertThat(ids(readAll(open())))
        .containsExactly(events.get(0).eventId(), events.get(1).eventId(), later.eventId());
  }

  @Test
  void aTornHeaderAndTrailingGarbageAreSkipped() throws IOException {
    Spool spool = open();
    List<EncodedEvent> events = appendUnread(spool, 2);
    spool.close();
    Path segment = onlySegment();
    Files.write(segment, new byte[] {0, 0, 1}, StandardOpenOption.APPEND);

    assertThat(ids(readAll(open())))
        .containsExactly(events.get(0).eventId(), events.get(1).eventId());
  }

  @Test
  void aRecordWithABadChecksumIsSkippedCountedAndTheRecordsAfterItKept() throws IOException {
    Spool spool = open();
    List<EncodedEvent> events = appendUnread(spool, 3);
    spool.close();
    Path segment = onlySegment();
    long secondRecordBody =
        RecordFormat.MAGIC.length
            + RecordFormat.HEADER
            + RecordFormat.storedSize(events.get(0))
            + 40;
    flipByteAt(segment, secondRecordBody);

    Spool again = open();
    assertThat(again.recovered()).isEqualTo(2);
    assertThat(again.skipped()).isEqualTo(1);
    assertThat(ids(readAll(again)))
        .containsExactly(events.get(0).eventId(), events.get(2).eventId());
  }

  @Test
  void aCorruptLengthIsNotFollowed() throws IOException {
    Spool spool = open();
    List<EncodedEvent> events = appendUnread(spool, 2);
    spool.close();
    Path segment = onlySegment();
    // The second record's length, made huge.
    long secondHeader =
        RecordFormat.MAGIC.length + RecordFormat.HEADER + RecordFormat.storedSize(events.get(0));
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.allocate(4).putInt(0, 0x7fff_0000), secondHeader);
    }

    assertThat(ids(readAll(open()))).containsExactly(events.get(0).eventId());
  }

  @Test
  void aFileThatIsNoSegmentIsRemovedNotFatal() throws IOException {
    Files.writeString(dir.resolve("00000000000000000007.seg"), "not a spool segment");
    Spool spool = open();
    assertThat(spool.recovered()).isZero();
    assertThat(dir.resolve("00000000000000000007.seg")).doesNotExist();
    EncodedEvent event = event("after");
    spool.append(event, null);
    assertThat(ids(readAll(spool))).containsExactly(event.eventId());
  }

  @Test
  void aTornAcknowledgementOnlySendsItsEventsAgain() throws IOException {
    Spool spool = open();
    List<EncodedEvent> events = appendUnread(spool, 3);
    List<Read> read = readAll(spool);
    spool.ack(new long[] {read.get(0).id()}, 1);
    spool.ack(new long[] {read.get(1).id()}, 1);
    spool.close();
    Path ack = dir.resolve(onlySegment().getFileName().toString().replace(".seg", ".ack"));
    Files.write(ack, new byte[] {0, 0, 0, 1, 9}, StandardOpenOption.APPEND);

    assertThat(ids(readAll(open()))).containsExactly(events.get(2).eventId());
  }

  @Test
  void aSecondSpoolInTheSameJvmIsRefused() throws IOException {
    open();
    assertThatThrownBy(this::open)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("another emitter in this JVM");
  }

  @Test
  void aDirectoryLockedByAnotherProcessIsRefusedUntilItExits() throws Exception {
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                Fixtures.childClassPath(),
                SpoolLockHolder.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("locked");

      assertThatThrownBy(this::open)
          .isInstanceOf(IOException.class)
          .hasMessageContaining(dir.toString())
          .hasMessageContaining("locked by another process (pid " + holder.pid() + ")");
    } finally {
      holder.destroyForcibly();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    // The operating system released the dead process's lock.
    assertThat(open().recovered()).isZero();
  }

  @Test
  void aDirectoryThatCannotBeCreatedFailsToOpen() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertThatThrownBy(
            () ->
                Spool.open(
                    file.resolve("spool"),
                    SpoolFsync.INTERVAL,
                    Duration.ofSeconds(1),
                    EIGHT_MIB,
                    Thread::new))
        .isInstanceOf(IOException.class);
  }

  private static void flipByteAt(Path file, long position) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, position);
      one.put(0, (byte) (one.get(0) ^ 0x5a));
      one.rewind();
      channel.write(one, position);
    }
  }
}
