package io.github.snowplowjakarta.cdi;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.cdi.internal.SnowplowBuildCompatibleExtension;
import io.github.snowplowjakarta.cdi.internal.TrackerProducer;
import io.github.snowplowjakarta.cdi.internal.TrackersInUse;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.testing.TestCollector;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.util.AnnotationLiteral;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In a CDI Full container both extensions are there, and only the portable one acts: one producer,
 * one tracker bean per qualifier, one interceptor, one emitter, each event sent once.
 */
class BothExtensionsTest {
  private final TestCollector collector = TestCollector.start();

  @BeforeEach
  void configure() {
    System.setProperty("snowplow.collector-uri", collector.uri().toString());
    System.setProperty("snowplow.app-id", "cdi");
    System.setProperty("snowplow.marketing.app-id", "cdi-marketing");
  }

  @AfterEach
  void clean() {
    System.clearProperty("snowplow.collector-uri");
    System.clearProperty("snowplow.app-id");
    System.clearProperty("snowplow.marketing.app-id");
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  @SuppressWarnings("all")
  private static final class Marketing extends AnnotationLiteral<TrackerNamespace>
      implements TrackerNamespace {
    @Override
    public String value() {
      return "marketing";
    }
  }

  private static Set<Thread> emitterThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.getName().startsWith("snowplow-emitter-"))
        .collect(Collectors.toSet());
  }

  private void runsOnce(Weld weld) {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    Set<Thread> ours;
    try (WeldContainer container = weld.initialize()) {
      BeanManager beans = container.getBeanManager();
      assertThat(beans.getBeans(TrackerProducer.class)).hasSize(1);
      assertThat(beans.getBeans(TrackersInUse.class)).hasSize(1);
      assertThat(beans.getBeans(Tracker.class)).hasSize(1);
      assertThat(beans.getBeans(Tracker.class, new Marketing())).hasSize(1);

      container.select(CdiTest.Shop.class).get().checkout();
      container.select(CdiTest.Checkout.class).get().pay();
      container.select(CdiTest.Campaigns.class).get().sent();
      ours = emitterThreads(before);
    }

    assertThat(collector.acceptedEvents())
        .extracting(e -> e.get("se_ac").asText() + " " + e.get("aid").asText())
        .containsExactlyInAnyOrder("checkout cdi", "paid cdi", "sent cdi-marketing");
    // Threads are named snowplow-emitter-<emitter>-<thread>.
    assertThat(ours.stream().map(t -> t.getName().split("-")[2]).distinct())
        .as("one emitter per tracker: default and marketing")
        .hasSize(2);
    await().atMost(ofSeconds(10)).until(() -> ours.stream().noneMatch(Thread::isAlive));
  }

  /** Both found as services, as a Jakarta EE server or Weld SE with discovery finds them. */
  @Test
  void withDiscoveryOnlyThePortableExtensionActs() {
    runsOnce(
        new Weld()
            .addBeanClasses(CdiTest.Shop.class, CdiTest.Checkout.class, CdiTest.Campaigns.class));
  }

  /** Both added explicitly: the build-compatible one still stands aside. */
  @Test
  void addedTogetherOnlyThePortableExtensionActs() {
    runsOnce(
        Containers.portable(CdiTest.Shop.class, CdiTest.Checkout.class, CdiTest.Campaigns.class)
            .addBuildCompatibleExtensions(SnowplowBuildCompatibleExtension.class));
  }
}
