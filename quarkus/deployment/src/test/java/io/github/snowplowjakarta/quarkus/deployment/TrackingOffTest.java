package io.github.snowplowjakarta.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.emitter.EmitterHealth;
import io.github.snowplowjakarta.core.event.Structured;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code snowplow.enabled=false} no collector is needed: trackers inject and track nothing.
 */
class TrackingOffTest {
  @RegisterExtension
  static final QuarkusUnitTest QUARKUS =
      QuarkusApps.test()
          .withApplicationRoot(jar -> jar.addClasses(QuarkusApps.class))
          .overrideConfigKey("snowplow.enabled", "false");

  @Inject Tracker tracker;

  @Test
  void theApplicationStartsAndNoEmitterRuns() {
    tracker.track(Structured.builder().category("shop").action("checkout").build());
    assertThat(EmitterHealth.running()).isEmpty();
  }
}
