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

/**
 * With quarkus-smallrye-health the {@code snowplow} readiness check is at {@code /q/health/ready}:
 * UP while the collector is down, saying so in its data, as tracking never takes the application
 * out of service by default.
 */
class HealthDuringOutageTest {
  @RegisterExtension
  static final QuarkusUnitTest QUARKUS =
      QuarkusApps.test()
          .withApplicationRoot(jar -> jar.addClasses(QuarkusApps.class, HealthChecks.class))
          .overrideConfigKey("snowplow.collector-uri", HealthChecks.deadCollector())
          // What is left for the dead collector is given up at once when the application stops.
          .overrideConfigKey("snowplow.emitter.close-timeout", "100ms");

  @Inject Tracker tracker;

  @TestHTTPResource("/q/health/ready")
  URI ready;

  @Test
  void theCheckIsUpBeforeAndDuringAnOutage() throws Exception {
    assertThat(HealthChecks.snowplowCheck(ready).path("status").asText()).isEqualTo("UP");

    JsonNode check = HealthChecks.afterAnOutage(tracker, ready);
    assertThat(check.path("status").asText()).isEqualTo("UP");
    assertThat(check.path("data").path("failOnOutage").asBoolean()).isFalse();
    assertThat(QuarkusApps.get(ready).statusCode()).isEqualTo(200);
  }
}
