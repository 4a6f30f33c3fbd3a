package io.github.snowplowjakarta.servlet;

import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.ConfigurationException;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import io.github.snowplowjakarta.servlet.internal.PageViewTracking;
import io.github.snowplowjakarta.servlet.internal.RequestTracking;
import io.github.snowplowjakarta.servlet.internal.WebAppConfig;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Tracks page views and decides, for every request, how anonymous its tracking must be from the
 * consent cookies and privacy headers the browser sends.
 *
 * <p>Register it in {@code web.xml}, with an annotated subclass, programmatically, or not at all:
 * with its jar in {@code WEB-INF/lib} and {@code snowplow.collector-uri} configured it registers
 * itself. Configured from its init-params, then the context-params, MicroProfile Config, system
 * properties, environment and {@code META-INF/snowplow-tracker.properties}, as the CDI trackers.
 * Built without a tracker it creates its own, and closes it when the filter is destroyed; a tracker
 * it is given is never closed here.
 *
 * <p>Nothing escapes it into the application: a tracking failure is logged (throttled) and the
 * request goes on.
 */
public class SnowplowFilter implements Filter {
  private static final ThrottledLogger LOG = new ThrottledLogger(SnowplowFilter.class);

  private final Tracker givenTracker;
  private PageViewTracking tracking;
  private Emitter ownEmitter;
  private Duration closeTimeout;

  /** A filter that builds its tracker from the configuration. */
  public SnowplowFilter() {
    this(null);
  }

  /** A filter that tracks with this tracker, which stays its owner's to close. */
  public SnowplowFilter(Tracker tracker) {
    this.givenTracker = tracker;
  }

  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    ServletContext context = filterConfig.getServletContext();
    TrackerConfig config =
        WebAppConfig.of(filterConfig, context).withDefault(ConfigKeys.PLATFORM, Platform.WEB);
    if ("true".equals(filterConfig.getInitParameter(SnowplowInitializer.AUTO_REGISTERED))
        && SnowplowInitializer.alreadyRegistered(context)) {
      // The application registered its own filter after this one was added for it: stand down.
      return;
    }
    try {
      if (!config.enabled()) {
        // Tracking is off: every request passes through untouched, and nothing is built or sent.
        LOG.log(Level.INFO, "Snowplow: tracking is off (" + ConfigKeys.ENABLED.name() + "=false)");
        return;
      }
      if (givenTracker != null) {
        tracking = new PageViewTracking(givenTracker, config);
        return;
      }
      Emitter.Builder emitter = config.emitterBuilder();
      var settings = config.trackerSettings();
      var anonymisation = config.defaultAnonymisation();
      closeTimeout = config.closeTimeout();
      ownEmitter = emitter.build();
      try {
        tracking =
            new PageViewTracking(
                Tracker.builder(settings, ownEmitter).anonymisation(anonymisation).build(), config);
      } catch (RuntimeException e) {
        ownEmitter.close(Duration.ZERO);
        ownEmitter = null;
        throw e;
      }
    } catch (ConfigurationException e) {
      throw new ServletException("Snowplow tracker configuration: " + e.getMessage(), e);
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest)
        || !(res instanceof HttpServletResponse)
        || tracking == null
        || req.getDispatcherType() != DispatcherType.REQUEST
        || req.getAttribute(SnowplowRequest.ATTRIBUTE) != null) {
      chain.doFilter(req, res);
      return;
    }
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    RequestTracking state = start(request, response);
    if (state != null) {
      SnowplowRequest.bind(state);
    }
    boolean completed = false;
    try {
      chain.doFilter(request, response);
      completed = true;
    } finally {
      if (state != null) {
        SnowplowRequest.unbind();
        if (completed) {
          finishOrWait(state, request, response);
        }
      }
    }
  }

  private RequestTracking start(HttpServletRequest request, HttpServletResponse response) {
    try {
      // Every request gets its consent decision, so code tracking during it follows it, even on a
      // path where no page view is tracked.
      RequestTracking state = tracking.start(request, response);
      request.setAttribute(SnowplowRequest.ATTRIBUTE, state);
      return state;
    } catch (Throwable e) {
      LOG.log(Level.WARNING, "Snowplow: request not tracked: " + e, e);
      return null;
    }
  }

  private void finishOrWait(
      RequestTracking state, HttpServletRequest request, HttpServletResponse response) {
    try {
      if (request.isAsyncStarted()) {
        // Read on this thread: what the request says is then the same as for a request that is not
        // async, whichever thread completes it.
        state.read();
        request.getAsyncContext().addListener(new FinishWhenComplete(state, request, response));
      } else {
        tracking.finish(state, request, response);
      }
    } catch (Throwable e) {
      LOG.log(Level.WARNING, "Snowplow: page view not tracked: " + e, e);
    }
  }

  /** Tracks an async request once, when its cycle completes. */
  private final class FinishWhenComplete implements AsyncListener {
    private final RequestTracking state;
    private final HttpServletRequest request;
    private final HttpServletResponse response;

    FinishWhenComplete(
        RequestTracking state, HttpServletRequest request, HttpServletResponse response) {
      this.state = state;
      this.request = request;
      this.response = response;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      try {
        tracking.finish(state, request, response);
      } catch (Throwable e) {
        LOG.log(Level.WARNING, "Snowplow: page view not tracked: " + e, e);
      }
    }

    @Override
    public void onTimeout(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {
      event.getAsyncContext().addListener(this, request, response);
    }
  }

  /** Closes the tracker's emitter if the filter created it, waiting at most the close timeout. */
  @Override
  public void destroy() {
    if (ownEmitter != null) {
      ownEmitter.close(closeTimeout);
      ownEmitter = null;
    }
  }
}
