package io.github.snowplowjakarta.cdi;

import org.jboss.weld.environment.se.Weld;

/**
 * {@link RequestBindingTest} through the build-compatible extension alone: an injected tracker
 * follows each request's consent.
 */
class LiteRequestBindingTest extends RequestBindingTest {
  @Override
  Weld weld(Class<?>... beans) {
    return Containers.lite(beans);
  }
}
