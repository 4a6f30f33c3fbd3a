package io.github.snowplowjakarta.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.testing.ApiDescription;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module exports the API packages of the baseline, and internal ones only to our modules. */
class ModuleExportsTest {
  @Test
  void theModuleExportsTheApiPackagesAndNoInternalOneToApplications() {
    Module core = Tracker.class.getModule();
    assertThat(core.isNamed()).as("core's tests run on the module path").isTrue();

    ApiDescription.checkModule(
        core.getDescriptor(), Path.of("../docs/api/snowplow-jakarta-core.txt"));
    ApiDescription.checkServices(core.getDescriptor(), Path.of("target/classes"));
  }
}
