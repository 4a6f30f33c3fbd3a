package io.github.snowplowjakarta.quarkus.internal.vertx;

import io.github.snowplowjakarta.core.Tracker;
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
    super(Arc.container().instance(Tracker.class).get());
  }
}
