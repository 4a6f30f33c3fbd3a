package io.github.snowplowjakarta.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.snowplowjakarta.core.config.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPatternsTest {
  private final PathPatterns patterns =
      new PathPatterns(
          List.of("*.css", "/health", "/metrics/**", "/shop/*/admin", "/a/**/z"), "key");

  @ParameterizedTest
  @CsvSource({
    "/static/site.css, true",
    "/static/site.css/page, false",
    "/health, true",
    "/health/live, false",
    "/metrics, true",
    "/metrics/jvm/memory, true",
    "/metricsx, false",
    "/shop/42/admin, true",
    "/shop/42/43/admin, false",
    "/a/z, true",
    "/a/b/c/z, true",
    "/page, false"
  })
  void matchesAsTheGlobsSay(String path, boolean expected) {
    assertThat(patterns.matches(path)).isEqualTo(expected);
  }

  @Test
  void aPatternThatIsNoPathIsAConfigurationError() {
    assertThatThrownBy(() -> new PathPatterns(List.of("health"), "snowplow.track.exclude"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "snowplow.track.exclude: expected paths starting with / or extensions like *.css, was 'health'");
  }
}
