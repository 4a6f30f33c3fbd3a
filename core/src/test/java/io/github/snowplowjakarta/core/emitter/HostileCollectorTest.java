package io.github.snowplowjakarta.core.emitter;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.testing.TestCollector;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A collector, or whatever answers in its place, that sends without end or too slowly: the emitter
 * reads a bounded amount, drops the connection, counts and shows the failure, and delivers the
 * events to the next healthy answer. Each misbehaving server writes at most {@link #CAP} bytes, so
 * that code without the bounds fails these tests instead of exhausting the heap.
 */
@Timeout(60)
class HostileCollectorTest {
  private static final long CAP = 64L << 20;

  /**
   * What a client with bounds lets through: the kernel's socket buffers, far below {@link #CAP}.
   */
  private static final long READ_BOUND = 16L << 20;

  private final TestEvents events = new TestEvents("hostile-test");
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
  }

  private Emitter started(Emitter.Builder builder) {
    Emitter emitter =
        builder
            .listener(
                new EmitterListener() {
                  @Override
                  public void onFailure(
                      List<EncodedEvent> events, int status, Throwable error, boolean willRetry) {
                    if (error != null && willRetry) {
                      failures.add(error);
                    }
                  }
                })
            .build();
    toClose.add(() -> emitter.close(ofSeconds(2)));
    return emitter;
  }

  /** Timeouts far longer than the tests wait: only a bound on what is read can end an exchange. */
  private static Emitter.Builder patientEmitterTo(URI uri) {
    return Emitter.builder(uri)
        .retryBackoff(ofMillis(20), ofMillis(200))
        .connectTimeout(ofSeconds(2))
        .responseTimeout(ofSeconds(30));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Answers with {@code head}, then {@code unit} again and again, up to {@link #CAP} bytes. */
  private RawHttpServer endless(String head, String unit) throws IOException {
    RawHttpServer[] self = new RawHttpServer[1];
    byte[] units = ascii(unit.repeat(Math.max(1, 8192 / unit.length())));
    self[0] =
        new RawHttpServer(
            1,
            (socket, out) -> {
              self[0].write(out, ascii(head));
              while (self[0].bytesWritten.get() < CAP) {
                self[0].write(out, units); // until the client closes the connection
              }
              socket.getInputStream().read(); // then the client must leave
            });
    toClose.add(self[0]);
    return self[0];
  }

  /**
   * The misbehaving answer failed, bounded and quickly, the failure is visible, and the events
   * arrived with the healthy answer that followed.
   */
  private void retriedPastIt(RawHttpServer server, String visibleError) {
    Emitter emitter = started(patientEmitterTo(server.uri()));
    List<String> ids = events.add(emitter, 3);

    assertThat(emitter.flush(ofSeconds(10))).as("delivered well before the 30 s timeout").isTrue();

    assertThat(server.misansweredIds()).containsExactlyElementsOf(ids);
    assertThat(server.deliveredIds()).containsExactlyElementsOf(ids);
    assertThat(server.bytesWritten.get()).isLessThan(READ_BOUND);
    EmitterStats stats = emitter.stats();
    assertThat(stats.sent()).isEqualTo(3);
    assertThat(stats.retried()).isEqualTo(3);
    assertThat(stats.internalErrors()).isZero();
    assertThat(stats.lastError()).contains(visibleError);
    assertThat(failures).hasSize(1);
    List<String> later = events.add(emitter, 5);
    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    assertThat(server.deliveredIds()).containsAll(later);
  }

  @Test
  void endlessHeaderLinesAreCutAtTheHeaderCount() throws IOException {
    retriedPastIt(endless("HTTP/1.1 200 OK\r\n", "X-More: more\r\n"), "header count");
  }

  @Test
  void oneEndlessHeaderLineIsCutAtTheLineLength() throws IOException {
    retriedPastIt(endless("HTTP/1.1 200 OK\r\nX-Long: ", "x"), "line length");
  }

  @Test
  void anEndlessStatusLineIsCutAtTheLineLength() throws IOException {
    retriedPastIt(endless("HTTP/1.1 200 ", "O"), "line length");
  }

  @Test
  void endlessInterimContinuesAreCutWithinAMegabyte() throws IOException {
    retriedPastIt(endless("", "HTTP/1.1 100 Continue\r\n\r\n"), "connection dropped");
  }

  @Test
  void endlessInterimProcessingAnswersAreCutWithinAMegabyte() throws IOException {
    retriedPastIt(endless("", "HTTP/1.1 102 Processing\r\n\r\n"), "connection dropped");
  }

  /** Once the status is known the batch is delivered; the body is not read to its end. */
  private void deliveredDespiteIt(RawHttpServer server) {
    Emitter emitter = started(patientEmitterTo(server.uri()));
    List<String> ids = events.add(emitter, 3);

    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    assertThat(server.misansweredIds()).containsExactlyElementsOf(ids);
    assertThat(server.deliveredIds()).isEmpty();
    assertThat(emitter.stats().sent()).isEqualTo(3);
    assertThat(emitter.stats().internalErrors()).isZero();
    // Reading on after the status costs nothing: the connection is dropped within bounds.
    await()
        .atMost(ofSeconds(10))
        .untilAsserted(() -> assertThat(server.bytesWritten.get()).isLessThan(READ_BOUND));
    List<String> later = events.add(emitter, 5);
    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    assertThat(server.deliveredIds()).containsAll(later);
  }

  @Test
  void anEndlessChunkedBodyIsNotReadToItsEnd() throws IOException {
    deliveredDespiteIt(
        endless(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
            "10\r\n" + "b".repeat(16) + "\r\n"));
  }

  @Test
  void anEndlessChunkSizeLineIsNotReadToItsEnd() throws IOException {
    deliveredDespiteIt(endless("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "0"));
  }

  @Test
  void endlessTrailersAreNotReadToTheirEnd() throws IOException {
    deliveredDespiteIt(
        endless(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n",
            "X-Trailer: t\r\n"));
  }

  @Test
  void anEndlessBodyIsNotReadToItsEnd() throws IOException {
    deliveredDespiteIt(
        endless("HTTP/1.1 200 OK\r\nContent-Length: " + (CAP * 2) + "\r\n\r\n", "b"));
  }

  /**
   * An answer trickling one byte per 100 ms never lets the socket time out: the hard deadline
   * (connect + response timeout + 1 s) ends it, as a timed-out attempt like any other: the listener
   * is told, lastError says so, and the retry waits the short backoff, not the 60 s maximum.
   */
  @Test
  void anAnswerTricklingPastTheDeadlineIsATimeoutRetriedAfterTheUsualBackoff() throws IOException {
    RawHttpServer server =
        new RawHttpServer(
            1,
            (socket, out) -> {
              for (byte b : ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")) {
                out.write(b);
                out.flush();
                TimeUnit.MILLISECONDS.sleep(100); // the server's pace, not a wait in the test
              }
              socket.getInputStream().read();
            });
    toClose.add(server);
    Emitter emitter =
        started(
            Emitter.builder(server.uri())
                .retryBackoff(ofMillis(20), ofSeconds(60))
                .connectTimeout(ofMillis(500))
                .responseTimeout(ofMillis(500)));
    List<String> ids = events.add(emitter, 3);

    assertThat(emitter.flush(ofSeconds(15))).isTrue();

    assertThat(server.misansweredIds()).containsExactlyElementsOf(ids);
    assertThat(server.deliveredIds()).containsExactlyElementsOf(ids);
    EmitterStats stats = emitter.stats();
    assertThat(stats.internalErrors()).isZero();
    assertThat(stats.retried()).isEqualTo(3);
    assertThat(stats.lastError()).contains("no answer from the collector within 2000 ms");
    assertThat(failures).singleElement().isInstanceOf(TimeoutException.class);
  }

  /** A peer that takes the connection and never answers the TLS handshake: the timeouts hold. */
  @Test
  void aTlsHandshakeNeverAnsweredTimesOutAsAnAttempt() throws IOException {
    RawHttpServer silent = new RawHttpServer(() -> null); // never sees a request's end
    toClose.add(silent);
    Emitter emitter =
        started(
            Emitter.builder(URI.create("https://127.0.0.1:" + silent.uri().getPort()))
                .retryBackoff(ofMillis(20), ofMillis(200))
                .connectTimeout(ofMillis(500))
                .responseTimeout(ofMillis(500)));
    events.add(emitter, 3);

    await().atMost(ofSeconds(10)).until(() -> emitter.stats().retried() >= 6);

    EmitterStats stats = emitter.stats();
    assertThat(stats.internalErrors()).isZero();
    assertThat(stats.sent()).isZero();
    assertThat(stats.lastError()).startsWith("no answer: ");
    assertThat(failures).hasSizeGreaterThanOrEqualTo(2);
  }

  /** Threads as the default factory makes them, each remembered. */
  private static final class Threads implements ThreadFactory {
    final List<Thread> made = new CopyOnWriteArrayList<>();
    final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    final boolean interruptedAtStart;

    Threads(boolean interruptedAtStart) {
      this.interruptedAtStart = interruptedAtStart;
    }

    @Override
    public Thread newThread(Runnable task) {
      Thread thread =
          new Thread(
              () -> {
                if (interruptedAtStart) {
                  Thread.currentThread().interrupt();
                }
                task.run();
              },
              "hostile-test-" + made.size());
      thread.setDaemon(true);
      thread.setUncaughtExceptionHandler((dead, error) -> uncaught.add(error));
      made.add(thread);
      return thread;
    }
  }

  /**
   * An interrupt ends HttpClient's I/O reactor for good, as an {@link OutOfMemoryError} on its
   * thread does: every later request would fail. The emitter builds a new client, says so, and
   * delivers.
   */
  @Test
  void aDeadHttpClientIsReplacedAndLaterEventsArrive() {
    TestCollector collector = TestCollector.start();
    toClose.add(collector::close);
    Threads threads = new Threads(false);
    Emitter emitter =
        started(
            Emitter.builder(collector.uri())
                .retryBackoff(ofMillis(20), ofMillis(200))
                .threadFactory(threads));
    List<String> before = events.add(emitter, 3);
    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    // Every thread of the emitter: its worker ignores interrupts, HttpClient's reactor ends.
    threads.made.forEach(Thread::interrupt);
    await()
        .atMost(ofSeconds(10))
        .until(() -> threads.made.stream().anyMatch(thread -> !thread.isAlive()));
    List<String> after = events.add(emitter, 5);

    assertThat(emitter.flush(ofSeconds(15))).isTrue();

    List<String> received =
        collector.acceptedEvents().stream()
            .map(e -> e.get("eid").asText())
            .collect(Collectors.toList());
    assertThat(received).containsAll(before).containsAll(after);
    EmitterStats stats = emitter.stats();
    assertThat(stats.clientRestarts()).isEqualTo(1);
    assertThat(stats.lastError()).contains("HTTP client stopped");
    assertThat(stats.internalErrors()).isZero();
  }

  /**
   * A fatal error on HttpClient's I/O thread, as the {@link OutOfMemoryError} endless headers once
   * caused: the client knows it is dead, and why, so that the worker replaces it.
   */
  @Test
  void anErrorOnTheIoThreadLeavesAClientThatKnowsItIsDead() throws Exception {
    TestCollector collector = TestCollector.start();
    toClose.add(collector::close);
    Threads threads = new Threads(false);
    CollectorClient client =
        new CollectorClient(
            Emitter.builder(collector.uri()).settings(),
            threads,
            session -> {
              throw new OutOfMemoryError("a test's, on connecting");
            });
    toClose.add(() -> client.close(true));
    assertThat(client.deathCause()).isNull();

    client.send(List.of(events.one()), 1L, false);

    await().atMost(ofSeconds(10)).until(() -> client.deathCause() != null);
    assertThat(client.deathCause())
        .isEqualTo("its I/O thread ended with java.lang.OutOfMemoryError: a test's, on connecting");
    client.close(true);
    assertThat(client.deathCause()).as("closed on purpose: not dead").isNull();
  }

  /** A client that dies as soon as it is built is rebuilt once a second at most, not in a loop. */
  @Test
  void aClientThatKeepsDyingIsRebuiltAtMostOnceASecond() {
    Threads threads = new Threads(true);
    Emitter emitter =
        started(
            Emitter.builder(URI.create("http://127.0.0.1:9"))
                .retryBackoff(ofMillis(1), ofMillis(5))
                .threadFactory(threads));
    long started = System.nanoTime();
    events.add(emitter, 3);

    await().atMost(ofSeconds(10)).until(() -> emitter.stats().clientRestarts() >= 2);
    assertThat(emitter.flush(ofSeconds(2))).isFalse();

    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    EmitterStats stats = emitter.stats();
    assertThat(stats.clientRestarts()).isBetween(2L, seconds + 1);
    assertThat(stats.queueDepth()).isEqualTo(3);
    assertThat(stats.internalErrors()).isZero();
  }
}
