package io.github.snowplowjakarta.servlet;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import io.github.snowplowjakarta.servlet.consent.ConsentDecision;
import io.github.snowplowjakarta.servlet.internal.RequestTracking;
import jakarta.servlet.ServletRequest;
import java.util.Optional;

/**
 * What application code can do with the request the {@link SnowplowFilter} is tracking: track its
 * own events with the request's subject and consent, name the page, add entities to the page view,
 * or leave the request untracked. Every method is safe to call on a request the filter did not see:
 * it does nothing.
 */
public final class SnowplowRequest {
  /** The request attribute holding the filter's per-request state. */
  public static final String ATTRIBUTE = "io.github.snowplowjakarta.servlet.tracking";

  /** Set this request attribute to {@code Boolean.TRUE} to leave the request untracked. */
  public static final String SUPPRESS_ATTRIBUTE = "io.github.snowplowjakarta.servlet.suppress";

  private static final ThreadLocal<RequestTracking> CURRENT = new ThreadLocal<>();

  private SnowplowRequest() {}

  /**
   * The tracker of the request this thread is serving, while the filter's chain runs on it; empty
   * on other threads, such as those an async servlet hands its work to.
   */
  public static Optional<Tracker> current() {
    RequestTracking state = CURRENT.get();
    return state == null ? Optional.empty() : Optional.of(state.applicationTracker());
  }

  /** {@link #current()} as a nullable supplier, for {@code Tracker.Builder.workInProgress}. */
  public static Tracker currentOrNull() {
    RequestTracking state = CURRENT.get();
    return state == null ? null : state.applicationTracker();
  }

  static void bind(RequestTracking state) {
    CURRENT.set(state);
  }

  static void unbind() {
    CURRENT.remove();
  }

  /** A tracker bound to this request's subject and consent. */
  public static Optional<Tracker> tracker(ServletRequest request) {
    return state(request).map(RequestTracking::applicationTracker);
  }

  /** How anonymous this request is tracked, and why. */
  public static Optional<ConsentDecision> consent(ServletRequest request) {
    return state(request).map(RequestTracking::consent);
  }

  /** The page title ({@code page}) of the request's page view. */
  public static void pageTitle(ServletRequest request, String title) {
    state(request).ifPresent(state -> state.title(title));
  }

  /**
   * The id of the request's page view, as its {@code web_page} entity carries it: hand it to a
   * browser tracker on the page (its {@code web_page} context, or a custom entity) so that the
   * browser's events join the server's page view. Empty when the filter did not see the request or
   * {@code snowplow.web-page-entity} is off. The id is the same for the whole request, also when no
   * page view is tracked for it in the end (not HTML, not 2xx, a bot, suppressed).
   */
  public static Optional<String> pageViewId(ServletRequest request) {
    return state(request).map(RequestTracking::pageViewId);
  }

  /** Attaches an entity to the request's page view. */
  public static void addEntity(ServletRequest request, SelfDescribingJson entity) {
    if (entity != null) {
      state(request).ifPresent(state -> state.addEntity(entity));
    }
  }

  /** No page view for this request. */
  public static void suppressPageView(ServletRequest request) {
    state(request).ifPresent(RequestTracking::suppress);
  }

  private static Optional<RequestTracking> state(ServletRequest request) {
    Object state = request == null ? null : request.getAttribute(ATTRIBUTE);
    return state instanceof RequestTracking
        ? Optional.of((RequestTracking) state)
        : Optional.empty();
  }
}
