/**
 * The servlet filter: page views, consent and identity cookies for a web application, an adapter of
 * the web module's request tracking. {@code internal} packages are reachable only from this
 * project's own modules.
 */
module io.github.snowplowjakarta.servlet {
  requires transitive io.github.snowplowjakarta.core;
  requires transitive io.github.snowplowjakarta.web;
  // The container supplies the Servlet API; static, so that the CDI module, which needs this one
  // only when there is a Servlet API, resolves without it.
  requires static transitive jakarta.servlet;

  exports io.github.snowplowjakarta.servlet;
  exports io.github.snowplowjakarta.servlet.internal to
      io.github.snowplowjakarta.cdi;

  uses io.github.snowplowjakarta.web.consent.ConsentSource;
  uses io.github.snowplowjakarta.servlet.internal.ConsentSourceFinder;

  provides jakarta.servlet.ServletContainerInitializer with
      io.github.snowplowjakarta.servlet.SnowplowInitializer;
}
