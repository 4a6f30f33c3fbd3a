package io.github.snowplowjakarta.core.emitter;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.event.PageView;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.encoding.PayloadEncoder;
import io.github.snowplowjakarta.core.testing.Fixtures;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TestCollector.Request;
import io.github.snowplowjakarta.testing.TestCollector.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmitterTest {
  private final TestCollector collector = TestCollector.start();
  private final PayloadEncoder encoder = new PayloadEncoder(TrackerSettings.of("emitter-test"));
  private final List<Emitter> emitters = new ArrayList<>();

  @AfterEach
  void closeEverything() {
    emitters.forEach(emitter -> emitter.close(ofSeconds(2)));
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  private Emitter.Builder emitterTo() {
    return Emitter.builder(collector.uri())
        .retryBackoff(ofMillis(20), ofMillis(200))
        .connectTimeout(ofSeconds(2))
        .responseTimeout(ofSeconds(2));
  }

  private Emitter started(Emitter.Builder builder) {
    Emitter emitter = builder.build();
    emitters.add(emitter);
    return emitter;
  }

  private EncodedEvent event(Anonymisation anonymisation) {
    return encoder
        .encode(
            Structured.builder().category("c").action("a").build(),
            Fixtures.fullSubject(),
            anonymisation)
        .get(0);
  }

  private EncodedEvent event() {
    return event(Anonymisation.FULL_TRACKING);
  }

  private List<EncodedEvent> addEvents(Emitter emitter, int count) {
    List<EncodedEvent> added = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      EncodedEvent event = event();
      emitter.add(event);
      added.add(event);
    }
    return added;
  }

  private static List<String> ids(List<EncodedEvent> events) {
    return events.stream().map(EncodedEvent::eventId).collect(Collectors.toList());
  }

  private List<String> acceptedIds() {
    return collector.acceptedEvents().stream()
        .map(e -> e.get("eid").asText())
        .collect(Collectors.toList());
  }

  @Test
  void deliversEveryEventAsAValidPostWithTheJsonContentType() {
    Emitter emitter = started(emitterTo());
    List<EncodedEvent> events = addEvents(emitter, 3);

    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    assertThat(acceptedIds()).containsExactlyInAnyOrderElementsOf(ids(events));
    Request request = collector.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(TestCollector.POST_PATH);
    assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(request.header("User-Agent")).startsWith("snowplow-jakarta-tracker/");
    Map<LossReason, Long> none = new EnumMap<>(LossReason.class);
    for (LossReason reason : LossReason.values()) {
      none.put(reason, 0L);
    }
    assertThat(emitter.stats())
        .isEqualTo(new EmitterStats(3, 3, 0, 0, 0, none, 0, 0, 0, null, null, 0, 0, null));
  }

  @Test
  void aBatchLeavesWhenItHasBatchSizeEvents() {
    Emitter emitter = started(emitterTo().batchSize(5).flushInterval(ofMinutes(10)));

    addEvents(emitter, 12);

    await().atMost(ofSeconds(10)).until(() -> collector.requests().size() == 2);
    assertThat(collector.requests()).allSatisfy(r -> assertThat(r.events()).hasSize(5));
    assertThat(emitter.stats().queueDepth()).isEqualTo(2);
    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    assertThat(collector.requests().get(2).events()).hasSize(2);
  }

  @Test
  void aBatchLeavesWhenItReachesTheByteCap() {
    int eventBytes = event().sizeInBytes();
    int cap = eventBytes * 3 + 200;
    Emitter emitter =
        started(emitterTo().batchSize(100).maxBatchBytes(cap).flushInterval(ofMinutes(10)));

    addEvents(emitter, 10);

    await().atMost(ofSeconds(10)).until(() -> collector.requests().size() >= 2);
    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    assertThat(collector.acceptedEvents()).hasSize(10);
    assertThat(collector.requests())
        .allSatisfy(r -> assertThat(r.body().getBytes().length).isLessThanOrEqualTo(cap));
    assertThat(collector.requests()).anySatisfy(r -> assertThat(r.events()).hasSize(3));
  }

  @Test
  void aBatchLeavesWhenItsOldestEventHasWaitedTheFlushInterval() {
    Emitter emitter = started(emitterTo().batchSize(100).flushInterval(ofMillis(200)));

    List<EncodedEvent> events = addEvents(emitter, 3);

    await().atMost(ofSeconds(10)).until(() -> collector.acceptedEvents().size() == 3);
    assertThat(acceptedIds()).containsExactlyInAnyOrderElementsOf(ids(events));
  }

  @Test
  void serverAnonymisedEventsTravelAloneWithTheSpAnonymousHeader() {
    Emitter emitter = started(emitterTo().batchSize(100).flushInterval(ofMinutes(10)));
    List<EncodedEvent> anonymous = new ArrayList<>();
    List<EncodedEvent> identified = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      EncodedEvent event =
          event(i % 3 == 0 ? Anonymisation.ANONYMOUS_SERVER : Anonymisation.FULL_TRACKING);
      (event.serverAnonymisation() ? anonymous : identified).add(event);
      emitter.add(event);
    }

    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    List<String> sentAnonymously = new ArrayList<>();
    List<String> sentIdentified = new ArrayList<>();
    for (Request request : collector.requests()) {
      assertThat(request.header("SP-Anonymous")).isIn("*", null);
      for (JsonNode event : request.events()) {
        (request.anonymous() ? sentAnonymously : sentIdentified).add(event.get("eid").asText());
        assertThat(event.has("ip")).isEqualTo(!request.anonymous());
      }
    }
    assertThat(sentAnonymously).containsExactlyInAnyOrderElementsOf(ids(anonymous));
    assertThat(sentIdentified).containsExactlyInAnyOrderElementsOf(ids(identified));
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 408, 429})
  void retriesAfterAnAnswerThatMayChange(int status) {
    collector.enqueue(Response.status(status), Response.status(status));
    Emitter emitter = started(emitterTo());
    List<EncodedEvent> events = addEvents(emitter, 4);

    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    assertThat(collector.requests()).hasSize(3);
    assertThat(collector.requests().get(2).accepted()).isTrue();
    assertThat(acceptedIds()).containsExactlyInAnyOrderElementsOf(ids(events));
    EmitterStats stats = emitter.stats();
    assertThat(stats.sent()).isEqualTo(4);
    assertThat(stats.retried()).isEqualTo(8);
    assertThat(stats.failed()).isZero();
  }

  @Test
  void theCollectorsRetryAfterHeaderReachesTheRetryDelay() throws Exception {
    // The delay itself is RetryDelayTest's; here, that the header is read off the response.
    collector.enqueue(Response.status(429).withHeader("Retry-After", "120"));
    CollectorClient client = new CollectorClient(emitterTo().settings(), Thread::new);
    try {
      CollectorClient.Response response =
          client.send(List.of(event()), 1L, false).answer.get(10, TimeUnit.SECONDS);

      assertThat(response.status()).isEqualTo(429);
      assertThat(response.retryAfter()).isEqualTo("120");
    } finally {
      client.close(true);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 410, 422})
  void givesUpAtOnceOnAnAnswerThatWillNotChange(int status) {
    collector.enqueue(Response.status(status));
    List<Integer> failures = new CopyOnWriteArrayList<>();
    Emitter emitter =
        started(
            emitterTo()
                .listener(
                    new EmitterListener() {
                      @Override
                      public void onFailure(
                          List<EncodedEvent> events, int code, Throwable error, boolean retry) {
                        failures.add(retry ? -code : code);
                      }
                    }));
    addEvents(emitter, 3);

    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    assertThat(collector.requests()).hasSize(1);
    assertThat(failures).containsExactly(status);
    assertThat(emitter.stats().failed()).isEqualTo(3);
    assertThat(emitter.stats().sent()).isZero();
    assertThat(emitter.stats().lastError()).contains(Integer.toString(status));
  }

  @Test
  void theNoRetryCodesAreConfigurable() {
    collector.enqueue(Response.status(400));
    Emitter emitter = started(emitterTo().noRetryStatusCodes(Set.of(401)));
    addEvents(emitter, 1);

    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    assertThat(collector.requests()).hasSize(2);
    assertThat(emitter.stats().sent()).isEqualTo(1);
  }

  @Test
  void aRequestTooLargeIsSplitUntilItFits() {
    collector.respondWith(r -> r.events().size() > 2 ? Response.status(413) : Response.ok());
    Emitter emitter = started(emitterTo().batchSize(8).flushInterval(ofMinutes(10)));
    List<EncodedEvent> events = addEvents(emitter, 8);

    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    assertThat(acceptedIds()).containsExactlyInAnyOrderElementsOf(ids(events));
    assertThat(collector.requests().stream().map(r -> r.events().size()))
        .containsExactly(8, 4, 2, 2, 4, 2, 2);
  }

  @Test
  void aSingleEventTooLargeIsGivenUp() {
    collector.respondWith(r -> Response.status(413));
    Emitter emitter = started(emitterTo());
    addEvents(emitter, 1);

    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    assertThat(collector.requests()).hasSize(1);
    assertThat(emitter.stats().failed()).isEqualTo(1);
  }

  @Test
  void everyEventArrivesAfterAnOutageWithoutDuplicates() {
    collector.refuseConnections();
    Emitter emitter = started(emitterTo().batchSize(10).flushInterval(ofMillis(50)));
    List<EncodedEvent> events = addEvents(emitter, 200);
    await().atMost(ofSeconds(10)).until(() -> emitter.stats().retried() >= 20);

    collector.restart();

    assertThat(emitter.flush(ofSeconds(20))).isTrue();
    List<String> delivered = acceptedIds();
    assertThat(new HashSet<>(delivered)).containsExactlyInAnyOrderElementsOf(ids(events));
    assertThat(delivered).hasSize(200);
    assertThat(emitter.stats().sent()).isEqualTo(200);
    assertThat(emitter.stats().failed()).isZero();
  }

  @Test
  void onlyARequestWithAnUnknownOutcomeIsDelivered_twice() {
    // The first answer comes after the emitter has stopped waiting: the collector kept the
    // events, the emitter cannot know it and sends them again, with the same event ids.
    collector.enqueue(Response.ok().after(ofMillis(1500)));
    Emitter emitter = started(emitterTo().responseTimeout(ofMillis(300)).batchSize(5));
    List<EncodedEvent> first = addEvents(emitter, 5);
    await().atMost(ofSeconds(10)).until(() -> emitter.stats().retried() >= 5);
    List<EncodedEvent> second = addEvents(emitter, 5);

    assertThat(emitter.flush(ofSeconds(20))).isTrue();
    // The late answer to the first request is recorded when the collector gives it.
    await().atMost(ofSeconds(10)).until(() -> collector.acceptedEvents().size() == 15);
    Map<String, Long> copies =
        acceptedIds().stream().collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    ids(first).forEach(id -> assertThat(copies.get(id)).isEqualTo(2));
    ids(second).forEach(id -> assertThat(copies.get(id)).isEqualTo(1));
  }

  @Test
  void whenFullDropNewestKeepsTheFirstEvents() {
    Emitter emitter =
        started(
            emitterTo()
                .queueCapacity(10)
                .batchSize(100)
                .flushInterval(ofMinutes(10))
                .overflowPolicy(OverflowPolicy.DROP_NEWEST));
    List<EncodedEvent> events = new ArrayList<>();
    List<Boolean> results = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      EncodedEvent event = event();
      events.add(event);
      results.add(emitter.add(event));
    }

    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    assertThat(results.subList(0, 10)).containsOnly(true);
    assertThat(results.subList(10, 25)).containsOnly(false);
    assertThat(acceptedIds()).containsExactlyInAnyOrderElementsOf(ids(events.subList(0, 10)));
    assertThat(emitter.stats().dropped()).isEqualTo(15);
  }

  @Test
  void whenFullDropOldestKeepsTheLatestEvents() {
    Emitter emitter =
        started(
            emitterTo()
                .queueCapacity(10)
                .batchSize(100)
                .flushInterval(ofMinutes(10))
                .overflowPolicy(OverflowPolicy.DROP_OLDEST));

    List<EncodedEvent> events = addEvents(emitter, 25);

    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    assertThat(acceptedIds()).containsExactlyInAnyOrderElementsOf(ids(events.subList(15, 25)));
    assertThat(emitter.stats().dropped()).isEqualTo(15);
    assertThat(emitter.stats().accepted()).isEqualTo(25);
  }

  @Test
  void theQueueIsBoundedInBytesToo() {
    int eventBytes = event().sizeInBytes();
    Emitter emitter =
        started(
            emitterTo()
                .maxQueueBytes(eventBytes * 4L + 10)
                .batchSize(100)
                .flushInterval(ofMinutes(10))
                .overflowPolicy(OverflowPolicy.DROP_NEWEST));

    addEvents(emitter, 6);

    assertThat(emitter.stats().queueDepth()).isEqualTo(4);
    assertThat(emitter.stats().dropped()).isEqualTo(2);
  }

  @Test
  void trackingNeverBlocksOrThrowsWhileTheCollectorIsDown() {
    collector.refuseConnections();
    Emitter emitter = started(emitterTo().queueCapacity(100).batchSize(10));

    for (int i = 0; i < 1000; i++) {
      emitter.add(event());
    }

    EmitterStats stats = emitter.stats();
    assertThat(stats.accepted()).isEqualTo(1000);
    assertThat(stats.queueDepth()).isLessThanOrEqualTo(100);
    assertThat(stats.dropped()).isGreaterThanOrEqualTo(900);
  }

  @Test
  void flushGivesUpAtItsTimeoutWhileTheCollectorIsDown() {
    collector.refuseConnections();
    Emitter emitter = started(emitterTo());
    addEvents(emitter, 2);

    assertThat(emitter.flush(ofMillis(300))).isFalse();
    assertThat(emitter.stats().queueDepth()).isEqualTo(2);
    assertThat(emitter.stats().lastError()).startsWith("no answer");
  }

  @Test
  void flushWithNothingQueuedReturnsAtOnce() {
    Emitter emitter = started(emitterTo().flushInterval(ofMinutes(10)));

    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    assertThat(collector.requests()).isEmpty();
  }

  @Test
  void eachAttemptCarriesItsOwnSentTimestamp() {
    AtomicLong millis = new AtomicLong(1_700_000_000_000L);
    Clock ticking =
        new Clock() {
          @Override
          public Instant instant() {
            return Instant.ofEpochMilli(millis.addAndGet(1000));
          }

          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
    collector.enqueue(Response.status(503));
    Emitter emitter = started(emitterTo().clock(ticking));
    addEvents(emitter, 1);

    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    List<Request> requests = collector.requests();
    long firstStm = requests.get(0).events().get(0).get("stm").asLong();
    long secondStm = requests.get(1).events().get(0).get("stm").asLong();
    assertThat(secondStm).isGreaterThan(firstStm);
    assertThat(requests.get(0).events().get(0).get("eid"))
        .isEqualTo(requests.get(1).events().get(0).get("eid"));
  }

  @Test
  void neverSendsBackTheCollectorsCookie() {
    collector.respondWith(r -> Response.ok().withHeader("Set-Cookie", "sp=0e1b7b8e; Path=/"));
    Emitter emitter = started(emitterTo().batchSize(1));

    addEvents(emitter, 3);

    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    assertThat(collector.requests()).hasSize(3);
    assertThat(collector.requests()).allSatisfy(r -> assertThat(r.header("Cookie")).isNull());
  }

  @Test
  void getModeSendsOneEventPerRequestInTheQueryStringWithTheCustomHeaders() {
    Emitter emitter =
        started(emitterTo().method(RequestMethod.GET).header("X-Api-Key", "secret-key"));
    List<EncodedEvent> events = new ArrayList<>();
    events.add(event());
    events.add(event(Anonymisation.ANONYMOUS_SERVER));
    events.forEach(emitter::add);

    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    assertThat(collector.requests()).hasSize(2);
    assertThat(collector.requests())
        .allSatisfy(
            r -> {
              assertThat(r.method()).isEqualTo("GET");
              assertThat(r.path()).isEqualTo("/i");
              assertThat(r.header("X-Api-Key")).isEqualTo("secret-key");
            });
    assertThat(acceptedIds()).containsExactlyInAnyOrderElementsOf(ids(events));
    assertThat(emitter.toString()).doesNotContain("secret-key");
  }

  @Test
  void thePostPathIsConfigurable() {
    collector.acceptPostPath("/custom/path");
    Emitter emitter = started(emitterTo().postPath("/custom/path"));
    addEvents(emitter, 1);

    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    assertThat(collector.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.path()).isEqualTo("/custom/path"));
  }

  @Test
  void closeDeliversWhatIsQueuedStopsItsThreadsAndRefusesLaterEvents() {
    AtomicInteger threadCount = new AtomicInteger();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    Emitter emitter =
        emitterTo()
            .flushInterval(ofMinutes(10))
            .threadFactory(
                task -> {
                  Thread thread = new Thread(task, "close-test-" + threadCount.incrementAndGet());
                  thread.setDaemon(true);
                  threads.add(thread);
                  return thread;
                })
            .build();
    List<EncodedEvent> events = addEvents(emitter, 5);

    emitter.close(ofSeconds(10));
    emitter.close(ofSeconds(10));

    assertThat(acceptedIds()).containsExactlyInAnyOrderElementsOf(ids(events));
    assertThat(emitter.add(event())).isFalse();
    assertThat(emitter.stats().dropped()).isEqualTo(1);
    assertThat(threads).isNotEmpty();
    await().atMost(ofSeconds(10)).until(() -> threads.stream().noneMatch(Thread::isAlive));
  }

  @Test
  void theDefaultThreadsAreDaemonsWithoutAContextClassLoaderAndEndAtClose() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    Emitter emitter = emitterTo().build();
    List<Thread> ours =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t) && t.getName().startsWith("snowplow-emitter-"))
            .collect(Collectors.toList());

    assertThat(ours).isNotEmpty();
    assertThat(ours).allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
    assertThat(ours).allSatisfy(t -> assertThat(t.getContextClassLoader()).isNull());
    emitter.close(ofSeconds(5));
    await().atMost(ofSeconds(10)).until(() -> ours.stream().noneMatch(Thread::isAlive));
  }

  @Test
  void closeGivesUpAtItsTimeoutWhileTheCollectorIsDownAndCountsWhatIsLeft() {
    collector.refuseConnections();
    Emitter emitter = emitterTo().build();
    addEvents(emitter, 7);

    emitter.close(ofMillis(300));

    EmitterStats stats = emitter.stats();
    assertThat(stats.failed()).isEqualTo(7);
    assertThat(stats.queueDepth()).isZero();
  }

  @Test
  void theListenerHearsOfSuccessAndItsFailuresDoNotStopDelivery() {
    List<Integer> successes = new CopyOnWriteArrayList<>();
    Emitter emitter =
        started(
            emitterTo()
                .listener(
                    new EmitterListener() {
                      @Override
                      public void onSuccess(List<EncodedEvent> events, int status) {
                        successes.add(events.size());
                        throw new IllegalStateException("a broken listener");
                      }
                    }));
    addEvents(emitter, 2);
    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    addEvents(emitter, 1);
    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    assertThat(successes).containsExactly(2, 1);
  }

  @Test
  void eventsOfOneTransactionAreCountedAlike() {
    Emitter emitter = started(emitterTo());
    Map<String, Integer> counts = new HashMap<>();
    for (EncodedEvent event :
        encoder.encode(Fixtures.transaction(), null, Anonymisation.ANONYMOUS_SERVER)) {
      emitter.add(event);
      counts.merge(event.eventId(), 1, Integer::sum);
    }
    emitter.add(
        encoder
            .encode(PageView.builder().url("https://e.com/").build(), null, Anonymisation.ANONYMOUS)
            .get(0));

    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    assertThat(emitter.stats().sent()).isEqualTo(3);
  }

  @Test
  void anEventLargerThanTheWholeQueueDropsNothingElse() {
    int eventBytes = event().sizeInBytes();
    Emitter emitter =
        started(
            emitterTo()
                .maxQueueBytes(eventBytes * 3L)
                .flushInterval(ofMinutes(10))
                .overflowPolicy(OverflowPolicy.DROP_OLDEST));
    List<EncodedEvent> small = addEvents(emitter, 2);
    EncodedEvent large =
        encoder
            .encode(
                Structured.builder().category("c").action("a").label("x".repeat(4000)).build(),
                null,
                Anonymisation.FULL_TRACKING)
            .get(0);

    assertThat(emitter.add(large)).isFalse();

    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    assertThat(acceptedIds()).containsExactlyInAnyOrderElementsOf(ids(small));
    assertThat(emitter.stats().dropped()).isEqualTo(1);
  }

  @Test
  void aListenerThatInterruptsOrClosesTheEmitterCannotStallIt() {
    AtomicInteger calls = new AtomicInteger();
    List<Emitter> self = new CopyOnWriteArrayList<>();
    // The close waits for the last three events to be queued: on a loaded machine the first of
    // them could otherwise be delivered, and the emitter closed, before the others are added.
    CountDownLatch allAdded = new CountDownLatch(1);
    Emitter emitter =
        emitterTo()
            .batchSize(1)
            .listener(
                new EmitterListener() {
                  @Override
                  public void onSuccess(List<EncodedEvent> events, int status) {
                    if (calls.incrementAndGet() == 1) {
                      Thread.currentThread().interrupt();
                    } else if (awaitQuietly(allAdded)) {
                      self.get(0).close(ofSeconds(5));
                    }
                  }
                })
            .build();
    self.add(emitter);
    addEvents(emitter, 1);
    await().atMost(ofSeconds(10)).until(() -> calls.get() == 1);

    addEvents(emitter, 3);
    allAdded.countDown();

    await().atMost(ofSeconds(10)).until(() -> collector.acceptedEvents().size() == 4);
    await().atMost(ofSeconds(10)).until(() -> !emitter.add(event()));
    emitter.close(ofSeconds(5));
  }

  @Test
  void flushAfterCloseAnswersAtOnce() {
    Emitter emitter = emitterTo().build();
    addEvents(emitter, 2);
    emitter.close(ofSeconds(10));

    assertThat(emitter.flush(ofMinutes(10))).isTrue();
    assertThat(acceptedIds()).hasSize(2);
  }

  /** Waits at most 10 seconds, keeping the thread's interrupt: true once the latch is open. */
  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The emitter's worker thread, among the threads its factory made: the one in Worker.run. */
  private static Thread workerOf(List<Thread> threads) {
    return threads.stream()
        .filter(
            thread ->
                Arrays.stream(thread.getStackTrace())
                    .anyMatch(frame -> frame.getClassName().equals(Worker.class.getName())))
        .findFirst()
        .orElseThrow();
  }

  /** The worker parks (with a deadline) and stays parked: it does not spin. */
  private static void awaitWorkerAsleep(List<Thread> threads) {
    Thread worker = workerOf(threads);
    await()
        .during(ofMillis(500))
        .atMost(ofSeconds(10))
        .until(() -> worker.getState() == Thread.State.TIMED_WAITING);
  }

  private Emitter.Builder withThreadsIn(List<Thread> threads) {
    return emitterTo()
        .flushInterval(ofMinutes(10))
        .responseTimeout(ofMinutes(1))
        .threadFactory(
            task -> {
              Thread thread = new Thread(task, "idle-test");
              thread.setDaemon(true);
              threads.add(thread);
              return thread;
            });
  }

  @Test
  void workerSleepsWhileEveryRequestItMayStartIsInFlight() throws InterruptedException {
    CountDownLatch arrived = new CountDownLatch(1);
    collector.respondWith(
        request -> {
          arrived.countDown();
          return Response.ok().after(ofSeconds(30));
        });
    List<Thread> threads = new CopyOnWriteArrayList<>();
    Emitter emitter = started(withThreadsIn(threads).batchSize(1).maxRequestsInFlight(1));
    emitter.add(event());
    assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

    // A full batch behind the one request allowed in flight: nothing to do until its answer.
    emitter.add(event());

    awaitWorkerAsleep(threads);
  }

  @Test
  void workerSleepsWhileAFailedLaneWaitsForItsOneRequest() throws InterruptedException {
    CountDownLatch retried = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    collector.respondWith(
        request -> {
          if (calls.incrementAndGet() == 1) {
            return Response.status(503);
          }
          retried.countDown();
          return Response.ok().after(ofSeconds(30));
        });
    List<Thread> threads = new CopyOnWriteArrayList<>();
    Emitter emitter = started(withThreadsIn(threads).batchSize(1));
    emitter.add(event());
    assertThat(retried.await(10, TimeUnit.SECONDS)).isTrue();

    // The lane failed: one request at a time until one succeeds, and that one is in flight.
    emitter.add(event());

    awaitWorkerAsleep(threads);
  }
}
