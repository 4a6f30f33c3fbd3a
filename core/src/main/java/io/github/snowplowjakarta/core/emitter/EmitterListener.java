package io.github.snowplowjakarta.core.emitter;

import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import java.util.List;

/**
 * Told of the outcome of each request, on the emitter's thread: keep it quick. An exception it
 * throws is logged and otherwise ignored.
 */
public interface EmitterListener {
  /** The collector acknowledged these events. */
  default void onSuccess(List<EncodedEvent> events, int statusCode) {}

  /**
   * A request failed.
   *
   * @param events the events of the request
   * @param statusCode the collector's status code, or 0 when there was no response
   * @param error the I/O error, or null when the collector answered
   * @param willRetry whether the events will be sent again; if false they are given up
   */
  default void onFailure(
      List<EncodedEvent> events, int statusCode, Throwable error, boolean willRetry) {}
}
