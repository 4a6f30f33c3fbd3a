package io.github.snowplowjakarta.servlet;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.ConsentEvent;
import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import io.github.snowplowjakarta.web.TrackedRequest;
import io.github.snowplowjakarta.web.consent.ConsentDecision;
import io.github.snowplowjakarta.web.internal.RequestTracking;
import jakarta.servlet.ServletRequest;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * What application code can do with the request the {@link SnowplowFilter} is tracking: track its
 * own events with the request's subject and consent, record a consent choice, name the page, add
 * entities to the page view, or leave the request untracked. Every method is safe to call on a
 * request the filter did not see: it does nothing. The methods without a request are {@link
 * TrackedRequest}'s, which frameworks other than servlets share.
 */
public final class SnowplowRequest {
  /** The request attribute holding the filter's per-request state. */
  public static final String ATTRIBUTE = "io.github.snowplowjakarta.servlet.tracking";

  /** Set this request attribute to {@code Boolean.TRUE} to leave the request untracked. */
  public static final String SUPPRESS_ATTRIBUTE = "io.github.snowplowjakarta.servlet.suppress";

  private SnowplowRequest() {}

  /**
   * The tracker of the request this thread is serving, while the filter's chain runs on it, or
   * while a task {@link #carry carried} from it runs; empty on other threads.
   */
  public static Optional<Tracker> current() {
    return TrackedRequest.current();
  }

  /** {@link #current()} as a nullable supplier, for {@code Tracker.Builder.workInProgress}. */
  public static Tracker currentOrNull() {
    return TrackedRequest.currentOrNull();
  }

  /**
   * {@code task}, to run on another thread as on this one: while it runs, {@link #current()},
   * {@link #recordConsent(String, ConsentEvent...)} and the CDI extension's trackers follow the
   * request this thread is serving now (its subject and consent level; a visitor at {@code off}
   * stays untracked), whenever and wherever it runs. Captured now: called on a thread serving no
   * request, the task runs with none, at the trackers' default level, never with the request its
   * thread happens to serve. Tasks an async cycle runs with {@code AsyncContext.start} carry the
   * request without this.
   */
  public static Runnable carry(Runnable task) {
    return TrackedRequest.carry(task);
  }

  /** {@link #carry(Runnable)} for a task with a result. */
  public static <T> Callable<T> carry(Callable<T> task) {
    return TrackedRequest.carry(task);
  }

  /**
   * An executor that {@link #carry carries} to each task the request of the thread that hands it
   * over: {@code CompletableFuture.runAsync(work, SnowplowRequest.carrying(pool))}.
   */
  public static Executor carrying(Executor executor) {
    return TrackedRequest.carrying(executor);
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

  /**
   * Records the visitor's consent choice from the application's consent endpoint, and makes it the
   * request's level from now on:
   *
   * <ul>
   *   <li>sets the consent cookie the filter reads ({@code snowplow.consent.cookie.name}, default
   *       {@code sp_consent}) to {@code choice}, for a year, its {@code Path} the context path;
   *   <li>tracks the rest of the response at the level the next request will get with that cookie
   *       (the other consent sources and caps, such as Global Privacy Control, still count): its
   *       later events, its page view, and the identity cookies the filter writes before commit
   *       (the response now counts as one that tracks) or expires (when {@code
   *       snowplow.cookie.manage} or {@code .clear-on-withdrawal} is on);
   *   <li>tracks {@code events} at the more identifying of the levels before and after (see {@code
   *       Anonymisation.forConsentChange}): a withdrawal with the identifiers the visitor's earlier
   *       events carry, a grant with those it allows.
   * </ul>
   *
   * <p>Call it before the response is committed (its first flush, or a page outgrowing the buffer):
   * after that the cookie cannot be set and the browser would keep its old choice, so the choice is
   * refused: no event, an empty result, a warning, and the rest of the request at the more
   * restrictive of the old and new levels (a withdrawal still holds for it). Under a context path
   * it also expires a consent cookie of the same name at {@code Path=/}, which would disagree with
   * the new one. A later {@code response.reset()} does not drop these cookies. Never throws: a
   * request the filter does not track, or a choice that is not one of the cookie's configured
   * values ({@code snowplow.consent.cookie.values}), records nothing and is logged.
   *
   * @param choice the consent cookie's new value, such as {@code all}, {@code session} or {@code
   *     none}
   * @param events the consent events that record the choice; may be none
   * @return the request's new consent decision, or empty when nothing was recorded (see above)
   */
  public static Optional<ConsentDecision> recordConsent(
      ServletRequest request, String choice, ConsentEvent... events) {
    return RequestTracking.recordConsent(state(request).orElse(null), choice, events);
  }

  /**
   * {@link #recordConsent(ServletRequest, String, ConsentEvent...)} for the request this thread is
   * serving, for code that has no request object at hand, such as a CDI bean.
   */
  public static Optional<ConsentDecision> recordConsent(String choice, ConsentEvent... events) {
    return TrackedRequest.recordConsent(choice, events);
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
