package io.github.snowplowjakarta.core.internal.spool;

import static io.github.snowplowjakarta.core.internal.spool.SpoolFixture.event;
import static io.github.snowplowjakarta.core.internal.spool.SpoolFixture.eventIds;
import static io.github.snowplowjakarta.core.internal.spool.SpoolFixture.events;
import static io.github.snowplowjakarta.core.internal.spool.SpoolFixture.flipByteAt;
import static io.github.snowplowjakarta.core.internal.spool.SpoolFixture.readAll;
import static io.github.snowplowjakarta.core.internal.spool.SpoolFixture.readIds;
import static io.github.snowplowjakarta.core.internal.spool.SpoolFixture.segmentFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.emitter.SpoolFsync;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.internal.spool.SpoolFixture.Messages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What start-up does with names and bytes it did not expect: never fail, never wrap, count. */
class SpoolDamageTest {
  @TempDir Path dir;

  private final List<Spool> opened = new ArrayList<>();
  private final Messages messages = new Messages();

  @AfterEach
  void closeAll() {
    opened.forEach(Spool::close);
    messages.close();
  }

  private Spool open() throws IOException {
    Spool spool =
        Spool.open(dir, SpoolFsync.INTERVAL, Duration.ofMillis(50), 8L << 20, Thread::new);
    opened.add(spool);
    return spool;
  }

  private List<EncodedEvent> writeAndClose(int count) throws IOException {
    Spool spool = open();
    List<EncodedEvent> events = events(count);
    for (EncodedEvent event : events) {
      spool.append(event, null);
    }
    spool.close();
    return events;
  }

  /** Where record {@code index} starts in a segment holding {@code events} from its first. */
  private static long recordStart(List<EncodedEvent> events, int index) {
    long position = RecordFormat.MAGIC.length;
    for (int i = 0; i < index; i++) {
      position += RecordFormat.HEADER + RecordFormat.storedSize(events.get(i));
    }
    return position;
  }

  @Test
  void aSegmentNameBeyondTheRangeOfIdsIsLeftAloneWithAWarning() throws IOException {
    Path huge = Files.write(dir.resolve("99999999999999999999.seg"), RecordFormat.MAGIC);

    Spool spool = open();
    EncodedEvent event = event("after");
    long id = spool.append(event, null);

    assertThat(id).isPositive();
    assertThat(readIds(spool)).containsExactly(event.eventId());
    assertThat(huge).exists();
    assertThat(messages.all()).contains(huge.toString()).contains("left alone");
  }

  @Test
  void aDirectoryNamedLikeASegmentIsLeftAloneAndItsNameNotReused() throws IOException {
    Path directory = Files.createDirectory(dir.resolve("00000000000000000001.seg"));

    Spool spool = open();
    EncodedEvent event = event("after");
    spool.append(event, null);
    spool.close();

    assertThat(directory).isDirectory();
    assertThat(messages.all()).contains(directory.toString());
    assertThat(readIds(open())).containsExactly(event.eventId());
  }

  @Test
  void aSegmentNamedNearTheEndOfTheLongRangeDoesNotMakeIdsWrap() throws IOException {
    Path nearMax =
        Files.write(dir.resolve(RecordFormat.name(Long.MAX_VALUE - 3, ".seg")), RecordFormat.MAGIC);

    Spool spool = open();
    List<Long> ids = new ArrayList<>();
    for (EncodedEvent event : events(5)) {
      ids.add(spool.append(event, null));
    }
    spool.close();

    assertThat(ids).allSatisfy(id -> assertThat(id).isPositive().isLessThan(1000));
    assertThat(nearMax).exists();
    Spool again = open();
    assertThat(again.recovered()).isEqualTo(5);
    assertThat(readAll(again)).extracting(SpoolFixture.Read::id).containsExactlyElementsOf(ids);
  }

  @Test
  void aFlippedByteLosesOnlyItsRecordTheIntactOnesAfterItAreRecoveredAndItIsCounted()
      throws IOException {
    List<EncodedEvent> events = writeAndClose(300);
    Path segment = segmentFiles(dir).get(0);
    flipByteAt(segment, recordStart(events, 30) + RecordFormat.HEADER + 50);

    Spool again = open();
    List<EncodedEvent> expected = new ArrayList<>(events);
    expected.remove(30);
    assertThat(again.recovered()).isEqualTo(299);
    assertThat(again.skipped()).isEqualTo(1);
    assertThat(readIds(again)).containsExactlyElementsOf(eventIds(expected));
    assertThat(messages.all())
        .contains("corrupt")
        .contains("1 records skipped")
        .doesNotContain("crash");
  }

  @Test
  void aCorruptLengthInTheMiddleIsNotFollowedAndTheRecordsAfterItAreFound() throws IOException {
    List<EncodedEvent> events = writeAndClose(3);
    Path segment = segmentFiles(dir).get(0);
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.allocate(4).putInt(0, 0x7fff_0000), recordStart(events, 1));
    }

    Spool again = open();
    assertThat(again.skipped()).isEqualTo(1);
    assertThat(readIds(again)).containsExactly(events.get(0).eventId(), events.get(2).eventId());
  }

  @Test
  void severalDamagedPlacesInOneSegmentEachLoseOnlyTheirRecords() throws IOException {
    List<EncodedEvent> events = writeAndClose(50);
    Path segment = segmentFiles(dir).get(0);
    // Record 10 and 11 hit together, record 40 alone.
    flipByteAt(segment, recordStart(events, 10) + RecordFormat.HEADER + 5);
    flipByteAt(segment, recordStart(events, 11) + 9);
    flipByteAt(segment, recordStart(events, 40) + 2);

    Spool again = open();
    List<EncodedEvent> expected = new ArrayList<>(events);
    expected.remove(40);
    expected.remove(11);
    expected.remove(10);
    assertThat(again.skipped()).isEqualTo(3);
    assertThat(again.recovered()).isEqualTo(47);
    assertThat(readIds(again)).containsExactlyElementsOf(eventIds(expected));
    again.close();
    // Read and not acknowledged: all there again after the next restart.
    assertThat(readIds(open())).containsExactlyElementsOf(eventIds(expected));
  }

  @Test
  void aFlippedByteInTheMagicNumberLosesNothing() throws IOException {
    List<EncodedEvent> events = writeAndClose(20);
    flipByteAt(segmentFiles(dir).get(0), 3);

    Spool again = open();
    assertThat(again.recovered()).isEqualTo(20);
    assertThat(readIds(again)).containsExactlyElementsOf(eventIds(events));
    assertThat(messages.all()).contains("damaged magic number");
  }

  @Test
  void aTornTailIsBlamedOnACrashAndCounted() throws IOException {
    List<EncodedEvent> events = writeAndClose(3);
    Path segment = segmentFiles(dir).get(0);
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.truncate(Files.size(segment) - 10);
    }

    Spool again = open();
    assertThat(again.skipped()).isEqualTo(1);
    assertThat(readIds(again)).containsExactly(events.get(0).eventId(), events.get(1).eventId());
    assertThat(messages.all()).contains("torn by a crash while writing");
  }

  @Test
  void aCorruptLastRecordIsNotBlamedOnACrash() throws IOException {
    List<EncodedEvent> events = writeAndClose(3);
    flipByteAt(segmentFiles(dir).get(0), recordStart(events, 2) + RecordFormat.HEADER + 3);

    Spool again = open();
    assertThat(again.skipped()).isEqualTo(1);
    assertThat(readIds(again)).containsExactly(events.get(0).eventId(), events.get(1).eventId());
    assertThat(messages.all()).contains("ends in a corrupt record").doesNotContain("crash");
  }
}
