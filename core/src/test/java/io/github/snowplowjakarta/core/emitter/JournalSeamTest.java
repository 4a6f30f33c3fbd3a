package io.github.snowplowjakarta.core.emitter;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.emitter.Lane.Queued;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TestCollector.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The seam a spool plugs into: what it hears, and that its failures stay its own. */
class JournalSeamTest {
  private final TestCollector collector = TestCollector.start();
  private final TestEvents events = new TestEvents("journal-test");
  private final List<Emitter> emitters = new ArrayList<>();

  @AfterEach
  void closeEverything() {
    emitters.forEach(emitter -> emitter.close(ofSeconds(2)));
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  private Emitter started(Journal journal) {
    Emitter emitter =
        new Emitter(
            Emitter.builder(collector.uri()).retryBackoff(ofMillis(20), ofMillis(200)).settings(),
            journal);
    emitters.add(emitter);
    return emitter;
  }

  @Test
  void hearsEachEventAcceptedThenItsBatchSettledOnceDeliveredOrRefused() {
    List<String> heard = new CopyOnWriteArrayList<>();
    Journal journal =
        new Journal() {
          @Override
          public void accepted(Queued event) {
            heard.add("accepted " + event.event().eventId());
          }

          @Override
          public void settled(List<Queued> batch, Fate fate) {
            batch.forEach(q -> heard.add(fate + " " + q.event().eventId()));
          }
        };
    collector.enqueue(Response.status(503), Response.status(400));
    Emitter emitter = started(journal);
    List<String> refused = events.add(emitter, 2);
    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    List<String> delivered = events.add(emitter, 3);
    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    List<String> expected = new ArrayList<>();
    refused.forEach(id -> expected.add("accepted " + id));
    refused.forEach(id -> expected.add("REFUSED " + id));
    delivered.forEach(id -> expected.add("accepted " + id));
    delivered.forEach(id -> expected.add("DELIVERED " + id));
    assertThat(heard).containsExactlyElementsOf(expected);
  }

  @Test
  void aFailingJournalNeitherThrowsIntoTrackingNorStopsDelivery() {
    Journal broken =
        new Journal() {
          @Override
          public void accepted(Queued event) {
            throw new IllegalStateException("disk full");
          }

          @Override
          public void settled(List<Queued> batch, Fate fate) {
            throw new IllegalStateException("disk gone");
          }
        };
    Emitter emitter = started(broken);
    List<String> ids = events.add(emitter, 3);

    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    List<String> later = events.add(emitter, 2);
    assertThat(emitter.flush(ofSeconds(10))).isTrue();

    assertThat(collector.acceptedEvents()).hasSize(5);
    assertThat(emitter.stats().sent()).isEqualTo(5);
    assertThat(emitter.stats().internalErrors()).isGreaterThanOrEqualTo(ids.size() + later.size());
  }
}
