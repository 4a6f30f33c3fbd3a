package io.github.snowplowjakarta.cdi;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.cdi.internal.TrackerProducer;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.testing.TestCollector;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A tracker still being built while the container shuts down. */
class ShutdownRaceTest {
  private static final List<Thread> EMITTER_THREADS = new CopyOnWriteArrayList<>();
  private static final CountDownLatch BUILDING = new CountDownLatch(1);
  private static final CountDownLatch CONTAINER_CLOSED = new CountDownLatch(1);

  private final TestCollector collector = TestCollector.start();

  /** Holds the first tracker's build until the container has closed. */
  @ApplicationScoped
  public static class SlowCustomizer implements TrackerCustomizer {
    @Override
    public void customize(String namespace, Emitter.Builder emitter) {
      emitter.threadFactory(
          task -> {
            Thread thread = new Thread(task, "race-emitter");
            thread.setDaemon(true);
            EMITTER_THREADS.add(thread);
            return thread;
          });
    }

    @Override
    public void customize(String namespace, Tracker.Builder tracker) {
      BUILDING.countDown();
      try {
        CONTAINER_CLOSED.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @AfterEach
  void clean() {
    System.clearProperty("snowplow.collector-uri");
    collector.close();
  }

  @Test
  void aTrackerBuiltWhileTheContainerClosesLeavesNoEmitterRunning() throws Exception {
    System.setProperty("snowplow.collector-uri", collector.uri().toString());
    WeldContainer container =
        new Weld()
            .disableDiscovery()
            .addExtension(new SnowplowExtension())
            .addBeanClasses(SlowCustomizer.class)
            .initialize();
    TrackerProducer producer = container.select(TrackerProducer.class).get();
    CompletableFuture<Tracker> building = CompletableFuture.supplyAsync(() -> producer.tracker(""));
    assertThat(BUILDING.await(30, TimeUnit.SECONDS)).isTrue();

    container.close();
    CONTAINER_CLOSED.countDown();

    assertThat(building).failsWithin(ofSeconds(30));
    assertThat(EMITTER_THREADS).isNotEmpty();
    await().atMost(ofSeconds(20)).until(() -> EMITTER_THREADS.stream().noneMatch(Thread::isAlive));
  }
}
