package io.github.snowplowjakarta.core.emitter;

/** How events travel to the collector. */
public enum RequestMethod {
  /** Batches of events in one JSON body, to {@code /com.snowplowanalytics.snowplow/tp2}. */
  POST,
  /** One event per request, in the query string of {@code /i}. */
  GET
}
