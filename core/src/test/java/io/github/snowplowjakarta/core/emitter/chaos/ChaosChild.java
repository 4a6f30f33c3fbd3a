package io.github.snowplowjakarta.core.emitter.chaos;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.emitter.EmitterStats;
import io.github.snowplowjakarta.core.emitter.SpoolFsync;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.encoding.PayloadEncoder;
import io.github.snowplowjakarta.core.testing.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A process for {@link SpoolChaosTest}: tracks with the spool on until it is killed, or drains what
 * the spool holds and exits, or fills the spool and exits. Every tracking thread writes, to a file
 * of its own, {@code I <eid>} before {@code add} and {@code A <eid>} (or {@code R <eid>}) after it,
 * each line one write to the operating system, which a SIGKILL cannot undo.
 *
 * <p>Arguments: mode (track, drain, fill), collector URI, spool directory, record directory, fsync
 * policy, seed, events per thread, threads, spool max bytes.
 */
public final class ChaosChild {
  private ChaosChild() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    URI collector = URI.create(args[1]);
    Path spool = Path.of(args[2]);
    Path records = Path.of(args[3]);
    SpoolFsync fsync = SpoolFsync.valueOf(args[4]);
    long seed = Long.parseLong(args[5]);
    int events = Integer.parseInt(args[6]);
    int threads = Integer.parseInt(args[7]);
    long maxBytes = Long.parseLong(args[8]);
    Random random = new Random(seed);

    Emitter emitter =
        Emitter.builder(collector)
            .spool(spool)
            .spoolFsync(fsync)
            .spoolFsyncInterval(Duration.ofMillis(200))
            .spoolMaxBytes(maxBytes)
            .batchSize(5 + random.nextInt(60))
            .queueCapacity(50 + random.nextInt(500))
            .flushInterval(Duration.ofMillis(20 + random.nextInt(100)))
            .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(300))
            .connectTimeout(Duration.ofSeconds(1))
            .responseTimeout(Duration.ofSeconds(2))
            .build();
    System.out.println("started");
    System.out.flush();

    switch (mode) {
      case "drain" -> {
        boolean flushed = emitter.flush(Duration.ofSeconds(60));
        emitter.close(Duration.ofSeconds(5));
        writeStats(records, emitter.stats(), flushed);
      }
      case "fill" -> {
        track(emitter, records, seed, events, threads);
        emitter.close(Duration.ofMillis(500));
        writeStats(records, emitter.stats(), false);
      }
      default -> {
        track(emitter, records, seed, events, threads);
        // Waits to be killed.
        while (System.in.read() >= 0) {
          // nothing
        }
      }
    }
    System.exit(0);
  }

  private static void track(Emitter emitter, Path records, long seed, int events, int threads)
      throws InterruptedException {
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long threadSeed = seed * 31 + t;
      Path file = records.resolve("thread-" + ProcessHandle.current().pid() + "-" + t + ".log");
      Thread worker =
          new Thread(
              () -> {
                try {
                  trackFrom(emitter, file, threadSeed, events);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
  }

  private static void trackFrom(Emitter emitter, Path file, long seed, int events)
      throws IOException {
    Random random = new Random(seed);
    PayloadEncoder encoder = new PayloadEncoder(TrackerSettings.of("chaos"));
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int i = 0; i < events; i++) {
        Anonymisation anonymisation =
            random.nextInt(4) == 0 ? Anonymisation.ANONYMOUS_SERVER : Anonymisation.FULL_TRACKING;
        EncodedEvent event =
            encoder
                .encode(
                    Structured.builder()
                        .category("chaos")
                        .action("a" + random.nextInt(1000))
                        .label("x".repeat(random.nextInt(600)))
                        .build(),
                    Fixtures.fullSubject(),
                    anonymisation)
                .get(0);
        line(out, "I " + event.eventId());
        boolean accepted = emitter.add(event);
        line(out, (accepted ? "A " : "R ") + event.eventId());
      }
    }
  }

  private static void line(FileChannel out, String text) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.US_ASCII));
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }

  private static void writeStats(Path records, EmitterStats stats, boolean flushed)
      throws IOException {
    Files.writeString(
        records.resolve("stats-" + ProcessHandle.current().pid() + ".txt"),
        stats.accepted()
            + " "
            + stats.sent()
            + " "
            + stats.failed()
            + " "
            + stats.dropped()
            + " "
            + flushed
            + "\n");
  }
}
