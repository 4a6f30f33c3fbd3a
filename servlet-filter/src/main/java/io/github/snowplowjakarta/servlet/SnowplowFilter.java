package io.github.snowplowjakarta.servlet;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.ConfigSource;
import io.github.snowplowjakarta.core.config.ConfigurationException;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import io.github.snowplowjakarta.servlet.internal.BeforeCommit;
import io.github.snowplowjakarta.servlet.internal.ConsentSourceFinder;
import io.github.snowplowjakarta.servlet.internal.ServletWebRequest;
import io.github.snowplowjakarta.servlet.internal.ServletWebResponse;
import io.github.snowplowjakarta.servlet.internal.TitleCapture;
import io.github.snowplowjakarta.servlet.internal.WebAppConfig;
import io.github.snowplowjakarta.web.consent.ConsentSource;
import io.github.snowplowjakarta.web.internal.PageViewTracking;
import io.github.snowplowjakarta.web.internal.RequestTracking;
import io.github.snowplowjakarta.web.internal.TitleScanner;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

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

  /** The start-up lines: one per filter, never throttled. */
  private static final System.Logger STARTUP = System.getLogger(SnowplowFilter.class.getName());

  private static final String NO_COLLECTOR =
      "tracking nothing, no collector URI. Looked for "
          + ConfigKeys.COLLECTOR_URI.name()
          + " as a context-param, a MicroProfile Config property, a system property (-D"
          + ConfigKeys.COLLECTOR_URI.name()
          + "=...), an environment variable ("
          + ConfigSource.environmentName(ConfigKeys.COLLECTOR_URI.name())
          + ") and in "
          + ConfigSource.PROPERTIES_FILE
          + " on the class path; a filter registered in web.xml or code also takes it as an"
          + " init-param. "
          + ConfigKeys.ENABLED.name()
          + "=false or "
          + ConfigKeys.AUTO_REGISTER.name()
          + "=false silences this.";

  private final Tracker givenTracker;
  private final TrackerConfig givenConfig;
  private final List<ConsentSource> consentSources = new CopyOnWriteArrayList<>();
  private PageViewTracking tracking;
  private Emitter ownEmitter;
  private Duration closeTimeout;

  /** A filter that builds its tracker from the configuration. */
  public SnowplowFilter() {
    this(null);
  }

  /** A filter that tracks with this tracker, which stays its owner's to close. */
  public SnowplowFilter(Tracker tracker) {
    this(tracker, null);
  }

  /**
   * A filter that reads its settings from {@code config} instead of its init-params and the chain
   * after them, for a framework with a configuration of its own such as Spring's {@code
   * Environment}; it tracks with {@code tracker}, which stays its owner's to close, or, if that is
   * null, with one it builds from {@code config}.
   */
  public SnowplowFilter(Tracker tracker, TrackerConfig config) {
    this.givenTracker = tracker;
    this.givenConfig = config;
  }

  /**
   * Adds a consent source of the application's own, before the filter is initialised. It is asked
   * where {@code snowplow.consent.sources} names it, else after the named sources. Sources listed
   * in {@code META-INF/services/io.github.snowplowjakarta.web.consent.ConsentSource} are added too.
   */
  public SnowplowFilter consentSource(ConsentSource source) {
    if (tracking != null) {
      throw new IllegalStateException("consent sources are added before the filter starts");
    }
    consentSources.add(Objects.requireNonNull(source, "source"));
    return this;
  }

  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    ServletContext context = filterConfig.getServletContext();
    TrackerConfig config =
        (givenConfig != null ? givenConfig : WebAppConfig.of(filterConfig, context))
            .withDefault(ConfigKeys.PLATFORM, Platform.WEB);
    String name = "Snowplow filter '" + filterConfig.getFilterName() + "' in " + where(context);
    boolean autoRegistered =
        "true".equals(filterConfig.getInitParameter(SnowplowInitializer.AUTO_REGISTERED));
    if (autoRegistered && SnowplowInitializer.alreadyRegistered(context)) {
      // The application registered its own filter after this one was added for it: stand down.
      STARTUP.log(Level.INFO, name + ": not tracking, the application registered its own filter");
      return;
    }
    try {
      if (!config.enabled()) {
        // Tracking is off: every request passes through untouched, and nothing is built or sent.
        STARTUP.log(Level.INFO, name + ": tracking off (" + ConfigKeys.ENABLED.name() + "=false)");
        return;
      }
      if (autoRegistered && !config.has(ConfigKeys.COLLECTOR_URI)) {
        STARTUP.log(Level.WARNING, name + ": " + NO_COLLECTOR);
        return;
      }
      List<ConsentSource> sources = consentSources(context);
      if (givenTracker != null) {
        tracking = new PageViewTracking(givenTracker, config, sources);
        tracking.figures().register(figuresName(givenTracker));
        STARTUP.log(
            Level.INFO,
            name
                + ": tracking on, with the tracker it was given (namespace "
                + givenTracker.settings().namespace()
                + ", app id "
                + givenTracker.settings().appId()
                + "); "
                + consent(config, givenTracker.anonymisation()));
        return;
      }
      // Its own spool sub-directory: a CDI tracker in the same application has another.
      String spoolName = "filter-" + config.get(ConfigKeys.NAMESPACE);
      Emitter.Builder emitter = config.emitterBuilder(spoolName);
      var settings = config.trackerSettings();
      var anonymisation = config.defaultAnonymisation();
      closeTimeout = config.closeTimeout();
      ownEmitter = emitter.build();
      try {
        tracking =
            new PageViewTracking(
                Tracker.builder(settings, ownEmitter).anonymisation(anonymisation).build(),
                config,
                sources);
      } catch (RuntimeException e) {
        ownEmitter.close(Duration.ZERO);
        ownEmitter = null;
        throw e;
      }
      tracking.figures().register(figuresName(tracking.tracker()));
      STARTUP.log(
          Level.INFO,
          name
              + ": tracking on; "
              + config.summary(spoolName)
              + "; "
              + consent(config, anonymisation));
    } catch (ConfigurationException e) {
      throw new ServletException("Snowplow tracker configuration: " + e.getMessage(), e);
    }
  }

  /** The name its figures have in JMX: its emitter's. */
  private static String figuresName(Tracker tracker) {
    return tracker.emitter() != null ? tracker.emitter().name() : tracker.settings().namespace();
  }

  /** The context path, {@code /} at the root. */
  private static String where(ServletContext context) {
    String path = context.getContextPath();
    return path == null || path.isEmpty() ? "/" : path;
  }

  /** The consent part of the start-up line: the default, then the sources in the order asked. */
  private String consent(TrackerConfig config, Anonymisation defaultLevel) {
    return "default level "
        + defaultLevel.configName()
        + ", consent sources "
        + tracking.consentPolicy().sources().stream()
            .map(ConsentSource::name)
            .collect(Collectors.joining(", "))
        + " ("
        + config
            .get(ConfigKeys.CONSENT_RESOLUTION)
            .name()
            .toLowerCase(Locale.ROOT)
            .replace('_', '-')
        + ")";
  }

  /**
   * The sources given to this filter, then those the application lists for the ServiceLoader, then
   * those a finder (the CDI extension's) finds, such as CDI beans.
   */
  private List<ConsentSource> consentSources(ServletContext context) {
    List<ConsentSource> sources = new ArrayList<>(consentSources);
    ClassLoader contextLoader = context.getClassLoader();
    ClassLoader loader =
        contextLoader != null ? contextLoader : SnowplowFilter.class.getClassLoader();
    try {
      for (ConsentSource source : ServiceLoader.load(ConsentSource.class, loader)) {
        sources.add(source);
      }
    } catch (ServiceConfigurationError | LinkageError e) {
      throw new ConfigurationException(
          ConfigKeys.CONSENT_SOURCES.name(), "a listed consent source cannot be loaded: " + e);
    }
    try {
      for (ConsentSourceFinder finder : ServiceLoader.load(ConsentSourceFinder.class, loader)) {
        sources.addAll(finder.find(context));
      }
    } catch (ServiceConfigurationError | LinkageError e) {
      // The CDI extension in a container without CDI (Tomcat without Weld): no beans to find, and
      // nothing an operator needs to hear about.
      LOG.log(Level.DEBUG, "Snowplow: no CDI consent sources, CDI is not available: " + e);
    }
    return sources;
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
    ServletWebRequest webRequest = new ServletWebRequest(request);
    ServletWebResponse webResponse = new ServletWebResponse(response);
    RequestTracking state = start(request, webRequest, webResponse);
    HttpServletRequest chainRequest = request;
    HttpServletResponse chainResponse = response;
    TitleCapture capture = null;
    if (state != null) {
      // The identity-cookie writer next to the container, so it sees every byte before it goes
      // out; the title capture outside it, so its request wrapper hands an async cycle both.
      chainResponse =
          new BeforeCommit(
              response,
              () -> {
                suppressIfAsked(state, request);
                tracking.beforeCommit(state, webRequest, webResponse);
              },
              () -> tracking.afterReset(state, webResponse));
      chainRequest = new CarryingRequest(request, state);
      RequestTracking.bind(state);
      capture = captureTitle(state, chainRequest, chainResponse, webRequest, webResponse);
    }
    boolean completed = false;
    try {
      if (capture != null) {
        chain.doFilter(capture.request(), capture.response());
      } else {
        chain.doFilter(chainRequest, chainResponse);
      }
      completed = true;
    } finally {
      if (state != null) {
        RequestTracking.unbind();
        if (completed) {
          finishOrWait(state, request, response, webRequest, webResponse);
        }
      }
    }
  }

  private RequestTracking start(
      HttpServletRequest request, ServletWebRequest webRequest, ServletWebResponse webResponse) {
    try {
      // Every request gets its state, so code tracking during it follows its consent (decided
      // when first asked for), even on a path where no page view is tracked. One that an adapter
      // outside the container started (Quarkus's, in front of Undertow) is joined: this filter
      // binds it, reads the title and finishes it, and the request has one page view.
      RequestTracking joined = RequestTracking.lookedUp();
      RequestTracking state = joined != null ? joined : tracking.start(webRequest, webResponse);
      request.setAttribute(SnowplowRequest.ATTRIBUTE, state);
      return state;
    } catch (Throwable e) {
      LOG.log(Level.WARNING, "Snowplow: request not tracked: " + e, e);
      return null;
    }
  }

  private TitleCapture captureTitle(
      RequestTracking state,
      HttpServletRequest request,
      HttpServletResponse response,
      ServletWebRequest webRequest,
      ServletWebResponse webResponse) {
    try {
      TitleScanner scanner = tracking.titleScanner(state, webRequest, webResponse);
      return scanner == null ? null : new TitleCapture(request, response, scanner);
    } catch (Throwable e) {
      LOG.log(Level.WARNING, "Snowplow: page title not read: " + e, e);
      return null;
    }
  }

  private void finishOrWait(
      RequestTracking state,
      HttpServletRequest request,
      HttpServletResponse response,
      ServletWebRequest webRequest,
      ServletWebResponse webResponse) {
    try {
      suppressIfAsked(state, request);
      if (request.isAsyncStarted()) {
        // Read on this thread: what the request says is then the same as for a request that is not
        // async, whichever thread completes it.
        state.read();
        tracking.beforeAsync(state, webRequest, webResponse);
        request
            .getAsyncContext()
            .addListener(new FinishWhenComplete(state, request, response, webRequest, webResponse));
      } else {
        tracking.finish(state, webRequest, webResponse);
      }
    } catch (Throwable e) {
      LOG.log(Level.WARNING, "Snowplow: page view not tracked: " + e, e);
    }
  }

  /**
   * The application's {@link SnowplowRequest#SUPPRESS_ATTRIBUTE}: asked before the cookies and the
   * page view are decided.
   */
  private static void suppressIfAsked(RequestTracking state, HttpServletRequest request) {
    if (Boolean.TRUE.equals(request.getAttribute(SnowplowRequest.SUPPRESS_ATTRIBUTE))) {
      state.suppress();
    }
  }

  /** Tracks an async request once, when its cycle completes. */
  private final class FinishWhenComplete implements AsyncListener {
    private final RequestTracking state;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final ServletWebRequest webRequest;
    private final ServletWebResponse webResponse;

    FinishWhenComplete(
        RequestTracking state,
        HttpServletRequest request,
        HttpServletResponse response,
        ServletWebRequest webRequest,
        ServletWebResponse webResponse) {
      this.state = state;
      this.request = request;
      this.response = response;
      this.webRequest = webRequest;
      this.webResponse = webResponse;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      try {
        suppressIfAsked(state, request);
        tracking.finish(state, webRequest, webResponse);
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

  /**
   * Takes its figures out of JMX and closes the tracker's emitter if the filter created it, waiting
   * at most the close timeout.
   */
  @Override
  public void destroy() {
    if (tracking != null) {
      tracking.figures().unregister();
    }
    if (ownEmitter != null) {
      ownEmitter.close(closeTimeout);
      ownEmitter = null;
    }
  }
}
