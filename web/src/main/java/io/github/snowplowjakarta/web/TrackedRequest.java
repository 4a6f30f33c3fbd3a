package io.github.snowplowjakarta.web;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.ConsentEvent;
import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import io.github.snowplowjakarta.web.consent.ConsentDecision;
import io.github.snowplowjakarta.web.internal.RequestTracking;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * What application code can do with the request this thread is serving, whichever adapter tracks it
 * (the servlet filter, a framework's): track its own events with the request's subject and consent,
 * record a consent choice, name the page, add entities to the page view, or leave the request
 * untracked. Every method is safe to call on a thread serving no tracked request: it does nothing,
 * or answers empty.
 */
public final class TrackedRequest {
  private TrackedRequest() {}

  /**
   * The tracker of the request this thread is serving, while the adapter has it bound (the servlet
   * filter's chain, a framework's handler), or while a task {@link #carry carried} from it runs;
   * empty on other threads.
   */
  public static Optional<Tracker> current() {
    return Optional.ofNullable(currentOrNull());
  }

  /** {@link #current()} as a nullable supplier, for {@code Tracker.Builder.workInProgress}. */
  public static Tracker currentOrNull() {
    RequestTracking state = RequestTracking.current();
    return state == null ? null : state.applicationTracker();
  }

  /** How anonymous the current request is tracked, and why. */
  public static Optional<ConsentDecision> consent() {
    RequestTracking state = RequestTracking.current();
    return state == null ? Optional.empty() : Optional.of(state.consent());
  }

  /**
   * {@code task}, to run on another thread as on this one: while it runs, {@link #current()},
   * {@link #recordConsent(String, ConsentEvent...)} and the CDI extension's trackers follow the
   * request this thread is serving now (its subject and consent level; a visitor at {@code off}
   * stays untracked), whenever and wherever it runs. Captured now: called on a thread serving no
   * request, the task runs with none, at the trackers' default level, never with the request its
   * thread happens to serve.
   */
  public static Runnable carry(Runnable task) {
    return RequestTracking.carry(RequestTracking.current(), Objects.requireNonNull(task, "task"));
  }

  /** {@link #carry(Runnable)} for a task with a result. */
  public static <T> Callable<T> carry(Callable<T> task) {
    return RequestTracking.carry(RequestTracking.current(), Objects.requireNonNull(task, "task"));
  }

  /**
   * An executor that {@link #carry carries} to each task the request of the thread that hands it
   * over: {@code CompletableFuture.runAsync(work, TrackedRequest.carrying(pool))}.
   */
  public static Executor carrying(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    return task -> executor.execute(carry(task));
  }

  /**
   * Records the visitor's consent choice for the current request, as the servlet module's {@code
   * SnowplowRequest.recordConsent} describes: sets the consent cookie, tracks the rest of the
   * request at the level the next request will get, and tracks {@code events}. Refused (empty, and
   * a warning) once the response is committed, or for a choice that is not one of {@code
   * snowplow.consent.cookie.values}. Never throws.
   *
   * @return the request's new consent decision, or empty when nothing was recorded
   */
  public static Optional<ConsentDecision> recordConsent(String choice, ConsentEvent... events) {
    return RequestTracking.recordConsent(RequestTracking.current(), choice, events);
  }

  /** The page title ({@code page}) of the current request's page view. */
  public static void pageTitle(String title) {
    RequestTracking state = RequestTracking.current();
    if (state != null) {
      state.title(title);
    }
  }

  /**
   * The id of the current request's page view, as its {@code web_page} entity carries it, for a
   * browser tracker on the page; empty when no request is tracked or {@code
   * snowplow.web-page-entity} is off.
   */
  public static Optional<String> pageViewId() {
    RequestTracking state = RequestTracking.current();
    return state == null ? Optional.empty() : Optional.ofNullable(state.pageViewId());
  }

  /** Attaches an entity to the current request's page view. */
  public static void addEntity(SelfDescribingJson entity) {
    RequestTracking state = RequestTracking.current();
    if (state != null && entity != null) {
      state.addEntity(entity);
    }
  }

  /** No page view for the current request. */
  public static void suppressPageView() {
    RequestTracking state = RequestTracking.current();
    if (state != null) {
      state.suppress();
    }
  }
}
