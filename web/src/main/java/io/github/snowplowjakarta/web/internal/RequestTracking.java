package io.github.snowplowjakarta.web.internal;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.ConsentEvent;
import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import io.github.snowplowjakarta.core.internal.RandomUuids;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import io.github.snowplowjakarta.web.WebResponse;
import io.github.snowplowjakarta.web.consent.ConsentDecision;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One request's tracking state, kept by the adapter with its request (a servlet request attribute,
 * a Vert.x routing context's data) and bound to the thread serving it while application code runs
 * there ({@link #bind}). The consent decision is taken when first needed (when the request comes in
 * where it must be: see {@code PageViewTracking.start}), and again when the application records a
 * new choice; what the request says (URL, headers, identity cookies) is read when first needed too,
 * so a request that never tracks (an API call, a POST, an error) pays for neither. Not API.
 */
public final class RequestTracking {
  /**
   * The request read: its tracker, bound to its subject and level, its page's URLs and its user
   * agent.
   */
  public record Reading(Tracker tracker, String url, String referrer, String userAgent) {
    // equals, hashCode and toString are written out: on Java 17 a record's generated ones can
    // keep its class loader alive (see Anonymisation).
    @Override
    public boolean equals(Object other) {
      return other instanceof Reading that
          && Objects.equals(tracker, that.tracker)
          && Objects.equals(url, that.url)
          && Objects.equals(referrer, that.referrer)
          && Objects.equals(userAgent, that.userAgent);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tracker, url, referrer, userAgent);
    }

    @Override
    public String toString() {
      return "Reading["
          + "tracker="
          + tracker
          + ", url="
          + url
          + ", referrer="
          + referrer
          + ", userAgent="
          + userAgent
          + "]";
    }
  }

  /** Reads the request, or stands in for it when a read is asked for from inside the read. */
  public interface Reader {
    Reading read();

    Reading withoutDetails();
  }

  /** A consent decision and what follows from it: how the request is read, which cookies go out. */
  static final class Decided {
    final ConsentDecision consent;
    final Reader reader;
    final IdentityCookies.Next identityCookies;

    /**
     * @param identityCookies the identity cookies to write if the response tracks; null for none
     */
    Decided(ConsentDecision consent, Reader reader, IdentityCookies.Next identityCookies) {
      this.consent = consent;
      this.reader = reader;
      this.identityCookies = identityCookies;
    }
  }

  /** Records a consent decision made during the request: {@code SnowplowRequest.recordConsent}. */
  public interface ConsentRecorder {
    Optional<ConsentDecision> record(
        RequestTracking tracking, String choice, List<ConsentEvent> events);
  }

  private static final ThrottledLogger LOG = new ThrottledLogger(RequestTracking.class);

  /** The state whose request this thread is reading, to catch code that re-enters the read. */
  private static final ThreadLocal<RequestTracking> READING = new ThreadLocal<>();

  /** The request this thread is serving, for application code: {@code TrackedRequest}. */
  private static final ThreadLocal<RequestTracking> CURRENT = new ThreadLocal<>();

  private final boolean pageViewIds;
  private final ConsentRecorder recorder;
  private final WebFigures figures;
  private final Decided undecidable;
  private volatile Function<RequestTracking, Decided> undecided; // null once decided
  private boolean deciding; // guarded by this
  private volatile ConsentDecision consent;
  private volatile Reader reader;
  private volatile IdentityCookies.Next identityCookies;
  private volatile boolean applicationTracked;
  private volatile boolean consentRecorded;
  private boolean cookiesDecided; // guarded by this
  private String pageViewId; // guarded by this
  private List<SelfDescribingJson> entities; // guarded by this
  private boolean finished; // guarded by this
  private volatile Reading reading;
  private volatile String title;
  private volatile Supplier<String> titleFromBody;
  private volatile boolean suppressed;
  private List<String> setCookies; // guarded by this: the Set-Cookie headers a reset must not drop

  /**
   * @param decision decides the consent, when first needed
   * @param undecidable what holds while the decision is taken (for code it calls that asks for it)
   *     or when it fails: the most restrictive level, tracking nothing
   * @param pageViewIds whether the request's page view gets an id of its own (web_page)
   * @param recorder records a consent choice made during the request; null where none can be
   * @param figures where its page view counts
   */
  RequestTracking(
      Function<RequestTracking, Decided> decision,
      Decided undecidable,
      boolean pageViewIds,
      ConsentRecorder recorder,
      WebFigures figures) {
    this.undecided = decision;
    this.undecidable = undecidable;
    this.pageViewIds = pageViewIds;
    this.recorder = recorder;
    this.figures = figures;
    apply(undecidable);
  }

  /**
   * Where its page view counts: the figures of the tracking that started it, also when another
   * adapter (a servlet filter joining it) finishes it.
   */
  WebFigures figures() {
    return figures;
  }

  private void apply(Decided decided) {
    this.consent = decided.consent;
    this.reader = decided.reader;
    this.identityCookies = decided.identityCookies;
  }

  /**
   * Takes the consent decision if not yet. Under the lock, so that another thread asking meanwhile
   * waits for it; the thread taking it, re-entering from code the decision calls, gets the
   * undecidable values, as it does if the decision fails.
   */
  private void decided() {
    if (undecided == null) {
      return;
    }
    synchronized (this) {
      Function<RequestTracking, Decided> decision = undecided;
      if (decision == null || deciding) {
        return;
      }
      deciding = true;
      try {
        apply(decision.apply(this));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Snowplow: consent not decided, the request tracks nothing: " + e);
        apply(undecidable);
      } finally {
        deciding = false;
        undecided = null;
      }
    }
  }

  /**
   * Records a consent decision; empty when this request cannot (no recorder) or the choice is bad.
   */
  public Optional<ConsentDecision> recordConsent(String choice, List<ConsentEvent> events) {
    return recorder == null ? Optional.empty() : recorder.record(this, choice, events);
  }

  /**
   * From now on the request is tracked as {@code decided} says (its level, its reader, the identity
   * cookies written before commit): events tracked later in it, its page view and its cookies. A
   * consent change makes the response one that tracks.
   */
  synchronized void changeConsent(Decided decided, boolean recorded) {
    undecided = null;
    apply(decided);
    this.consentRecorded |= recorded;
    this.cookiesDecided = false; // the new level's cookies, if any, replace any written before
    this.reading = null;
  }

  /**
   * Reads the request once. No lock is held while reading: container or wrapper code runs then, and
   * two threads asking at once both read the same request and keep the first result.
   */
  private Reading reading() {
    Reading read = reading;
    if (read != null) {
      return read;
    }
    decided();
    Reader current = reader;
    RequestTracking outer = READING.get();
    if (outer == this) {
      // Code the read calls (a request wrapper's getHeader, say) tracking through this request.
      return current.withoutDetails();
    }
    READING.set(this);
    try {
      read = current.read();
    } finally {
      // set, not remove: the thread keeps its entry, so no request allocates and clears one.
      READING.set(outer);
    }
    synchronized (this) {
      if (reader != current) {
        // The consent changed while reading: this reading is for the level before.
        return read;
      }
      if (reading == null) {
        reading = read;
      }
      return reading;
    }
  }

  /** Reads the request now, if not yet: before an async cycle leaves the request thread. */
  public void read() {
    reading();
  }

  public Tracker tracker() {
    return reading().tracker();
  }

  /** The tracker, handed to application code: the response now counts as one that tracks. */
  public Tracker applicationTracker() {
    applicationTracked = true;
    return tracker();
  }

  boolean applicationTracked() {
    return applicationTracked;
  }

  /** Whether the application recorded a consent choice during the request. */
  boolean consentRecorded() {
    return consentRecorded;
  }

  IdentityCookies.Next identityCookies() {
    decided();
    return identityCookies;
  }

  /**
   * Adds a {@code Set-Cookie} header that records a decision (a consent choice, expired identity
   * cookies) and must go out whatever the application does next: {@link #setCookiesAgain} adds it
   * again after a {@code reset()}.
   */
  void setCookie(WebResponse response, String header) {
    synchronized (this) {
      if (setCookies == null) {
        setCookies = new ArrayList<>(2);
      }
      setCookies.add(header);
    }
    response.addHeader("Set-Cookie", header);
  }

  /**
   * After a {@code reset()} cleared the headers: the decisions' cookies go out again, and whether
   * to write the identity cookies is decided again, on what the response is now.
   */
  public void setCookiesAgain(WebResponse response) {
    List<String> headers;
    synchronized (this) {
      cookiesDecided = false;
      headers = setCookies == null ? List.of() : List.copyOf(setCookies);
    }
    for (String header : headers) {
      response.addHeader("Set-Cookie", header);
    }
  }

  /** True the first time only: whether to write the identity cookies is decided once. */
  synchronized boolean decideCookies() {
    boolean first = !cookiesDecided;
    cookiesDecided = true;
    return first;
  }

  public ConsentDecision consent() {
    decided();
    return consent;
  }

  public String url() {
    return reading().url();
  }

  public String referrer() {
    return reading().referrer();
  }

  public String userAgent() {
    return reading().userAgent();
  }

  /** The title the application gave, else the one read from the response's HTML, else null. */
  public String title() {
    String given = title;
    if (given != null) {
      return given;
    }
    Supplier<String> fromBody = titleFromBody;
    return fromBody == null ? null : fromBody.get();
  }

  /** Where the title comes from when the application names none. */
  public void titleFromBody(Supplier<String> fromBody) {
    this.titleFromBody = fromBody;
  }

  /**
   * The id of this request's page view (a version 4 UUID, made as event ids are, when first asked
   * for), or null.
   */
  public synchronized String pageViewId() {
    if (pageViewIds && pageViewId == null) {
      pageViewId = RandomUuids.INSTANCE.get().toString();
    }
    return pageViewId;
  }

  public void title(String title) {
    this.title = title;
  }

  public synchronized void addEntity(SelfDescribingJson entity) {
    if (entities == null) {
      entities = new ArrayList<>(1);
    }
    entities.add(entity);
  }

  public synchronized List<SelfDescribingJson> entities() {
    return entities == null ? List.of() : List.copyOf(entities);
  }

  public void suppress() {
    suppressed = true;
  }

  public boolean suppressed() {
    return suppressed;
  }

  /** True the first time only: a request is tracked once, however it ends. */
  public synchronized boolean finish() {
    boolean first = !finished;
    finished = true;
    return first;
  }

  /**
   * Where a framework that runs a request on threads of its choosing (Quarkus: the event loop, a
   * worker, with the request's context) keeps it: asked when no request is bound to the thread.
   */
  private static volatile Supplier<RequestTracking> lookup;

  /** The request bound to this thread, else the one the installed lookup finds, or null. */
  public static RequestTracking current() {
    RequestTracking bound = CURRENT.get();
    return bound != null ? bound : lookedUp();
  }

  /**
   * The request the installed lookup finds, or null: one an adapter outside the servlet container
   * started, which the servlet filter joins instead of starting its own.
   */
  public static RequestTracking lookedUp() {
    Supplier<RequestTracking> found = lookup;
    if (found == null) {
      return null;
    }
    try {
      return found.get();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Snowplow: the current request not found: " + e);
      return null;
    }
  }

  /**
   * Installs the lookup {@link #current} asks when no request is bound to the thread (null for
   * none): one per class loader, installed by the adapter whose framework keeps the request.
   */
  public static void lookUpCurrentWith(Supplier<RequestTracking> lookup) {
    RequestTracking.lookup = lookup;
  }

  /** Binds {@code state} (null for none) to this thread, until {@link #unbind}. */
  public static void bind(RequestTracking state) {
    CURRENT.set(state);
  }

  /**
   * Clears the binding, keeping the thread's (weakly keyed) entry: {@code remove()} would make the
   * next request's {@code set} allocate a new entry, a weak reference the garbage collector then
   * processes, and clear the old one through a native call, on every request. The entry holds no
   * class of the application.
   */
  public static void unbind() {
    CURRENT.set(null);
  }

  /** {@code task}, run with {@code state} (null for none) bound, and the thread's own after. */
  public static Runnable carry(RequestTracking state, Runnable task) {
    return () -> {
      RequestTracking outer = CURRENT.get();
      CURRENT.set(state);
      try {
        task.run();
      } finally {
        CURRENT.set(outer);
      }
    };
  }

  /** {@link #carry(RequestTracking, Runnable)} for a task with a result. */
  public static <T> Callable<T> carry(RequestTracking state, Callable<T> task) {
    return () -> {
      RequestTracking outer = CURRENT.get();
      CURRENT.set(state);
      try {
        return task.call();
      } finally {
        CURRENT.set(outer);
      }
    };
  }

  /**
   * Records a consent choice for {@code state}'s request (null: no tracked request), never
   * throwing: what failed is logged and the answer is empty.
   */
  public static Optional<ConsentDecision> recordConsent(
      RequestTracking state, String choice, ConsentEvent... events) {
    try {
      if (state == null) {
        LOG.log(Level.WARNING, "Snowplow: consent not recorded: this request is not tracked");
        return Optional.empty();
      }
      List<ConsentEvent> list = new ArrayList<>(events == null ? 0 : events.length);
      if (events != null) {
        for (ConsentEvent event : events) {
          if (event != null) {
            list.add(event);
          }
        }
      }
      return state.recordConsent(choice, list);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Snowplow: consent not recorded: " + e, e);
      return Optional.empty();
    }
  }
}
