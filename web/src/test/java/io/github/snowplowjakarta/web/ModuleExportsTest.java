package io.github.snowplowjakarta.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.testing.ApiDescription;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The module exports the API packages of the baseline, internal ones only to our modules, and
 * provides the services META-INF/services lists. The tests run on the class path (see the pom), so
 * this reads the compiled descriptor.
 */
class ModuleExportsTest {
  private static final Path CLASSES = Path.of("target/classes");

  @Test
  void theModuleExportsTheApiPackagesAndNoInternalOneToApplications() {
    ApiDescription.checkModule(
        ApiDescription.descriptorIn(CLASSES), Path.of("../docs/api/snowplow-jakarta-web.txt"));
  }

  @Test
  void theModuleNeedsNoServletApi() {
    assertThat(ApiDescription.descriptorIn(CLASSES).requires())
        .extracting(ModuleDescriptor.Requires::name)
        .noneMatch(name -> name.startsWith("jakarta.servlet"));
  }

  @Test
  void theModuleProvidesWhatMetaInfServicesLists() {
    ModuleDescriptor descriptor = ApiDescription.descriptorIn(CLASSES);
    ApiDescription.checkServices(descriptor, CLASSES);
  }
}
