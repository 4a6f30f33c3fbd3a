package io.github.snowplowjakarta.core.internal.spool;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.encoding.PayloadEncoder;
import io.github.snowplowjakarta.core.testing.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** Events, reads and file surgery for the spool's tests. */
final class SpoolFixture {
  private static final PayloadEncoder ENCODER =
      new PayloadEncoder(TrackerSettings.of("spool-test"));

  /**
   * Runs each task on a new daemon thread: tasks that wait or spin must not share one. The common
   * pool does not do this: since Java 25 {@code CompletableFuture}'s default pool is the common
   * pool even at parallelism 1 (two CPUs), one worker for all tasks; Java 17 gave each task a
   * thread.
   */
  static final Executor OWN_THREAD =
      task -> {
        Thread thread = new Thread(task, "spool-test-task");
        thread.setDaemon(true);
        thread.start();
      };

  private SpoolFixture() {}

  static EncodedEvent event(String label) {
    return ENCODER
        .encode(
            Structured.builder().category("c").action("a").label(label).build(),
            Fixtures.fullSubject(),
            Anonymisation.FULL_TRACKING)
        .get(0);
  }

  static List<EncodedEvent> events(int count) {
    List<EncodedEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event("e" + i));
    }
    return events;
  }

  static List<String> eventIds(List<EncodedEvent> events) {
    return events.stream().map(EncodedEvent::eventId).toList();
  }

  record Read(long id, EncodedEvent event) {}

  static List<Read> readAll(Spool spool) throws IOException {
    List<Read> read = new ArrayList<>();
    spool.read((id, event) -> read.add(new Read(id, event)));
    return read;
  }

  static List<String> readIds(Spool spool) throws IOException {
    return readAll(spool).stream().map(r -> r.event().eventId()).toList();
  }

  static List<Path> segmentFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".seg")).sorted().toList();
    }
  }

  static void flipByteAt(Path file, long position) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, position);
      one.put(0, (byte) (one.get(0) ^ 0x5a));
      one.rewind();
      channel.write(one, position);
    }
  }

  /** The spool's log messages while it is open. */
  static final class Messages extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger(Spool.class.getName());
    final List<String> texts = new ArrayList<>();

    Messages() {
      logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
      texts.add(record.getMessage());
    }

    synchronized String all() {
      return String.join("\n", texts);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
    }
  }
}
