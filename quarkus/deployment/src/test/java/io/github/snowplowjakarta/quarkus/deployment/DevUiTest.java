package io.github.snowplowjakarta.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.quarkus.internal.SnowplowJsonRpcService;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the Dev UI card's page shows: the running emitters' figures, from the JSON-RPC service. */
class DevUiTest {
  @RegisterExtension
  static final QuarkusUnitTest QUARKUS =
      QuarkusApps.test()
          .withApplicationRoot(jar -> jar.addClasses(QuarkusApps.class, HealthChecks.class))
          .overrideConfigKey("snowplow.collector-uri", HealthChecks.deadCollector())
          .overrideConfigKey("snowplow.emitter.close-timeout", "100ms");

  @Inject Tracker tracker;

  @Test
  void theServiceListsEachEmitterWithItsFigures() {
    tracker.track(Structured.builder().category("shop").action("checkout").build());

    List<Map<String, Object>> emitters = new SnowplowJsonRpcService().getEmitters();
    assertThat(emitters).extracting(row -> row.get("name")).contains("cdi");
    Map<String, Object> cdi =
        emitters.stream().filter(row -> row.get("name").equals("cdi")).findFirst().orElseThrow();
    assertThat(cdi).containsEntry("accepted", 1L).containsKeys("sent", "dropped", "collector");
  }
}
