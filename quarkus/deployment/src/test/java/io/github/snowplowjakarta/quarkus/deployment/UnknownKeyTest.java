package io.github.snowplowjakarta.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quarkus knows the {@code snowplow.*} keys, in an application that injects no configuration: a
 * misspelt one fails the start, naming it, instead of being ignored.
 */
class UnknownKeyTest {
  @RegisterExtension
  static final QuarkusUnitTest QUARKUS =
      QuarkusApps.test()
          .withApplicationRoot(jar -> jar.addClasses(QuarkusApps.class))
          .overrideConfigKey("snowplow.collector-uri", "http://127.0.0.1:9/")
          .overrideConfigKey("snowplow.emitter.batchsize", "5")
          .assertException(
              e ->
                  assertThat(e)
                      .hasStackTraceContaining("snowplow.emitter.batchsize")
                      .hasStackTraceContaining("does not map to any root"));

  @Test
  void theStartFails() {
    // QUARKUS checks the failure.
  }
}
