package io.github.snowplowjakarta.cdi.arc;

import io.quarkus.test.QuarkusUnitTest;

/** The test applications' common set-up. */
final class ArcApplication {
  private ArcApplication() {}

  /**
   * A test application on a flat class path. Without it the harness loads the extension's jar, a
   * module of this build, in the application's reloadable class loader, while ArC defines the beans
   * it generates for a jar it has not indexed in the base one: they then cannot reach the
   * producer's package-private members (IllegalAccessError at start). A jar from a repository, as
   * an application has it, is in the base class loader itself; that case is not tested here.
   */
  static QuarkusUnitTest test() {
    return new QuarkusUnitTest().overrideConfigKey("quarkus.test.flat-class-path", "true");
  }
}
