package io.github.snowplowjakarta.core.emitter;

import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import java.lang.System.Logger.Level;
import java.util.List;

/** Calls the emitter's listener, if any; whatever it throws is logged and goes no further. */
final class Listeners {
  private static final ThrottledLogger LOG = new ThrottledLogger(EmitterListener.class);

  private final EmitterListener listener;

  Listeners(EmitterListener listener) {
    this.listener = listener;
  }

  void success(List<EncodedEvent> events, int status) {
    if (listener != null) {
      try {
        listener.onSuccess(events, status);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Snowplow emitter listener failed", e);
      }
    }
  }

  void failure(List<EncodedEvent> events, int status, Throwable error, boolean willRetry) {
    if (listener != null) {
      try {
        listener.onFailure(events, status, error, willRetry);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Snowplow emitter listener failed", e);
      }
    }
  }
}
