package io.github.snowplowjakarta.quarkus.internal;

import io.github.snowplowjakarta.cdi.internal.TrackerConfigs;
import io.github.snowplowjakarta.core.config.ConfigurationException;
import io.quarkus.runtime.annotations.Recorder;

/** What the extension does while the application starts. Not API. */
@Recorder
public class SnowplowRecorder {
  /**
   * Checks the default tracker's configuration as the application starts: a bad value, or no
   * collector URI while tracking is on, fails the start with a message naming the key, whether or
   * not a bean injects a tracker (the page views need it too).
   */
  public void checkConfiguration() {
    try {
      TrackerConfigs.validate("", null, true);
    } catch (ConfigurationException e) {
      throw new IllegalStateException("Snowplow configuration: " + e.getMessage(), e);
    }
  }
}
