package io.github.snowplowjakarta.quarkus.internal.vertx;

import io.github.snowplowjakarta.cdi.internal.TrackerConfigs;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.config.ConfigurationException;
import io.github.snowplowjakarta.servlet.SnowplowFilter;
import io.quarkus.arc.Arc;

/**
 * The servlet filter under quarkus-undertow, registered by the extension in place of the one the
 * filter's initializer would add: it joins the request the route filter started (binding it for the
 * servlet's code and reading the servlet's title) and tracks with the application's CDI tracker, so
 * no second emitter runs. Not API.
 */
public class JoiningServletFilter extends SnowplowFilter {
  public JoiningServletFilter() {
    super(applicationTracker());
  }

  /**
   * The default CDI tracker. Undertow makes its filters before the extension's own start-up check
   * runs, so the configuration is checked here too, failing the start with the same message.
   */
  private static Tracker applicationTracker() {
    try {
      TrackerConfigs.validate("", null, true);
    } catch (ConfigurationException e) {
      throw new IllegalStateException("Snowplow configuration: " + e.getMessage(), e);
    }
    return Arc.container().instance(Tracker.class).get();
  }
}
