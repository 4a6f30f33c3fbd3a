package io.github.snowplowjakarta.cdi;

import org.jboss.weld.environment.se.Weld;

/**
 * {@link ConsentSourceBeanTest} through the build-compatible extension alone: a consent source bean
 * is asked by the filter.
 */
class LiteConsentSourceBeanTest extends ConsentSourceBeanTest {
  @Override
  Weld weld(Class<?>... beans) {
    return Containers.lite(beans);
  }
}
