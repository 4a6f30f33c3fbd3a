package io.github.snowplowjakarta.web;

import io.github.snowplowjakarta.testing.ApiDescription;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * This module's public API is the one committed in {@code docs/api}: a change is a reviewed diff.
 */
class ApiBaselineTest {
  @Test
  void thePublicApiIsTheCommittedBaseline() {
    ApiDescription.check(
        Path.of("target/classes"), Path.of("../docs/api/snowplow-jakarta-web.txt"));
  }
}
