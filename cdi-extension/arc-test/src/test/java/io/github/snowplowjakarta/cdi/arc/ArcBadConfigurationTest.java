package io.github.snowplowjakarta.cdi.arc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.Tracker;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A bad value in application.properties fails the start, naming the key. */
class ArcBadConfigurationTest {
  @RegisterExtension
  static final QuarkusUnitTest QUARKUS =
      ArcApplication.test()
          .withApplicationRoot(jar -> jar.addClasses(Shop.class, ArcApplication.class))
          .overrideConfigKey("snowplow.collector-uri", "http://127.0.0.1:9/")
          .overrideConfigKey("snowplow.emitter.batch-size", "lots")
          .assertException(
              e ->
                  assertThat(e)
                      .hasStackTraceContaining(
                          "snowplow.emitter.batch-size: expected a positive whole number, was"
                              + " 'lots'"));

  @ApplicationScoped
  public static class Shop {
    @Inject Tracker tracker;
  }

  @Test
  void theStartFails() {
    // QUARKUS checks the failure.
  }
}
