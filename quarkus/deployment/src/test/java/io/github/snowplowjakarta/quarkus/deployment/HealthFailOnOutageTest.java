package io.github.snowplowjakarta.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.Tracker;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code snowplow.health.fail-on-outage=true} the check is DOWN while the collector is. */
class HealthFailOnOutageTest {
  @RegisterExtension
  static final QuarkusUnitTest QUARKUS =
      QuarkusApps.test()
          .withApplicationRoot(jar -> jar.addClasses(QuarkusApps.class, HealthChecks.class))
          .overrideConfigKey("snowplow.collector-uri", HealthChecks.deadCollector())
          // What is left for the dead collector is given up at once when the application stops.
          .overrideConfigKey("snowplow.emitter.close-timeout", "100ms")
          .overrideConfigKey("snowplow.health.fail-on-outage", "true");

  @Inject Tracker tracker;

  @TestHTTPResource("/q/health/ready")
  URI ready;

  @Test
  void theCheckIsDownDuringAnOutage() throws Exception {
    JsonNode check = HealthChecks.afterAnOutage(tracker, ready);
    assertThat(check.path("status").asText()).isEqualTo("DOWN");
    assertThat(QuarkusApps.get(ready).statusCode()).isEqualTo(503);
  }
}
