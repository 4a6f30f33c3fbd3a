package io.github.snowplowjakarta.quarkus.internal.vertx;

import io.github.snowplowjakarta.cdi.internal.TrackerConfigs;
import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.web.internal.RequestTracking;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.config.ConfigProvider;

/** Sets up the route filter as the application starts. Not API. */
@Recorder
public class VertxRecorder {
  /**
   * The route filter that tracks every request, or one that passes them on when tracking is off;
   * {@code TrackedRequest} and injected trackers find the request through the request context until
   * the application stops.
   */
  public Handler<RoutingContext> routeFilter(ShutdownContext shutdown) {
    TrackerConfig config =
        TrackerConfigs.forNamespace("", null).withDefault(ConfigKeys.PLATFORM, Platform.WEB);
    if (!config.enabled()) {
      return RoutingContext::next;
    }
    RequestTracking.lookUpCurrentWith(RouteFilter.lookup());
    RouteFilter filter = new RouteFilter(contextPath(), config);
    shutdown.addLastShutdownTask(
        () -> {
          RequestTracking.lookUpCurrentWith(null);
          filter.close();
        });
    return filter;
  }

  /** {@code quarkus.http.root-path} as a context path: without its trailing slash, "" at /. */
  private static String contextPath() {
    String root =
        ConfigProvider.getConfig()
            .getOptionalValue("quarkus.http.root-path", String.class)
            .orElse("/");
    String path = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    return path.startsWith("/") || path.isEmpty() ? path : "/" + path;
  }
}
