package io.github.snowplowjakarta.core.emitter;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TestCollector.Response;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every class of reply a collector, or what stands in front of it, can give; see the README. */
class CollectorRepliesTest {
  private final TestCollector collector = TestCollector.start();
  private final TestEvents events = new TestEvents("replies-test");
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<LogRecord> emitterLog = new CopyOnWriteArrayList<>();
  private final Logger emitterLogger = Logger.getLogger(Emitter.class.getName());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          emitterLog.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  CollectorRepliesTest() {
    emitterLogger.addHandler(capture);
  }

  @AfterEach
  void closeEverything() throws Exception {
    emitterLogger.removeHandler(capture);
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  private Emitter started(Emitter.Builder builder) {
    Emitter emitter = builder.build();
    toClose.add(() -> emitter.close(ofSeconds(2)));
    return emitter;
  }

  private Emitter.Builder emitterTo(URI uri) {
    return Emitter.builder(uri)
        .retryBackoff(ofMillis(20), ofMillis(200))
        .connectTimeout(ofSeconds(1))
        .responseTimeout(ofSeconds(1));
  }

  private List<String> acceptedIds() {
    return collector.acceptedEvents().stream()
        .map(e -> e.get("eid").asText())
        .collect(Collectors.toList());
  }

  private List<LogRecord> errorsLogged() {
    return emitterLog.stream()
        .filter(r -> r.getLevel() == java.util.logging.Level.SEVERE)
        .collect(Collectors.toList());
  }

  /** The emitter is still whole: later events reach the collector. */
  private void laterEventsArrive(Emitter emitter) {
    List<String> later = events.add(emitter, 5);
    assertThat(emitter.flush(ofSeconds(20))).isTrue();
    assertThat(acceptedIds()).containsAll(later);
  }

  @Test
  void aSuccessOtherThan200IsASuccess() {
    collector.enqueue(Response.status(204));
    Emitter emitter = started(emitterTo(collector.uri()));
    List<String> ids = events.add(emitter, 3);

    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    assertThat(acceptedIds()).containsExactlyElementsOf(ids);
    assertThat(emitter.stats().sent()).isEqualTo(3);
    laterEventsArrive(emitter);
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 307, 308})
  void aCollectorMovedToHttpsIsNotFollowedButNamedOnceAtErrorAndTheEventsWait(int status) {
    String moved = "https://collector.example.com" + TestCollector.POST_PATH;
    collector.respondWith(r -> Response.status(status).withHeader("Location", moved));
    Emitter emitter = started(emitterTo(collector.uri()));
    List<String> ids = events.add(emitter, 3);

    await().atMost(ofSeconds(10)).until(() -> collector.requests().size() >= 3);

    EmitterStats stats = emitter.stats();
    assertThat(stats.misconfiguration())
        .contains("HTTP " + status, moved, "moved to https", "snowplow.collector-uri");
    assertThat(stats.failed()).isZero();
    assertThat(stats.queueDepth()).isEqualTo(3);
    assertThat(errorsLogged()).hasSize(1);
    assertThat(errorsLogged().get(0).getMessage()).contains(moved, "will not change by itself");
    // Fixed where the emitter cannot see (a route restored): the kept events go.
    collector.respondWith(r -> Response.ok());
    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    assertThat(acceptedIds()).containsExactlyElementsOf(ids);
    assertThat(collector.requests()).allSatisfy(r -> assertThat(r.method()).isEqualTo("POST"));
    assertThat(emitter.stats().misconfiguration()).isNull();
    laterEventsArrive(emitter);
  }

  @Test
  void aRedirectWithoutLocationIsAMisconfigurationToo() {
    collector.respondWith(r -> Response.status(302));
    Emitter emitter = started(emitterTo(collector.uri()));
    events.add(emitter, 2);

    await().atMost(ofSeconds(10)).until(() -> emitter.stats().misconfiguration() != null);

    assertThat(emitter.stats().misconfiguration()).contains("without a Location");
    collector.respondWith(r -> Response.ok());
    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    assertThat(emitter.stats().sent()).isEqualTo(2);
    laterEventsArrive(emitter);
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403, 404, 405, 501})
  void aWrongPathMethodOrCredentialIsNamedOnceAtErrorAndTheEventsWait(int status) {
    collector.respondWith(r -> Response.status(status));
    Emitter emitter = started(emitterTo(collector.uri()));
    List<String> ids = events.add(emitter, 3);

    await().atMost(ofSeconds(10)).until(() -> collector.requests().size() >= 3);

    EmitterStats stats = emitter.stats();
    assertThat(stats.misconfiguration()).contains("answered HTTP " + status);
    assertThat(stats.lastError()).contains(Integer.toString(status));
    assertThat(stats.failed()).isZero();
    assertThat(errorsLogged()).hasSize(1);
    collector.respondWith(r -> Response.ok());
    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    assertThat(acceptedIds()).containsExactlyElementsOf(ids);
    assertThat(emitter.stats().misconfiguration()).isNull();
    laterEventsArrive(emitter);
  }

  @ParameterizedTest
  @ValueSource(ints = {414, 431})
  void aGetTooLongForTheCollectorGivesUpThatEventOnly(int status) {
    collector.enqueue(Response.status(status));
    Emitter emitter = started(emitterTo(collector.uri()).method(RequestMethod.GET));
    List<String> ids = events.add(emitter, 3);

    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    assertThat(emitter.stats().failed()).isEqualTo(1);
    assertThat(emitter.stats().sent()).isEqualTo(2);
    assertThat(acceptedIds()).hasSize(2).isSubsetOf(ids);
    laterEventsArrive(emitter);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "99999999999",
        "9223372036854775807",
        "999999999999999999999999",
        "Thu, 01 Jan 2263 00:00:00 GMT",
        "Fri, 31 Dec 9999 23:59:59 GMT",
        "-1",
        "soon"
      })
  void noRetryAfterStopsTheEmitter(String retryAfter) {
    collector.enqueue(Response.status(429).withHeader("Retry-After", retryAfter));
    collector.enqueue(Response.status(503).withHeader("Retry-After", retryAfter));
    Emitter emitter = started(emitterTo(collector.uri()).maxRetryAfter(ofMillis(300)));
    List<String> ids = events.add(emitter, 3);

    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    assertThat(acceptedIds()).containsExactlyElementsOf(ids);
    assertThat(emitter.stats().internalErrors()).isZero();
    laterEventsArrive(emitter);
  }

  @Test
  void aListenerThrowingAnErrorStopsNothing() {
    Emitter emitter =
        started(
            emitterTo(collector.uri())
                .listener(
                    new EmitterListener() {
                      @Override
                      public void onSuccess(List<EncodedEvent> events, int status) {
                        throw new StackOverflowError("a listener gone wrong");
                      }
                    }));
    events.add(emitter, 2);

    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    assertThat(emitter.stats().internalErrors()).isPositive();
    assertThat(emitter.stats().sent()).isEqualTo(2);
    laterEventsArrive(emitter);
  }

  // Raw sockets: answers no HTTP server library gives.

  private RawHttpServer misbehaving(RawHttpServer.Misbehaviour misbehaviour) throws IOException {
    RawHttpServer server = new RawHttpServer(1, misbehaviour);
    toClose.add(server);
    return server;
  }

  private static void waitForTheClientToLeave(Socket socket) throws IOException {
    socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(30));
    while (socket.getInputStream().read() >= 0) {
      // Until the client closes the connection.
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private void laterEventsArrive(Emitter emitter, RawHttpServer server) {
    List<String> later = events.add(emitter, 5);
    assertThat(emitter.flush(ofSeconds(20))).isTrue();
    assertThat(server.deliveredIds()).containsAll(later);
  }

  @Test
  void noAnswerAtAllIsRetried() throws IOException {
    RawHttpServer server = misbehaving((socket, out) -> waitForTheClientToLeave(socket));
    Emitter emitter = started(emitterTo(server.uri()));
    List<String> ids = events.add(emitter, 3);

    assertThat(emitter.flush(ofSeconds(20))).isTrue();

    assertThat(server.misansweredIds()).containsExactlyElementsOf(ids);
    assertThat(server.deliveredIds()).containsExactlyElementsOf(ids);
    laterEventsArrive(emitter, server);
  }

  @Test
  void aSuccessWhoseBodyNeverEndsIsASuccessAndItsConnectionIsDropped() throws IOException {
    RawHttpServer server =
        misbehaving(
            (socket, out) -> {
              out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\nok"));
              out.flush();
              waitForTheClientToLeave(socket);
            });
    Emitter emitter = started(emitterTo(server.uri()));
    List<String> ids = events.add(emitter, 3);

    assertThat(emitter.flush(ofSeconds(20))).isTrue();

    assertThat(server.misansweredIds()).containsExactlyElementsOf(ids);
    assertThat(server.deliveredIds()).isEmpty();
    assertThat(emitter.stats().sent()).isEqualTo(3);
    laterEventsArrive(emitter, server);
  }

  @Test
  void aConnectionResetInTheBodyOfASuccessIsASuccess() throws IOException {
    RawHttpServer server =
        misbehaving(
            (socket, out) -> {
              out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nsome"));
              out.flush();
              socket.setSoLinger(true, 0); // close() now sends a reset
            });
    Emitter emitter = started(emitterTo(server.uri()));
    List<String> ids = events.add(emitter, 3);

    assertThat(emitter.flush(ofSeconds(20))).isTrue();

    assertThat(server.misansweredIds()).containsExactlyElementsOf(ids);
    assertThat(server.deliveredIds()).isEmpty();
    assertThat(emitter.stats().sent()).isEqualTo(3);
    laterEventsArrive(emitter, server);
  }

  @Test
  void aConnectionResetBeforeTheStatusIsRetried() throws IOException {
    RawHttpServer server =
        misbehaving(
            (socket, out) -> {
              out.write(ascii("HTTP/1.1 2"));
              out.flush();
              socket.setSoLinger(true, 0);
            });
    Emitter emitter = started(emitterTo(server.uri()));
    List<String> ids = events.add(emitter, 3);

    assertThat(emitter.flush(ofSeconds(20))).isTrue();

    assertThat(server.deliveredIds()).containsExactlyElementsOf(ids);
    laterEventsArrive(emitter, server);
  }

  @Test
  void aHugeBodyIsNeverReadToItsEnd() throws IOException {
    long declared = 10L * 1024 * 1024 * 1024;
    RawHttpServer[] self = new RawHttpServer[1];
    RawHttpServer server =
        misbehaving(
            (socket, out) -> {
              out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: " + declared + "\r\n\r\n"));
              byte[] chunk = new byte[64 * 1024];
              while (self[0].bytesWritten.get() < declared) {
                self[0].write(out, chunk); // until the client closes the connection
              }
            });
    self[0] = server;
    Emitter emitter = started(emitterTo(server.uri()));
    List<String> ids = events.add(emitter, 3);

    assertThat(emitter.flush(ofSeconds(20))).isTrue();

    assertThat(server.misansweredIds()).containsExactlyElementsOf(ids);
    assertThat(emitter.stats().sent()).isEqualTo(3);
    laterEventsArrive(emitter, server);
    // Whatever the socket buffers held, far from the 10 GiB declared.
    assertThat(server.bytesWritten.get()).isLessThan(512L * 1024 * 1024);
  }

  @Test
  void aStatusLineDrippingSlowerThanTheDeadlineIsAbandonedAndRetried() throws IOException {
    RawHttpServer server =
        misbehaving(
            (socket, out) -> {
              byte[] line = ascii("HTTP/1.1 200 OK\r\nX-Drip: " + "x".repeat(10_000));
              for (byte b : line) {
                out.write(b);
                out.flush();
                TimeUnit.MILLISECONDS.sleep(100); // never idle for the 1 s socket timeout
              }
            });
    Emitter emitter = started(emitterTo(server.uri()));
    List<String> ids = events.add(emitter, 3);

    assertThat(emitter.flush(ofSeconds(20))).isTrue();

    assertThat(server.misansweredIds()).containsExactlyElementsOf(ids);
    assertThat(server.deliveredIds()).containsExactlyElementsOf(ids);
    laterEventsArrive(emitter, server);
  }
}
