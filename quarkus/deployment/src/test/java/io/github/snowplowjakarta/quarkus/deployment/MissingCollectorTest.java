package io.github.snowplowjakarta.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Without a collector URI the application does not start, and says which key is missing, even with
 * no bean injecting a tracker.
 */
class MissingCollectorTest {
  @RegisterExtension
  static final QuarkusUnitTest QUARKUS =
      QuarkusApps.test()
          .withApplicationRoot(jar -> jar.addClasses(QuarkusApps.class))
          .assertException(
              e ->
                  assertThat(e)
                      .hasStackTraceContaining("Snowplow configuration: snowplow.collector-uri"));

  @Test
  void theStartFails() {
    // QUARKUS checks the failure.
  }
}
