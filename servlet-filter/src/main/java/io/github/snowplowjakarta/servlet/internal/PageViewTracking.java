package io.github.snowplowjakarta.servlet.internal;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.core.event.ConsentEvent;
import io.github.snowplowjakarta.core.event.PageView;
import io.github.snowplowjakarta.core.internal.Checks;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import io.github.snowplowjakarta.servlet.SnowplowRequest;
import io.github.snowplowjakarta.servlet.consent.ConsentDecision;
import io.github.snowplowjakarta.servlet.consent.ConsentPolicy;
import io.github.snowplowjakarta.servlet.consent.ConsentRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the filter does for one request, configured once: which requests it tracks, what it reads
 * from them, and the page view it sends. Not API.
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

  public PageViewTracking(Tracker tracker, TrackerConfig config) {
    this.tracker = tracker;
    this.consent = ConsentPolicy.fromConfig(config);
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
    this.urls = new UrlCleaner(config.get(ConfigKeys.QUERY_DENYLIST));
    this.clientAddress =
        new ClientAddress(
            config.get(ConfigKeys.TRUSTED_PROXIES), config.get(ConfigKeys.TRUSTED_PROXIES_HEADER));
    this.userIdFromPrincipal = config.get(ConfigKeys.USER_ID_FROM_PRINCIPAL);
    this.cookiePrefix = config.get(ConfigKeys.COOKIE_PREFIX);
    this.readNetworkId = config.get(ConfigKeys.COOKIE_READ_NETWORK_ID);
    IdentityCookies identityCookies =
        new IdentityCookies(cookiePrefix, config.get(ConfigKeys.COOKIE_DOMAIN), Clock.systemUTC());
    this.managedCookies = config.get(ConfigKeys.COOKIE_MANAGE) ? identityCookies : null;
    this.withdrawnCookies =
        config.get(ConfigKeys.COOKIE_CLEAR_ON_WITHDRAWAL) ? identityCookies : null;
  }

  public Tracker tracker() {
    return tracker;
  }

  /** Whether the filter looks at this request at all: include and exclude patterns. */
  boolean covers(HttpServletRequest request) {
    String path = pathWithinApplication(request);
    return (include.isEmpty() || include.matches(path)) && !exclude.matches(path);
  }

  private static String pathWithinApplication(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    String path =
        uri != null && context != null && uri.startsWith(context)
            ? uri.substring(context.length())
            : uri;
    if (path == null || path.isEmpty()) {
      return "/";
    }
    int parameters = path.indexOf(';');
    return parameters >= 0 ? path.substring(0, parameters) : path;
  }

  /**
   * Decides consent, and sets or expires the identity cookies where configured (their headers must
   * go out before the response is committed). The rest of the request is read when first needed.
   */
  public RequestTracking start(HttpServletRequest request, HttpServletResponse response) {
    Cookies cookies = Cookies.of(request);
    ConsentDecision decision =
        consent.decide(
            new ConsentRequest() {
              @Override
              public String cookie(String name) {
                return cookies.raw(name);
              }

              @Override
              public String header(String name) {
                return request.getHeader(name);
              }
            });
    Anonymisation anonymisation = decision.anonymisation();
    BrowserIdentity managed = null;
    if (anonymisation.sendsSessionIdentifiers() && managedCookies != null) {
      managed =
          managedCookies.refresh(cookies, request, response, anonymisation.sendsUserIdentifiers());
    }
    if (!anonymisation.sendsSessionIdentifiers() && withdrawnCookies != null) {
      withdrawnCookies.clear(cookies, request, response);
    }
    String userId = null;
    if (anonymisation.sendsUserIdentifiers() && userIdFromPrincipal) {
      // Now, not when read: the chain may log the user in or out.
      Principal principal = request.getUserPrincipal();
      userId = principal == null ? null : principal.getName();
    }
    BrowserIdentity managedBefore = managed;
    return new RequestTracking(
        decision,
        new Reader(request, cookies, managed, userId, anonymisation),
        (tracking, choice, events) ->
            recordConsent(tracking, request, response, cookies, managedBefore, choice, events));
  }

  /**
   * The application recorded the visitor's choice: sets the consent cookie, applies the level the
   * next request will have to the rest of this one (its later events, its page view, the identity
   * cookies), and tracks the events at the more identifying of the two levels.
   */
  private Optional<ConsentDecision> recordConsent(
      RequestTracking tracking,
      HttpServletRequest request,
      HttpServletResponse response,
      Cookies cookies,
      BrowserIdentity managedBefore,
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
    // What the next request, carrying the new cookie, will be decided as: the other sources and
    // the caps still count.
    ConsentDecision after =
        consent.decide(
            new ConsentRequest() {
              @Override
              public String cookie(String name) {
                return name.equals(consentCookie) ? choice : cookies.raw(name);
              }

              @Override
              public String header(String name) {
                return request.getHeader(name);
              }
            });
    Anonymisation was = tracking.consent().anonymisation();
    Anonymisation now = after.anonymisation();
    BrowserIdentity managedAfter = now.sendsSessionIdentifiers() ? managedBefore : null;
    if (response.isCommitted()) {
      LOG.log(
          Level.WARNING,
          "Snowplow: consent recorded after the response was committed: its cookies are not set");
    } else {
      response.addHeader(
          "Set-Cookie",
          consentCookie
              + "="
              + URLEncoder.encode(choice, StandardCharsets.UTF_8)
              + "; Path=/; Max-Age=31536000; SameSite=Lax"
              + (request.isSecure() ? "; Secure" : ""));
      if (managedCookies != null
          && now.sendsSessionIdentifiers()
          && (!was.sendsSessionIdentifiers()
              || was.sendsUserIdentifiers() != now.sendsUserIdentifiers())) {
        managedAfter =
            managedCookies.refresh(cookies, request, response, now.sendsUserIdentifiers());
      }
      if (withdrawnCookies != null
          && was.sendsSessionIdentifiers()
          && !now.sendsSessionIdentifiers()) {
        withdrawnCookies.clear(cookies, request, response);
      }
    }
    Anonymisation eventLevel = Anonymisation.forConsentChange(was, now);
    BrowserIdentity eventIdentity =
        eventLevel.equals(was)
            ? (was.sendsSessionIdentifiers() ? managedBefore : null)
            : managedAfter;
    Tracker eventTracker =
        new Reader(request, cookies, eventIdentity, principalName(request, eventLevel), eventLevel)
            .read()
            .tracker();
    for (ConsentEvent event : events) {
      eventTracker.track(event);
    }
    tracking.changeConsent(
        after, new Reader(request, cookies, managedAfter, principalName(request, now), now));
    return Optional.of(after);
  }

  private String principalName(HttpServletRequest request, Anonymisation anonymisation) {
    if (!anonymisation.sendsUserIdentifiers() || !userIdFromPrincipal) {
      return null;
    }
    Principal principal = request.getUserPrincipal();
    return principal == null ? null : principal.getName();
  }

  /** Reads the request when first asked to. */
  private final class Reader implements RequestTracking.Reader {
    private final HttpServletRequest request;
    private final Cookies cookies;
    private final BrowserIdentity managed;
    private final String userId;
    private final Anonymisation anonymisation;

    Reader(
        HttpServletRequest request,
        Cookies cookies,
        BrowserIdentity managed,
        String userId,
        Anonymisation anonymisation) {
      this.request = request;
      this.cookies = cookies;
      this.managed = managed;
      this.userId = userId;
      this.anonymisation = anonymisation;
    }

    @Override
    public RequestTracking.Reading read() {
      try {
        return PageViewTracking.this.read(request, cookies, managed, userId, anonymisation);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, "Snowplow: request not read, its events go without its details: " + e);
        return withoutDetails();
      }
    }

    @Override
    public RequestTracking.Reading withoutDetails() {
      return new RequestTracking.Reading(
          tracker.with(Subject.builder().build(), anonymisation), null, null);
    }
  }

  private RequestTracking.Reading read(
      HttpServletRequest request,
      Cookies cookies,
      BrowserIdentity managed,
      String userId,
      Anonymisation anonymisation) {
    String url = urls.clean(fullUrl(request));
    String referrer = urls.clean(request.getHeader("Referer"));
    Subject.Builder subject =
        Subject.builder()
            .userAgent(request.getHeader("User-Agent"))
            .language(firstLanguage(request.getHeader("Accept-Language")))
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
    return new RequestTracking.Reading(tracker.with(subject.build(), anonymisation), url, referrer);
  }

  /** Sends the page view, if the request earned one: once, GET, 2xx, a tracked content type. */
  public void finish(
      RequestTracking tracking, HttpServletRequest request, HttpServletResponse response) {
    if (!tracking.finish()
        || tracking.suppressed()
        || Boolean.TRUE.equals(request.getAttribute(SnowplowRequest.SUPPRESS_ATTRIBUTE))
        || !"GET".equals(request.getMethod())
        || response.getStatus() < 200
        || response.getStatus() >= 300
        || !tracksContentType(response.getContentType())
        || !covers(request)) {
      return;
    }
    tracking
        .tracker()
        .track(
            PageView.builder()
                .url(tracking.url())
                .title(tracking.title())
                .referrer(tracking.referrer())
                .entities(tracking.entities())
                .build());
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

  private static String fullUrl(HttpServletRequest request) {
    StringBuffer url = request.getRequestURL();
    String query = request.getQueryString();
    return query == null ? url.toString() : url.append('?').append(query).toString();
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
