package io.github.snowplowjakarta.cdi;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.emitter.Emitter;

/**
 * A bean that adjusts the trackers the extension builds, after the configuration is applied: a
 * listener on the emitter, a thread factory from the container, a subject for every event.
 */
public interface TrackerCustomizer {
  /**
   * @param namespace the tracker's name: empty for the default tracker
   */
  default void customize(String namespace, Emitter.Builder emitter) {}

  /**
   * @param namespace the tracker's name: empty for the default tracker
   */
  default void customize(String namespace, Tracker.Builder tracker) {}
}
