/**
 * The servlet filter: page views, consent and identity cookies for a web application. {@code
 * internal} packages are reachable only from this project's own modules.
 */
module io.github.snowplowjakarta.servlet {
  requires transitive io.github.snowplowjakarta.core;
  // The container supplies the Servlet API; static, so that the CDI module, which needs this one
  // only when there is a Servlet API, resolves without it.
  requires static transitive jakarta.servlet;
  requires com.fasterxml.jackson.databind;

  exports io.github.snowplowjakarta.servlet;
  exports io.github.snowplowjakarta.servlet.consent;
  exports io.github.snowplowjakarta.servlet.internal to
      io.github.snowplowjakarta.cdi;

  uses io.github.snowplowjakarta.servlet.consent.ConsentSource;
  uses io.github.snowplowjakarta.servlet.internal.ConsentSourceFinder;

  provides jakarta.servlet.ServletContainerInitializer with
      io.github.snowplowjakarta.servlet.SnowplowInitializer;
}
