package io.github.snowplowjakarta.quarkus.internal.vertx;

import io.github.snowplowjakarta.web.internal.PageViewTracking;
import io.github.snowplowjakarta.web.internal.RequestTracking;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.ext.web.RoutingContext;

/**
 * One request's tracking as the route filter started it, kept in its {@code RoutingContext} and in
 * its Vert.x (duplicated) context, never in a thread-local: Quarkus runs a request's code on the
 * event loop or on a worker, and a worker serves other visitors' requests next. Not API.
 */
public final class TrackedExchange {
  static final String KEY = TrackedExchange.class.getName();

  final PageViewTracking tracking;
  final RequestTracking state;
  final VertxWebRequest request;
  final VertxWebResponse response;

  TrackedExchange(
      PageViewTracking tracking,
      RequestTracking state,
      VertxWebRequest request,
      VertxWebResponse response) {
    this.tracking = tracking;
    this.state = state;
    this.request = request;
    this.response = response;
  }

  public PageViewTracking tracking() {
    return tracking;
  }

  public RequestTracking state() {
    return state;
  }

  /**
   * The request being served where this code runs: through the request context's {@code
   * CurrentVertxRequest} (quarkus-rest and Undertow set it, on whichever thread they run the
   * application), else the Vert.x context's locals (a route's handler on the event loop); null when
   * neither knows one.
   */
  public static TrackedExchange current() {
    ArcContainer arc = Arc.container();
    if (arc != null && arc.requestContext().isActive()) {
      RoutingContext context = arc.instance(CurrentVertxRequest.class).get().getCurrent();
      if (context != null) {
        TrackedExchange found = context.get(KEY);
        if (found != null) {
          return found;
        }
      }
    }
    if (VertxContext.isOnDuplicatedContext()) {
      return ContextLocals.<TrackedExchange>get(KEY).orElse(null);
    }
    return null;
  }

  /** The lookup {@code RequestTracking.current()} asks: the current request's state, or null. */
  static RequestTracking currentState() {
    TrackedExchange exchange = current();
    return exchange == null ? null : exchange.state;
  }
}
