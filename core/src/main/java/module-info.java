/**
 * The tracker: events, subjects, the emitter and its configuration. The packages exported here are
 * the API; {@code internal} packages are reachable only from this project's own modules.
 */
module io.github.snowplowjakarta.core {
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires org.apache.httpcomponents.client5.httpclient5;
  requires org.apache.httpcomponents.core5.httpcore5;
  requires org.apache.httpcomponents.core5.httpcore5.h2;
  requires java.management;

  exports io.github.snowplowjakarta.core;
  exports io.github.snowplowjakarta.core.config;
  exports io.github.snowplowjakarta.core.emitter;
  exports io.github.snowplowjakarta.core.encoding;
  exports io.github.snowplowjakarta.core.event;
  exports io.github.snowplowjakarta.core.internal to
      io.github.snowplowjakarta.web,
      io.github.snowplowjakarta.servlet,
      io.github.snowplowjakarta.cdi,
      io.github.snowplowjakarta.spring;
}
