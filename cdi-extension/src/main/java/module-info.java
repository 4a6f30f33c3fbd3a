/**
 * The CDI integration: {@code @Inject Tracker}, {@code @Tracked}. {@code internal} holds the beans
 * and extensions, open to the container's reflection but not exported.
 */
module io.github.snowplowjakarta.cdi {
  requires transitive io.github.snowplowjakarta.core;
  requires io.github.snowplowjakarta.web;
  requires io.github.snowplowjakarta.servlet;
  // The container supplies CDI (and the Servlet API, used only when the application has it).
  requires static transitive jakarta.cdi;
  requires static jakarta.servlet;
  // The readiness check, added only where the server has MicroProfile Health.
  requires static microprofile.health.api;

  exports io.github.snowplowjakarta.cdi;

  // Beans, producers and the interceptor: a CDI container reaches them by reflection; the Spring
  // Boot integration shares the namespace rules.
  exports io.github.snowplowjakarta.cdi.internal to
      io.github.snowplowjakarta.spring;

  opens io.github.snowplowjakarta.cdi.internal;

  provides jakarta.enterprise.inject.spi.Extension with
      io.github.snowplowjakarta.cdi.SnowplowExtension;
  provides jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension with
      io.github.snowplowjakarta.cdi.internal.SnowplowBuildCompatibleExtension;
  provides io.github.snowplowjakarta.servlet.internal.ConsentSourceFinder with
      io.github.snowplowjakarta.cdi.internal.CdiConsentSources;
}
