package io.github.snowplowjakarta.quarkus.internal.vertx;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import io.github.snowplowjakarta.web.consent.ConsentSource;
import io.github.snowplowjakarta.web.internal.PageViewTracking;
import io.github.snowplowjakarta.web.internal.RequestTracking;
import io.quarkus.arc.Arc;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Starts the tracking of every request Quarkus serves (quarkus-rest, Vert.x routes, Undertow)
 * before the application's handlers: the identity cookies go out when the response's headers do,
 * the page view when it ends. Tracks through the emitter of the application's default CDI tracker,
 * so one emitter serves page views and the application's own events. Not API.
 */
public final class RouteFilter implements Handler<RoutingContext> {
  private static final ThrottledLogger LOG = new ThrottledLogger(RouteFilter.class);

  private final String contextPath;
  private final TrackerConfig config;
  private volatile PageViewTracking tracking; // built for the first request

  RouteFilter(String contextPath, TrackerConfig config) {
    this.contextPath = contextPath;
    this.config = config;
  }

  /** Over {@code tracking}, built already: for the benchmarks. */
  public RouteFilter(String contextPath, PageViewTracking tracking) {
    this.contextPath = contextPath;
    this.config = null;
    this.tracking = tracking;
  }

  @Override
  public void handle(RoutingContext context) {
    try {
      start(context);
    } catch (Throwable e) {
      LOG.log(Level.WARNING, "Snowplow: request not tracked: " + e, e);
    }
    context.next();
  }

  private void start(RoutingContext context) {
    PageViewTracking tracking = tracking();
    VertxWebRequest request = new VertxWebRequest(context, contextPath);
    VertxWebResponse response = new VertxWebResponse(context.response());
    RequestTracking state = tracking.start(request, response);
    TrackedExchange exchange = new TrackedExchange(tracking, state, request, response);
    context.put(TrackedExchange.KEY, exchange);
    if (VertxContext.isOnDuplicatedContext()) {
      ContextLocals.put(TrackedExchange.KEY, exchange);
    }
    context.addHeadersEndHandler(
        ignored -> guarded(() -> tracking.beforeCommit(state, request, response)));
    context.addEndHandler(
        ended -> {
          if (ended.succeeded()) {
            guarded(() -> tracking.finish(state, request, response));
          }
        });
  }

  private static void guarded(Runnable step) {
    try {
      step.run();
    } catch (Throwable e) {
      LOG.log(Level.WARNING, "Snowplow: page view not tracked: " + e, e);
    }
  }

  private PageViewTracking tracking() {
    PageViewTracking built = tracking;
    if (built == null) {
      synchronized (this) {
        built = tracking;
        if (built == null) {
          built = tracking = build(config);
          Emitter emitter = built.tracker().emitter();
          built
              .figures()
              .register(emitter != null ? emitter.name() : built.tracker().settings().namespace());
        }
      }
    }
    return built;
  }

  /** Over the application's default tracker and its consent sources, beans and listed ones. */
  private static PageViewTracking build(TrackerConfig config) {
    Tracker application = Arc.container().instance(Tracker.class).get();
    // Its emitter, subject and level, with the web platform the configuration defaults to here.
    Tracker tracker =
        Tracker.builder(config.trackerSettings(), application.emitter())
            .subject(application.subject())
            .anonymisation(application.anonymisation())
            .build();
    List<ConsentSource> sources = new ArrayList<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (ConsentSource source :
        ServiceLoader.load(
            ConsentSource.class, loader != null ? loader : RouteFilter.class.getClassLoader())) {
      sources.add(source);
    }
    for (ConsentSource source : Arc.container().select(ConsentSource.class)) {
      sources.add(source);
    }
    return new PageViewTracking(tracker, config, sources);
  }

  /** Removes the figures from JMX, when the application stops. */
  void close() {
    PageViewTracking built = tracking;
    if (built != null) {
      built.figures().unregister();
    }
  }

  /** For {@code RequestTracking.current()}: the request of the code asking, wherever it runs. */
  static Supplier<RequestTracking> lookup() {
    return TrackedExchange::currentState;
  }
}
