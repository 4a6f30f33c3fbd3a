/**
 * Web tracking without a web framework: page views, consent and identity cookies over a small
 * request/response abstraction, which the servlet filter and other frameworks' adapters implement.
 * {@code internal} packages are reachable only from this project's own modules.
 */
module io.github.snowplowjakarta.web {
  requires transitive io.github.snowplowjakarta.core;
  requires com.fasterxml.jackson.databind;
  requires java.management;

  exports io.github.snowplowjakarta.web;
  exports io.github.snowplowjakarta.web.consent;
  // The engine, for the adapters: the servlet filter, the CDI and Spring integrations, and the
  // Quarkus extension's runtime module (built elsewhere; javac only warns while it is missing).
  exports io.github.snowplowjakarta.web.internal to
      io.github.snowplowjakarta.servlet,
      io.github.snowplowjakarta.cdi,
      io.github.snowplowjakarta.spring,
      io.github.snowplowjakarta.quarkus;
}
