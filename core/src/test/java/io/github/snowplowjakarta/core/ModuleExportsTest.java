package io.github.snowplowjakarta.core;

import io.github.snowplowjakarta.testing.ApiDescription;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module exports the API packages of the baseline, and internal ones only to our modules. */
class ModuleExportsTest {
  @Test
  void theModuleExportsTheApiPackagesAndNoInternalOneToApplications() {
    ApiDescription.checkModule(
        Tracker.class.getModule(), Path.of("../docs/api/snowplow-jakarta-core.txt"));
  }
}
