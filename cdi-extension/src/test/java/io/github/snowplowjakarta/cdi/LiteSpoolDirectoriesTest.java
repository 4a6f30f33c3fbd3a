package io.github.snowplowjakarta.cdi;

import org.jboss.weld.environment.se.Weld;

/**
 * {@link SpoolDirectoriesTest} through the build-compatible extension alone: the trackers spool
 * where the filter's do not.
 */
class LiteSpoolDirectoriesTest extends SpoolDirectoriesTest {
  @Override
  Weld weld(Class<?>... beans) {
    return Containers.lite(beans);
  }
}
