package io.github.snowplowjakarta.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.Structured;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With quarkus-micrometer the emitters' meters are in Quarkus's registry, tagged with the app id
 * and the namespace.
 */
class MetricsTest {
  @RegisterExtension
  static final QuarkusUnitTest QUARKUS =
      QuarkusApps.test()
          .withApplicationRoot(
              jar -> jar.addClasses(QuarkusApps.class, HealthChecks.class, Registry.class))
          .overrideConfigKey("snowplow.collector-uri", HealthChecks.deadCollector())
          // What is left for the dead collector is given up at once when the application stops.
          .overrideConfigKey("snowplow.emitter.close-timeout", "100ms")
          .overrideConfigKey("snowplow.app-id", "metered");

  /** A registry Quarkus adds to its own, as a registry extension would. */
  @Singleton
  public static class Registry {
    @Produces
    @Singleton
    SimpleMeterRegistry registry() {
      return new SimpleMeterRegistry();
    }
  }

  @Inject Tracker tracker;
  @Inject SimpleMeterRegistry registry;

  @Test
  void acceptedEventsAreCountedInQuarkussRegistry() {
    tracker.track(Structured.builder().category("shop").action("checkout").build());
    tracker.track(Structured.builder().category("shop").action("checkout").build());

    FunctionCounter accepted =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    registry
                        .find("snowplow.emitter.events.accepted")
                        .tags("app_id", "metered", "namespace", "default", "emitter", "cdi")
                        .functionCounter(),
                counter -> counter != null && counter.count() == 2);
    assertThat(accepted.getId().getTag("emitter")).isEqualTo("cdi");
  }
}
