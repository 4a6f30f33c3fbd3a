package io.github.snowplowjakarta.core.emitter.chaos;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.emitter.EmitterStats;
import io.github.snowplowjakarta.core.emitter.RawHttpServer;
import io.github.snowplowjakarta.core.emitter.RawHttpServer.Misbehaviour;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.encoding.PayloadEncoder;
import io.github.snowplowjakarta.core.testing.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hostile-collector set, beside the kill set ({@link SpoolChaosTest}): one emitter against a
 * collector that answers each request, at random, with something without end (headers, one header
 * line, interim {@code 100 Continue}s, a chunked body, a body), a trickle slower than the deadline,
 * silence, a reset, or a proper {@code 200}; and meanwhile its HTTP client's I/O reactor is killed
 * a few times. Every event must arrive, the emitter must stay whole, no error may count as an
 * internal one, and each hostile answer must be cut within a bounded number of bytes.
 *
 * <p>{@code -Dchaos.seed=N} replays a run; {@code -Dchaos.rounds=N} makes it longer.
 */
@Timeout(180)
class HostileCollectorChaosTest {
  private static final long SEED = Long.getLong("chaos.seed", 20261206L);
  private static final int ROUNDS = Integer.getInteger("chaos.rounds", 8);
  private static final int EVENTS_PER_ROUND = 12;

  /** No hostile answer may write more than this: without bounds the client would read on. */
  private static final long CAP = 32L << 20;

  /** What one hostile answer gets through a client with bounds: socket buffers, at most. */
  private static final long READ_BOUND = 16L << 20;

  private final PayloadEncoder encoder = new PayloadEncoder(TrackerSettings.of("chaos-hostile"));
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final Map<String, Long> mostWritten = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Writes {@code head}, then {@code unit} until the client leaves or {@link #CAP} is reached. */
  private Misbehaviour endless(String name, String head, String unit) {
    byte[] units = ascii(unit.repeat(Math.max(1, 8192 / unit.length())));
    return (socket, out) -> {
      long written = 0;
      try {
        out.write(ascii(head));
        written += head.length();
        while (written < CAP) {
          out.write(units);
          written += units.length;
        }
        out.flush();
        socket.getInputStream().read();
      } finally {
        mostWritten.merge(name, written, Math::max);
      }
    };
  }

  private static Misbehaviour trickle() {
    return (socket, out) -> {
      for (byte b : ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")) {
        out.write(b);
        out.flush();
        TimeUnit.MILLISECONDS.sleep(100); // the server's pace: slower than the 2 s deadline
      }
    };
  }

  private static Misbehaviour silence() {
    return (socket, out) -> {
      socket.setSoTimeout(10_000);
      socket.getInputStream().read();
    };
  }

  private static Misbehaviour reset() {
    return (socket, out) -> {
      writeNow(out, "HTTP/1.1 2");
      socket.setSoLinger(true, 0);
    };
  }

  private static void writeNow(OutputStream out, String text) throws IOException {
    out.write(ascii(text));
    out.flush();
  }

  private Map<String, Misbehaviour> hostileAnswers() {
    Map<String, Misbehaviour> answers = new LinkedHashMap<>();
    answers.put("headers", endless("headers", "HTTP/1.1 200 OK\r\n", "X-More: more\r\n"));
    answers.put("header line", endless("header line", "HTTP/1.1 200 OK\r\nX-Long: ", "x"));
    answers.put("100 Continue", endless("100 Continue", "", "HTTP/1.1 100 Continue\r\n\r\n"));
    answers.put(
        "chunked body",
        endless(
            "chunked body",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
            "10\r\n" + "b".repeat(16) + "\r\n"));
    answers.put(
        "body",
        endless("body", "HTTP/1.1 200 OK\r\nContent-Length: " + (CAP * 2) + "\r\n\r\n", "b"));
    answers.put("trickle", trickle());
    answers.put("silence", silence());
    answers.put("reset", reset());
    return answers;
  }

  /**
   * What the issue saw: endless headers on every connection filled a 1 GiB heap and killed the
   * application's JVM. A child JVM with a 48 MiB heap, exiting at the first {@link
   * OutOfMemoryError}, against 256 MiB of headers on each of its first eight requests: it survives
   * and delivers every event.
   */
  @Test
  void endlessHeadersDoNotExhaustASmallHeap() throws Exception {
    long cap = 256L << 20;
    Misbehaviour headers =
        (socket, out) -> {
          byte[] lines = ascii("X-More: more\r\n".repeat(1024));
          long written = 0;
          try {
            out.write(ascii("HTTP/1.1 200 OK\r\n"));
            while (written < cap) {
              out.write(lines);
              written += lines.length;
            }
            out.flush();
            socket.getInputStream().read();
          } finally {
            mostWritten.merge("headers", written, Math::max);
          }
        };
    AtomicInteger hostileLeft = new AtomicInteger(8);
    RawHttpServer server =
        new RawHttpServer(() -> hostileLeft.getAndDecrement() > 0 ? headers : null);
    toClose.add(server);
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                Fixtures.childClassPath(),
                HostileChild.class.getName(),
                server.uri().toString(),
                "40")
            .redirectErrorStream(true)
            .start();
    toClose.add(child::destroyForcibly);
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(90, TimeUnit.SECONDS)).isTrue();
    String result =
        output.lines().filter(line -> line.startsWith("flushed=")).findFirst().orElse(output);
    System.out.println("chaos hostile child: " + result + ", most written " + mostWritten);

    assertThat(child.exitValue()).as(output).isZero();
    assertThat(result).contains("flushed=true", "sent=40", "internalErrors=0");
    assertThat(hostileLeft.get()).isNegative();
    assertThat(server.deliveredIds()).hasSize(40);
    assertThat(mostWritten.get("headers")).isLessThan(READ_BOUND);
  }

  /** The emitter's threads, remembered, to kill its HTTP client's reactor as an OOM would. */
  private static final class Threads implements ThreadFactory {
    final List<Thread> made = new CopyOnWriteArrayList<>();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "chaos-hostile-" + made.size());
      thread.setDaemon(true);
      made.add(thread);
      return thread;
    }

    /** Interrupts them all: the emitter's worker ignores it, HttpClient's reactor ends for good. */
    void killReactor() {
      made.forEach(Thread::interrupt);
    }

    long dead() {
      return made.stream().filter(thread -> !thread.isAlive()).count();
    }
  }

  @Test
  void everyEventArrivesThroughHostileAnswersAndReactorKills() throws Exception {
    Random random = new Random(SEED);
    Map<String, Misbehaviour> hostile = hostileAnswers();
    List<String> names = new ArrayList<>(hostile.keySet());
    Collections.shuffle(names, random);
    // Half the answers hostile, at random; each hostile kind in turn, so that all are met.
    Random pick = new Random(random.nextLong());
    AtomicInteger next = new AtomicInteger();
    RawHttpServer server =
        new RawHttpServer(
            () -> {
              String name;
              synchronized (pick) {
                name = pick.nextBoolean() ? names.get(next.getAndIncrement() % names.size()) : null;
              }
              answered.computeIfAbsent(name == null ? "200" : name, n -> new AtomicInteger());
              answered.get(name == null ? "200" : name).incrementAndGet();
              return name == null ? null : hostile.get(name);
            });
    toClose.add(server);
    Threads threads = new Threads();
    Emitter emitter =
        Emitter.builder(server.uri())
            .retryBackoff(ofMillis(10), ofMillis(100))
            .connectTimeout(ofMillis(500))
            .responseTimeout(ofMillis(500))
            .batchSize(3)
            .threadFactory(threads)
            .build();
    toClose.add(() -> emitter.close(ofSeconds(2)));
    Set<Integer> killRounds = new HashSet<>();
    // Not in the first round: HttpClient starts its reactor thread after build() returns.
    while (killRounds.size() < Math.min(2, ROUNDS - 1)) {
      killRounds.add(1 + random.nextInt(ROUNDS - 1));
    }
    System.out.printf("chaos hostile: seed %d, %d rounds, kills in %s%n", SEED, ROUNDS, killRounds);

    List<String> added = new ArrayList<>();
    long started = System.nanoTime();
    for (int round = 0; round < ROUNDS; round++) {
      if (killRounds.contains(round)) {
        long deadBefore = threads.dead();
        threads.killReactor();
        await().atMost(ofSeconds(10)).until(() -> threads.dead() > deadBefore);
      }
      for (int i = 0; i < EVENTS_PER_ROUND; i++) {
        EncodedEvent event =
            encoder
                .encode(
                    Structured.builder().category("chaos").action("hostile").build(),
                    Fixtures.fullSubject(),
                    Anonymisation.FULL_TRACKING)
                .get(0);
        assertThat(emitter.add(event)).isTrue();
        added.add(event.eventId());
      }
      assertThat(emitter.flush(ofSeconds(60))).as("round %d delivered", round).isTrue();
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    EmitterStats stats = emitter.stats();
    System.out.printf(
        "chaos hostile: %d ms, answers %s, most written %s, %s%n",
        millis, answered, mostWritten, stats);
    // Answered 200 by the server, or delivered to a hostile answer whose 200 head came first.
    Set<String> reached = new HashSet<>(server.deliveredIds());
    reached.addAll(server.misansweredIds());
    assertThat(reached).containsAll(added);
    assertThat(stats.sent()).isEqualTo(added.size());
    assertThat(stats.failed()).isZero();
    assertThat(stats.dropped()).isZero();
    assertThat(stats.internalErrors()).isZero();
    assertThat(stats.clientRestarts()).isEqualTo(killRounds.size());
    assertThat(mostWritten.values()).allSatisfy(bytes -> assertThat(bytes).isLessThan(READ_BOUND));
    // Every endless answer was met at least once in the default run.
    assertThat(answered.keySet()).containsAll(names);
  }
}
