package io.github.snowplowjakarta.web.internal;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.core.event.ConsentEvent;
import io.github.snowplowjakarta.core.event.PageView;
import io.github.snowplowjakarta.core.event.WebPage;
import io.github.snowplowjakarta.core.internal.Checks;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import io.github.snowplowjakarta.web.WebRequest;
import io.github.snowplowjakarta.web.WebResponse;
import io.github.snowplowjakarta.web.consent.ConsentDecision;
import io.github.snowplowjakarta.web.consent.ConsentPolicy;
import io.github.snowplowjakarta.web.consent.ConsentRequest;
import io.github.snowplowjakarta.web.consent.ConsentSource;
import io.github.snowplowjakarta.web.consent.Levels;
import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * What web tracking does for one request, configured once: which requests it tracks, what it reads
 * from them, the identity cookies it writes and the page view it sends. An adapter (the servlet
 * filter, a framework's) drives it over its {@link WebRequest} and {@link WebResponse}: {@link
 * #start} when the request comes in, {@link #beforeCommit} when the response's headers are about to
 * go out, {@link #finish} once at the end; {@link #titleScanner} reads the title from the body.
 * Nothing here throws into the adapter for what a request holds. Not API.
 */
public final class PageViewTracking {
  private static final ThrottledLogger LOG = new ThrottledLogger(PageViewTracking.class);

  private final Tracker tracker;
  private final ConsentPolicy consent;
  private final PathPatterns include;
  private final PathPatterns exclude;
  private final List<String> contentTypes;
  private final UrlCleaner urls;
  private final ClientAddress clientAddress;
  private final boolean userIdFromPrincipal;
  private final String cookiePrefix;
  private final boolean readNetworkId;
  private final IdentityCookies managedCookies;
  private final IdentityCookies withdrawnCookies;
  private final String consentCookie;
  private final Set<String> consentChoices;
  private final boolean skipBots;
  private final boolean skipPrefetch;
  private final boolean webPageEntity;
  private final boolean titlesFromHtml;
  private final boolean decidesAtStart;
  private final WebFigures figures;

  /** What a request's tracking holds until its consent is decided, or if that fails: off. */
  private final RequestTracking.Decided undecidable;

  public PageViewTracking(Tracker tracker, TrackerConfig config) {
    this(tracker, config, List.of());
  }

  /**
   * With the application's own consent sources, placed as {@code snowplow.consent.sources} says.
   */
  public PageViewTracking(
      Tracker tracker, TrackerConfig config, List<? extends ConsentSource> consentSources) {
    this.tracker = tracker;
    this.consent = ConsentPolicy.fromConfig(config, consentSources);
    this.consentCookie = config.get(ConfigKeys.CONSENT_COOKIE_NAME);
    this.consentChoices = ConsentPolicy.cookieValues(config).keySet();
    this.include =
        new PathPatterns(config.get(ConfigKeys.TRACK_INCLUDE), ConfigKeys.TRACK_INCLUDE.name());
    this.exclude =
        new PathPatterns(config.get(ConfigKeys.TRACK_EXCLUDE), ConfigKeys.TRACK_EXCLUDE.name());
    this.contentTypes =
        config.get(ConfigKeys.TRACK_CONTENT_TYPES).stream()
            .map(type -> type.toLowerCase(Locale.ROOT))
            .toList();
    this.urls = UrlCleaner.fromConfig(config);
    this.clientAddress =
        new ClientAddress(
            config.get(ConfigKeys.TRUSTED_PROXIES), config.get(ConfigKeys.TRUSTED_PROXIES_HEADER));
    this.userIdFromPrincipal = config.get(ConfigKeys.USER_ID_FROM_PRINCIPAL);
    this.cookiePrefix = config.get(ConfigKeys.COOKIE_PREFIX);
    this.readNetworkId = config.get(ConfigKeys.COOKIE_READ_NETWORK_ID);
    IdentityCookies identityCookies =
        new IdentityCookies(cookiePrefix, config.get(ConfigKeys.COOKIE_DOMAIN), Clock.systemUTC());
    boolean manage = config.get(ConfigKeys.COOKIE_MANAGE);
    this.managedCookies = manage ? identityCookies : null;
    this.withdrawnCookies =
        config.find(ConfigKeys.COOKIE_CLEAR_ON_WITHDRAWAL).orElse(manage) ? identityCookies : null;
    this.skipBots = config.get(ConfigKeys.TRACK_BOTS) == ConfigKeys.Choice.SKIP;
    this.skipPrefetch = config.get(ConfigKeys.TRACK_PREFETCH) == ConfigKeys.Choice.SKIP;
    this.webPageEntity = config.get(ConfigKeys.WEB_PAGE_ENTITY);
    this.titlesFromHtml = config.get(ConfigKeys.PAGE_TITLE_FROM_HTML);
    this.decidesAtStart =
        managedCookies != null || withdrawnCookies != null || !consent.readsOnlyCookiesAndHeaders();
    this.figures =
        new WebFigures(tracker, consent.sources().stream().map(ConsentSource::name).toList());
    ConsentDecision notDecided =
        new ConsentDecision(Anonymisation.OFF, "consent not decided", WebFigures.UNDECIDED);
    this.undecidable =
        new RequestTracking.Decided(
            notDecided, new Reader(null, null, null, null, notDecided), null);
  }

  /**
   * Page views and events by level and by what decided it; the adapter registers it in JMX while it
   * runs.
   */
  public WebFigures figures() {
    return figures;
  }

  /** How each request's consent is decided. */
  public ConsentPolicy consentPolicy() {
    return consent;
  }

  public Tracker tracker() {
    return tracker;
  }

  /** Whether the filter looks at this request at all: include and exclude patterns. */
  public boolean covers(WebRequest request) {
    String path = request.path();
    return (include.isEmpty() || include.matches(path)) && !exclude.matches(path);
  }

  /**
   * The path within the application, from the request URI as sent and the context path: without the
   * context path and path parameters, {@code /} at the root. For adapters whose framework gives the
   * URI whole.
   */
  public static String pathWithinApplication(String uri, String contextPath) {
    String path =
        uri != null && contextPath != null && uri.startsWith(contextPath)
            ? uri.substring(contextPath.length())
            : uri;
    if (path == null || path.isEmpty()) {
      return "/";
    }
    int parameters = path.indexOf(';');
    return parameters >= 0 ? path.substring(0, parameters) : path;
  }

  /**
   * The request's tracking state. Its consent decision is taken when first needed: a request that
   * tracks nothing (an API call, a POST, an excluded path) never pays for it. It is taken now where
   * it must be: where identity cookies are set or expired (their headers go out before the response
   * is committed), and where a consent source may read what the chain changes, such as the session
   * (see {@code ConsentSource.readsOnlyCookiesAndHeaders}).
   */
  public RequestTracking start(WebRequest request, WebResponse response) {
    // Now, not when read: the chain may log the user in or out.
    String principal = userIdFromPrincipal ? principalName(request) : null;
    RequestTracking tracking =
        new RequestTracking(
            state -> decide(state, request, response, principal),
            undecidable,
            webPageEntity,
            (state, choice, events) ->
                recordConsent(state, request, response, Cookies.of(request), choice, events),
            figures);
    if (decidesAtStart) {
      tracking.consent();
    }
    return tracking;
  }

  private RequestTracking.Decided decide(
      RequestTracking state, WebRequest request, WebResponse response, String principal) {
    Cookies cookies = Cookies.of(request);
    ConsentRequest consentRequest =
        new ConsentRequest() {
          @Override
          public List<String> cookies(String name) {
            return cookies.all(name);
          }

          @Override
          public String header(String name) {
            return request.header(name);
          }

          @Override
          public <T> Optional<T> unwrap(Class<T> type) {
            return request.unwrap(type);
          }
        };
    ConsentDecision decision =
        cookies.truncated()
            ? consent.unreadable(
                consentRequest, "Cookie header over " + Cookies.MAX_HEADER_CHARS / 1024 + " KiB")
            : consent.decide(consentRequest);
    Anonymisation anonymisation = decision.anonymisation();
    IdentityCookies.Next next = null;
    if (anonymisation.sendsSessionIdentifiers() && managedCookies != null) {
      next = managedCookies.next(cookies, request, anonymisation.sendsUserIdentifiers());
    }
    BrowserIdentity managed = next == null ? null : next.identity();
    if (!anonymisation.sendsSessionIdentifiers() && withdrawnCookies != null) {
      withdrawnCookies.clear(cookies, request, header -> state.setCookie(response, header));
    }
    String userId = anonymisation.sendsUserIdentifiers() ? principal : null;
    return new RequestTracking.Decided(
        decision, new Reader(request, cookies, managed, userId, decision), next);
  }

  /**
   * The application recorded the visitor's choice: sets the consent cookie (its {@code Path} the
   * context path), applies the level the next request will have to the rest of this one (its later
   * events, its page view, the identity cookies written before commit or expired), and tracks the
   * events at the more identifying of the two levels.
   */
  private Optional<ConsentDecision> recordConsent(
      RequestTracking tracking,
      WebRequest request,
      WebResponse response,
      Cookies cookies,
      String choice,
      List<ConsentEvent> events) {
    if (choice == null || !consentChoices.contains(choice)) {
      LOG.log(
          Level.WARNING,
          "Snowplow: consent not recorded: '"
              + (choice == null ? "null" : Checks.abbreviate(choice))
              + "' is not one of the values of "
              + ConfigKeys.CONSENT_COOKIE_VALUES.name()
              + " "
              + consentChoices);
      return Optional.empty();
    }
    String cookieValue = URLEncoder.encode(choice, StandardCharsets.UTF_8);
    // What the next request, carrying the new cookie, will be decided as: the other sources and
    // the caps still count.
    ConsentDecision after =
        consent.decide(
            new ConsentRequest() {
              @Override
              public List<String> cookies(String name) {
                return name.equals(consentCookie) ? List.of(cookieValue) : cookies.all(name);
              }

              @Override
              public String header(String name) {
                return request.header(name);
              }

              @Override
              public <T> Optional<T> unwrap(Class<T> type) {
                return request.unwrap(type);
              }
            });
    Anonymisation was = tracking.consent().anonymisation();
    Anonymisation now = after.anonymisation();
    IdentityCookies.Next before = tracking.identityCookies();
    if (response.committed()) {
      return notRecorded(tracking, request, cookies, after, before);
    }
    IdentityCookies.Next next = null;
    if (managedCookies != null && now.sendsSessionIdentifiers()) {
      next =
          before != null && was.sendsUserIdentifiers() == now.sendsUserIdentifiers()
              ? before
              : managedCookies.next(cookies, request, now.sendsUserIdentifiers());
    }
    String path = request.contextPath();
    boolean root = path == null || path.isEmpty() || path.equals("/");
    String attributes = "; Max-Age=31536000; SameSite=Lax" + (request.secure() ? "; Secure" : "");
    tracking.setCookie(
        response, consentCookie + "=" + cookieValue + "; Path=" + (root ? "/" : path) + attributes);
    if (!root && !cookies.all(consentCookie).isEmpty()) {
      // The browser may hold one at Path=/ too (an earlier deployment at the root, a page's
      // script): it would be sent beside this one and disagree with it.
      tracking.setCookie(response, consentCookie + "=; Path=/; Max-Age=0; SameSite=Lax");
    }
    if (withdrawnCookies != null
        && was.sendsSessionIdentifiers()
        && !now.sendsSessionIdentifiers()) {
      withdrawnCookies.clear(cookies, request, header -> tracking.setCookie(response, header));
    }
    Anonymisation eventLevel = Anonymisation.forConsentChange(was, now);
    IdentityCookies.Next eventCookies = eventLevel.equals(was) ? before : next;
    String eventSource = eventLevel.equals(was) ? tracking.consent().source() : after.source();
    Tracker eventTracker =
        new Reader(
                request,
                cookies,
                eventCookies == null ? null : eventCookies.identity(),
                principalName(request, eventLevel),
                new ConsentDecision(eventLevel, after.reason(), eventSource))
            .read()
            .tracker();
    for (ConsentEvent event : events) {
      eventTracker.track(event);
    }
    tracking.changeConsent(
        new RequestTracking.Decided(
            after,
            new Reader(
                request,
                cookies,
                next == null ? null : next.identity(),
                principalName(request, now),
                after),
            next),
        true);
    return Optional.of(after);
  }

  /**
   * A choice made after the response was committed: its cookie cannot be set, so the next request
   * would be decided as before it. It is refused (no event claims a choice the browser does not
   * keep, and the caller gets nothing), said loudly, and the rest of this request goes on at the
   * more restrictive of the two levels: a withdrawal still holds for it, a grant does not.
   */
  private Optional<ConsentDecision> notRecorded(
      RequestTracking tracking,
      WebRequest request,
      Cookies cookies,
      ConsentDecision after,
      IdentityCookies.Next before) {
    LOG.log(
        Level.WARNING,
        "Snowplow: consent not recorded: the response was already committed, so the consent cookie"
            + " cannot be set; record consent before the response's first flush. The rest of this"
            + " request is tracked at the more restrictive of the two levels");
    Anonymisation was = tracking.consent().anonymisation();
    Anonymisation strict = Levels.mostAnonymous(was, after.anonymisation());
    if (!strict.equals(was)) {
      IdentityCookies.Next kept = strict.sendsSessionIdentifiers() ? before : null;
      ConsentDecision decision =
          new ConsentDecision(
              strict,
              after.reason() + " (not recorded: response committed)",
              strict.equals(after.anonymisation()) ? after.source() : tracking.consent().source());
      tracking.changeConsent(
          new RequestTracking.Decided(
              decision,
              new Reader(
                  request,
                  cookies,
                  kept == null ? null : kept.identity(),
                  principalName(request, strict),
                  decision),
              kept),
          false);
    }
    return Optional.empty();
  }

  private String principalName(WebRequest request, Anonymisation anonymisation) {
    return anonymisation.sendsUserIdentifiers() && userIdFromPrincipal
        ? principalName(request)
        : null;
  }

  private static String principalName(WebRequest request) {
    return request.userName();
  }

  /**
   * The scanner the adapter feeds the response's body to, for the page title, for a request that
   * may earn a page view (a GET on a covered path) when so configured; null for any other. Whether
   * its consent lets it track is not asked: that would decide it for every API call. The page
   * view's title is the one the application names, else the one this scanner read.
   */
  public TitleScanner titleScanner(
      RequestTracking state, WebRequest request, WebResponse response) {
    if (!titlesFromHtml || !"GET".equals(request.method()) || !covers(request)) {
      return null;
    }
    TitleScanner scanner = new TitleScanner(response, this::tracksContentType);
    state.titleFromBody(scanner::title);
    return scanner;
  }

  /**
   * Reads the request when first asked to, for a tracker at the decision's level that counts its
   * events under the decision's level and source.
   */
  private final class Reader implements RequestTracking.Reader {
    private final WebRequest request;
    private final Cookies cookies;
    private final BrowserIdentity managed;
    private final String userId;
    private final Anonymisation anonymisation;
    private final LongAdder counted;

    Reader(
        WebRequest request,
        Cookies cookies,
        BrowserIdentity managed,
        String userId,
        ConsentDecision decision) {
      this.request = request;
      this.cookies = cookies;
      this.managed = managed;
      this.userId = userId;
      this.anonymisation = decision.anonymisation();
      this.counted = figures.events(anonymisation, decision.source());
    }

    @Override
    public RequestTracking.Reading read() {
      if (!anonymisation.tracks()) {
        // Off: nothing is sent, so nothing is read.
        return withoutDetails();
      }
      try {
        return PageViewTracking.this.read(
            request, cookies, managed, userId, anonymisation, counted);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, "Snowplow: request not read, its events go without its details: " + e);
        return withoutDetails();
      }
    }

    @Override
    public RequestTracking.Reading withoutDetails() {
      return new RequestTracking.Reading(
          tracker.with(Subject.builder().build(), anonymisation, counted), null, null, null);
    }
  }

  private RequestTracking.Reading read(
      WebRequest request,
      Cookies cookies,
      BrowserIdentity managed,
      String userId,
      Anonymisation anonymisation,
      LongAdder counted) {
    String url = urls.clean(request.url());
    String referrer = urls.clean(request.header("Referer"));
    String userAgent = request.header("User-Agent");
    Subject.Builder subject =
        Subject.builder()
            .userAgent(userAgent)
            .language(firstLanguage(request.header("Accept-Language")))
            .ipAddress(anonymisation.sendsNetworkIdentifiers() ? clientAddress.of(request) : null)
            .pageUrl(url)
            .referrer(referrer);
    if (anonymisation.sendsSessionIdentifiers()) {
      BrowserIdentity identity =
          managed != null ? managed : BrowserIdentity.read(cookies, cookiePrefix);
      subject.sessionId(identity.sessionId()).sessionIndex(identity.sessionIndex());
      if (anonymisation.sendsUserIdentifiers()) {
        subject.domainUserId(identity.domainUserId());
      }
    }
    if (userId != null) {
      subject.userId(userId);
    }
    if (readNetworkId && anonymisation.sendsNetworkIdentifiers()) {
      String sp = cookies.raw("sp");
      subject.networkUserId(Checks.isUuid(sp) ? sp : null);
    }
    return new RequestTracking.Reading(
        tracker.with(subject.build(), anonymisation, counted), url, referrer, userAgent);
  }

  /**
   * Just before the response's headers go out (its first byte of body, its first flush), while
   * headers can still be added: writes the identity cookies, once, if the response tracks (a page
   * view, a consent choice the application recorded, or application code that asked for the
   * request's tracker, then only on a covered GET with a 2xx status), deciding on its status and
   * content type now. Called again after a reset that cleared the headers, following {@link
   * #afterReset}.
   */
  public void beforeCommit(RequestTracking tracking, WebRequest request, WebResponse response) {
    writeCookies(tracking, request, response, false);
  }

  /**
   * After the response's headers were cleared (a servlet {@code reset()}): the cookies recording a
   * decision go out again, and the identity cookies are decided again at the next {@link
   * #beforeCommit}.
   */
  public void afterReset(RequestTracking tracking, WebResponse response) {
    tracking.setCookiesAgain(response);
  }

  /**
   * Before an async cycle leaves the request thread: a servlet that calls {@code startAsync()}
   * without arguments writes to the unwrapped response, whose commit the filter cannot see, so the
   * cookies are decided now, on what is known: a covered GET, not suppressed, no error status and
   * no content type other than a tracked one counts as a page view.
   */
  public void beforeAsync(RequestTracking tracking, WebRequest request, WebResponse response) {
    writeCookies(tracking, request, response, true);
  }

  private void writeCookies(
      RequestTracking tracking, WebRequest request, WebResponse response, boolean presumed) {
    if (managedCookies == null) {
      return; // none to write, and no need to decide the consent for it
    }
    IdentityCookies.Next cookies = tracking.identityCookies();
    if (cookies == null || response.committed() || !tracking.decideCookies()) {
      return;
    }
    boolean pageView = earnsPageView(tracking, request, response, presumed);
    if (pageView
        || tracking.consentRecorded()
        || (tracking.applicationTracked()
            && "GET".equals(request.method())
            && isSuccess(response)
            && covers(request))) {
      cookies.write(response, pageView);
    }
  }

  /**
   * Whether the response earns a page view: tracked at all (not {@code off}), not suppressed, a GET
   * with a 2xx status, a tracked content type, a covered path, asked for by a person (not a bot,
   * not a speculative load) unless configured otherwise. {@code presumed}: before it is complete,
   * when a content type not set yet may still be a tracked one.
   */
  private boolean earnsPageView(
      RequestTracking tracking, WebRequest request, WebResponse response, boolean presumed) {
    String contentType = response.contentType();
    return "GET".equals(request.method())
        && isSuccess(response)
        && ((presumed && contentType == null) || tracksContentType(contentType))
        && !tracking.suppressed()
        && covers(request)
        && tracking.consent().anonymisation().tracks()
        && askedForByAPerson(request, tracking.userAgent());
  }

  private static boolean isSuccess(WebResponse response) {
    int status = response.status();
    return status >= 200 && status < 300;
  }

  /**
   * At the end of the request, once its response is complete: sends the page view, if the request
   * earned one (see {@link #earnsPageView}), once however often it is called.
   */
  public void finish(RequestTracking tracking, WebRequest request, WebResponse response) {
    writeCookies(tracking, request, response, false);
    if (!tracking.finish() || !earnsPageView(tracking, request, response, false)) {
      return;
    }
    PageView.Builder pageView =
        PageView.builder()
            .url(tracking.url())
            .title(urls.cleanText(tracking.title()))
            .referrer(tracking.referrer())
            .entities(tracking.entities());
    String id = tracking.pageViewId();
    if (id != null) {
      pageView.entity(WebPage.entity(id));
    }
    tracking.tracker().track(pageView.build());
    tracking.figures().pageView(tracking.consent());
  }

  /** Checked last, when everything else says the request earns a page view: it costs the most. */
  public boolean askedForByAPerson(WebRequest request, String userAgent) {
    if (skipPrefetch
        && AutomatedTraffic.isSpeculative(
            request.header("Sec-Purpose"), request.header("Purpose"), request.header("X-Moz"))) {
      return false;
    }
    return !(skipBots && AutomatedTraffic.listed().isAutomated(userAgent));
  }

  private boolean tracksContentType(String contentType) {
    if (contentType == null) {
      return false;
    }
    for (String tracked : contentTypes) {
      if (contentType.regionMatches(true, 0, tracked, 0, tracked.length())) {
        return true;
      }
    }
    return false;
  }

  /** The first language of an {@code Accept-Language} header, if it looks like one. */
  static String firstLanguage(String header) {
    if (header == null) {
      return null;
    }
    int end = header.length();
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == ',' || c == ';') {
        end = i;
        break;
      }
    }
    String first = header.substring(0, end).trim();
    if (first.isEmpty() || first.length() > 35 || first.startsWith("-") || first.endsWith("-")) {
      return null;
    }
    for (int i = 0; i < first.length(); i++) {
      char c = first.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-')) {
        return null;
      }
    }
    return first;
  }
}
