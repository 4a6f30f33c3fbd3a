package io.github.snowplowjakarta.cdi;

import org.jboss.weld.environment.se.Weld;

/** Every {@link HealthCheckTest} through the build-compatible extension alone (CDI Lite). */
class LiteHealthCheckTest extends HealthCheckTest {
  @Override
  Weld weld(Class<?>... beans) {
    return Containers.lite(beans);
  }
}
