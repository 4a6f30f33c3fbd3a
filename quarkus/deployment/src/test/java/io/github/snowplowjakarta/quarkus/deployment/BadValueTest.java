package io.github.snowplowjakarta.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bad value in application.properties fails the start with a message naming key and value (here
 * the servlet filter's, as Undertow starts before the extension's own check).
 */
class BadValueTest {
  @RegisterExtension
  static final QuarkusUnitTest QUARKUS =
      QuarkusApps.test()
          .withApplicationRoot(jar -> jar.addClasses(QuarkusApps.class))
          .overrideConfigKey("snowplow.collector-uri", "http://127.0.0.1:9/")
          .overrideConfigKey("snowplow.emitter.batch-size", "lots")
          .assertException(
              e ->
                  assertThat(e)
                      .hasStackTraceContaining(
                          "snowplow.emitter.batch-size: expected a positive whole number, was"
                              + " 'lots'"));

  @Test
  void theStartFails() {
    // QUARKUS checks the failure.
  }
}
