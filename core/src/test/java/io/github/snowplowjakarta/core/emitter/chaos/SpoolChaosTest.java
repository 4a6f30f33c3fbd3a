package io.github.snowplowjakarta.core.emitter.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.emitter.SpoolFsync;
import io.github.snowplowjakarta.core.testing.Fixtures;
import io.github.snowplowjakarta.testing.TestCollector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real child JVMs track with the spool on and are killed with SIGKILL when they have accepted a
 * random number of events, while the collector is down, up, or going down and up under load; then
 * one more child on the same directory drains the spool into a healthy collector. Every {@code eid}
 * a child accepted ({@code add} returned true) must reach the collector, and nothing a child did
 * not at least try to add.
 *
 * <p>Short by default (a few kills per scenario, seconds); {@code -Dchaos.kills=50} makes the long
 * version, {@code -Dchaos.seed=N} replays one: see docs/durability.md. The seed is logged.
 */
class SpoolChaosTest {
  private static final long SEED = Long.getLong("chaos.seed", 20261129L);
  private static final int KILLS = Integer.getInteger("chaos.kills", 2);
  private static final int THREADS = 2;

  /** The default bound: the kill scenarios must not fill it (the full spool has its own). */
  private static final long MAX_BYTES = 256L << 20;

  private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path work;

  private final TestCollector collector = TestCollector.start();
  private boolean collectorUp = true;
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void stop() {
    children.forEach(Process::destroyForcibly);
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  private enum Outage {
    DOWN,
    UP,
    FLAPPING
  }

  @ParameterizedTest
  @EnumSource(
      value = SpoolFsync.class,
      names = {"ALWAYS", "INTERVAL"})
  void killedWhileTheCollectorIsDownNothingAcceptedIsLostOrSentTwice(SpoolFsync fsync)
      throws Exception {
    Result result = run(fsync, SEED, List.of(Outage.DOWN));
    assertThat(result.duplicates).isZero();
  }

  @Test
  void killedWhileTheCollectorIsUpDownOrRestartingNothingAcceptedIsLost() throws Exception {
    run(SpoolFsync.ALWAYS, SEED + 1, List.of(Outage.values()));
  }

  @Test
  void withFsyncEveryIntervalTheDefaultAKillLosesNothingAccepted() throws Exception {
    run(SpoolFsync.INTERVAL, SEED + 2, List.of(Outage.values()));
  }

  @Test
  void aFullSpoolDropsItsOldestEventsCountedAndNothingElse() throws Exception {
    Path spool = Files.createDirectories(work.resolve("spool"));
    Path records = Files.createDirectories(work.resolve("records"));
    down();
    Process fill = child("fill", spool, records, SpoolFsync.INTERVAL, SEED + 3, 4000, 1, 1 << 20);
    assertThat(fill.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(fill.exitValue()).isZero();
    long[] stats = stats(records);
    up();
    drain(spool, records);

    List<String> accepted = new ArrayList<>(readRecords(records).accepted);
    Set<String> received = receivedCounts().keySet();
    long lost = stats[2] + stats[3]; // failed + dropped, as the filling child counted them
    System.out.printf(
        "chaos full spool: seed %d, accepted %d, dropped %d, failed at close %d, received %d%n",
        SEED + 3, accepted.size(), stats[3], stats[2], received.size());
    assertThat(stats[3]).isPositive();
    assertThat(received).hasSize(accepted.size() - (int) lost);
    // What is missing is the oldest events, and only they.
    assertThat(received)
        .containsExactlyInAnyOrderElementsOf(accepted.subList((int) lost, accepted.size()));
  }

  private record Result(int accepted, int received, int duplicates) {}

  private Result run(SpoolFsync fsync, long seed, List<Outage> outages) throws Exception {
    Random random = new Random(seed);
    Path spool = Files.createDirectories(work.resolve("spool"));
    Path records = Files.createDirectories(work.resolve("records"));
    System.out.printf(
        "chaos: seed %d, fsync %s, %d kills, outages %s%n", seed, fsync, KILLS, outages);
    long started = System.nanoTime();
    for (int kill = 0; kill < KILLS; kill++) {
      Outage outage = outages.get(random.nextInt(outages.size()));
      if (outage == Outage.UP) {
        up();
      } else {
        down();
      }
      int before = readRecords(records).accepted.size();
      Process child =
          child("track", spool, records, fsync, random.nextLong(), 1_000_000, THREADS, MAX_BYTES);
      int target = before + 50 + random.nextInt(300);
      awaitAccepted(records, child, target);
      if (outage == Outage.FLAPPING) {
        // Outages of random lengths, counted in events accepted, under load; each switch cuts
        // the requests in flight.
        for (int flap = 0; flap < 2 + random.nextInt(4); flap++) {
          if (collectorUp) {
            down();
          } else {
            up();
          }
          target += 20 + random.nextInt(150);
          awaitAccepted(records, child, target);
        }
      }
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
      System.out.printf(
          "chaos: kill %d (%s, collector %s) after %d accepted, %d ms%n",
          kill + 1,
          outage,
          collectorUp ? "up" : "down",
          readRecords(records).accepted.size(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
    up();
    drain(spool, records);
    System.out.printf(
        "chaos: drained, %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

    Records tracked = readRecords(records);
    Map<String, Integer> received = receivedCounts();
    int duplicates = received.values().stream().mapToInt(n -> n - 1).sum();
    Set<String> inDoubt = new HashSet<>(received.keySet());
    inDoubt.removeAll(tracked.accepted);
    System.out.printf(
        "chaos: seed %d, fsync %s: accepted %d, received %d distinct, %d duplicates,"
            + " %d received whose add() was cut short by the kill%n",
        seed, fsync, tracked.accepted.size(), received.size(), duplicates, inDoubt.size());

    assertThat(tracked.rejected).isEmpty();
    // Set differences, not AssertJ's containsAll: the long version has tens of thousands.
    Set<String> invented = new HashSet<>(received.keySet());
    invented.removeAll(tracked.intended);
    assertThat(invented).as("received but never tracked").isEmpty();
    Set<String> lost = new HashSet<>(tracked.accepted);
    lost.removeAll(received.keySet());
    System.out.printf("chaos: %d accepted events lost%n", lost.size());
    // Every mode writes an event to the operating system before add() returns: a killed
    // process loses nothing it accepted (a machine crash is another matter: see SpoolFsync).
    assertThat(lost).isEmpty();
    // Only an add() in progress when its process was killed may have been delivered unrecorded.
    assertThat(inDoubt.size()).isLessThanOrEqualTo(KILLS * THREADS);
    return new Result(tracked.accepted.size(), received.size(), duplicates);
  }

  private void up() {
    if (!collectorUp) {
      collector.restart();
      collectorUp = true;
    }
  }

  private void down() {
    if (collectorUp) {
      collector.refuseConnections();
      collectorUp = false;
    }
  }

  private void awaitAccepted(Path records, Process child, int target) {
    await()
        .atMost(CHILD_TIMEOUT)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> !child.isAlive() || readRecords(records).accepted.size() >= target);
    assertThat(child.isAlive()).as("the child is still tracking").isTrue();
  }

  private void drain(Path spool, Path records) throws Exception {
    Process drain = child("drain", spool, records, SpoolFsync.INTERVAL, 0, 0, 0, MAX_BYTES);
    assertThat(drain.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(drain.exitValue()).isZero();
  }

  private Process child(
      String mode,
      Path spool,
      Path records,
      SpoolFsync fsync,
      long seed,
      int events,
      int threads,
      long maxBytes)
      throws IOException {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                Fixtures.childClassPath(),
                ChaosChild.class.getName(),
                mode,
                collector.uri().toString(),
                spool.toString(),
                records.toString(),
                fsync.name(),
                Long.toString(seed),
                Integer.toString(events),
                Integer.toString(threads),
                Long.toString(maxBytes))
            .redirectError(work.resolve("child-" + children.size() + ".err").toFile())
            .start();
    children.add(process);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).as("child started, see " + work).isEqualTo("started");
    return process;
  }

  private record Records(
      Set<String> intended,
      Set<String> accepted,
      Set<String> rejected,
      Map<Path, List<String>> acceptedByFile) {}

  /** Every thread's lines, in file order; a line torn by the kill is ignored. */
  private static Records readRecords(Path records) throws IOException {
    Records read =
        new Records(new HashSet<>(), new LinkedHashSet<>(), new HashSet<>(), new HashMap<>());
    List<Path> files;
    try (Stream<Path> list = Files.list(records)) {
      files = list.filter(f -> f.getFileName().toString().startsWith("thread-")).sorted().toList();
    }
    for (Path file : files) {
      List<String> acceptedHere = new ArrayList<>();
      read.acceptedByFile.put(file, acceptedHere);
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        if (line.length() != 38) {
          continue;
        }
        String eid = line.substring(2);
        switch (line.charAt(0)) {
          case 'I' -> read.intended.add(eid);
          case 'A' -> {
            read.accepted.add(eid);
            acceptedHere.add(eid);
          }
          default -> read.rejected.add(eid);
        }
      }
    }
    return read;
  }

  private static long[] stats(Path records) throws IOException {
    try (Stream<Path> list = Files.list(records)) {
      Path file =
          list.filter(f -> f.getFileName().toString().startsWith("stats-")).findFirst().get();
      String[] fields = Files.readString(file).trim().split(" ");
      return new long[] {
        Long.parseLong(fields[0]),
        Long.parseLong(fields[1]),
        Long.parseLong(fields[2]),
        Long.parseLong(fields[3])
      };
    }
  }

  private Map<String, Integer> receivedCounts() {
    Map<String, Integer> counts = new HashMap<>();
    collector.acceptedEvents().forEach(e -> counts.merge(e.get("eid").asText(), 1, Integer::sum));
    return counts;
  }
}
