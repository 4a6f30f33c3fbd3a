package io.github.snowplowjakarta.cdi;

import org.jboss.weld.environment.se.Weld;

/**
 * {@link WebApplicationConfigTest} through the build-compatible extension alone: the trackers read
 * the web application's context-params and context path.
 */
class LiteWebApplicationConfigTest extends WebApplicationConfigTest {
  @Override
  Weld weld(Class<?>... beans) {
    return Containers.lite(beans);
  }
}
