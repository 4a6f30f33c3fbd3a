package io.github.snowplowjakarta.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@code snowplow.*} key of {@code io.github.snowplowjakarta.core.config.ConfigKeys}, so that
 * Quarkus lists them (Dev UI, {@code quarkus info}) and knows their defaults. The tracker, the
 * servlet filter and the readiness check read the same keys through MicroProfile Config, which in
 * Quarkus is this configuration: {@code application.properties}, {@code application.yaml},
 * profiles, system properties and environment variables ({@code SNOWPLOW_COLLECTOR_URI}).
 *
 * <p>Values are text here and read once, by the tracker, which checks them when the application
 * starts and fails it with a message naming the key. A key whose default depends on where it is
 * used (the app id, the platform) has none here. A test checks this interface against {@code
 * ConfigKeys}: a key or a default that differs fails the build.
 *
 * <p>{@code @TrackerNamespace("x")} trackers read {@code snowplow.x.*} first ({@link
 * #namespaces()}).
 */
@ConfigMapping(prefix = "snowplow")
public interface SnowplowConfig {
  /**
   * aid, for page views and CDI events alike. Default: the context path without / (at the root: the
   * display name), else app.
   */
  @WithName("app-id")
  Optional<String> appId();

  /**
   * the filter registers itself on /* when its jar is in WEB-INF/lib; without a collector URI it
   * tracks nothing and says so once, at WARNING.
   */
  @WithName("auto-register")
  @WithDefault("true")
  String autoRegister();

  /** entities and self-describing events in cx/ue_px (else co/ue_pr). */
  @WithName("base64")
  @WithDefault("true")
  String base64();

  /** fully tracked events carry the client_session entity. */
  @WithName("client-session-entity")
  @WithDefault("false")
  String clientSessionEntity();

  /** the collector's base URI. Default: required. */
  @WithName("collector-uri")
  Optional<String> collectorUri();

  /** Complianz's statistics cookie. */
  @WithName("consent.complianz.cookie")
  @WithDefault("cmplz_statistics")
  String consentComplianzCookie();

  /** the application's own consent cookie. */
  @WithName("consent.cookie.name")
  @WithDefault("sp_consent")
  String consentCookieName();

  /** its values and their levels, value=level pairs. */
  @WithName("consent.cookie.values")
  @WithDefault("all=full,session=anonymous-with-session,none=anonymous+server")
  String consentCookieValues();

  /** the Cookiebot category that means analytics. */
  @WithName("consent.cookiebot.category")
  @WithDefault("statistics")
  String consentCookiebotCategory();

  /** Cookiebot's consent cookie. */
  @WithName("consent.cookiebot.cookie")
  @WithDefault("CookieConsent")
  String consentCookiebotCookie();

  /** the CookieYes category that means analytics. */
  @WithName("consent.cookieyes.category")
  @WithDefault("analytics")
  String consentCookieyesCategory();

  /** CookieYes's consent cookie. */
  @WithName("consent.cookieyes.cookie")
  @WithDefault("cookieyes-consent")
  String consentCookieyesCookie();

  /** Didomi's consent cookie. */
  @WithName("consent.didomi.cookie")
  @WithDefault("didomi_token")
  String consentDidomiCookie();

  /**
   * the Didomi custom purpose or vendor id that means analytics, such as c:snowplow-AbCd1234.
   * Default: none: required when didomi is a source.
   */
  @WithName("consent.didomi.id")
  Optional<String> consentDidomiId();

  /** the most a DNT: 1 request is tracked at, when dnt is a source. */
  @WithName("consent.dnt.cap")
  @WithDefault("anonymous+server")
  String consentDntCap();

  /** the most a Sec-GPC: 1 request is tracked at. */
  @WithName("consent.gpc.cap")
  @WithDefault("anonymous+server")
  String consentGpcCap();

  /** the level a consent platform's yes gives. */
  @WithName("consent.granted-level")
  @WithDefault("full")
  String consentGrantedLevel();

  /** Klaro's cookie (its cookieName). */
  @WithName("consent.klaro.cookie")
  @WithDefault("klaro")
  String consentKlaroCookie();

  /** the Klaro service name of this tracker. */
  @WithName("consent.klaro.service")
  @WithDefault("snowplow")
  String consentKlaroService();

  /** OneTrust's banner-closed cookie. */
  @WithName("consent.onetrust.closed-cookie")
  @WithDefault("OptanonAlertBoxClosed")
  String consentOnetrustClosedCookie();

  /** OneTrust's consent cookie. */
  @WithName("consent.onetrust.cookie")
  @WithDefault("OptanonConsent")
  String consentOnetrustCookie();

  /** the OneTrust group that means analytics, in either form (C0002 also matches the older 2). */
  @WithName("consent.onetrust.group")
  @WithDefault("C0002")
  String consentOnetrustGroup();

  /**
   * the level a consent platform's no gives, and a signal present but unreadable, and a source that
   * fails.
   */
  @WithName("consent.refused-level")
  @WithDefault("anonymous+server")
  String consentRefusedLevel();

  /**
   * how the decisions of several sources combine: the most restrictive wins, or the first source in
   * order that decides; caps (gpc, dnt) always apply.
   */
  @WithName("consent.resolution")
  @WithDefault("most-restrictive")
  String consentResolution();

  /**
   * consent sources, in order, from cookie, onetrust, cookiebot, tcf, cookieyes, complianz, klaro,
   * didomi, gpc, dnt and the names of the application's own sources (those not named are asked
   * after the named ones).
   */
  @WithName("consent.sources")
  @WithDefault("cookie,onetrust,cookiebot,tcf,cookieyes,complianz,klaro,gpc")
  String consentSources();

  /** the cookies holding a TCF string. */
  @WithName("consent.tcf.cookies")
  @WithDefault("euconsent-v2,eupubconsent-v2")
  String consentTcfCookies();

  /**
   * a request whose level keeps no session (consent withdrawn, or off) expires the identity
   * cookies. Default: the value of snowplow.cookie.manage.
   */
  @WithName("cookie.clear-on-withdrawal")
  Optional<String> cookieClearOnWithdrawal();

  /** the managed cookies' domain (and their name hash). Default: the request's host. */
  @WithName("cookie.domain")
  Optional<String> cookieDomain();

  /**
   * the filter writes _sp_id/_sp_ses itself, for sites without the JavaScript tracker, when the
   * consent level allows.
   */
  @WithName("cookie.manage")
  @WithDefault("false")
  String cookieManage();

  /** the browser tracker's cookie prefix. */
  @WithName("cookie.prefix")
  @WithDefault("_sp_")
  String cookiePrefix();

  /** the collector's sp cookie as tnuid. */
  @WithName("cookie.read-network-id")
  @WithDefault("false")
  String cookieReadNetworkId();

  /** the level when no consent signal decides; off: nothing is tracked. */
  @WithName("default-level")
  @WithDefault("anonymous+server")
  String defaultLevel();

  /** events per request at most. */
  @WithName("emitter.batch-size")
  @WithDefault("500")
  String emitterBatchSize();

  /** how long closing waits for queued events to be delivered. */
  @WithName("emitter.close-timeout")
  @WithDefault("5s")
  String emitterCloseTimeout();

  /** connecting to the collector. */
  @WithName("emitter.connect-timeout")
  @WithDefault("5s")
  String emitterConnectTimeout();

  /** how long the oldest queued event waits for a batch to fill. */
  @WithName("emitter.flush-interval")
  @WithDefault("1s")
  String emitterFlushInterval();

  /** bytes per request at most (≤ 900000). */
  @WithName("emitter.max-batch-bytes")
  @WithDefault("262144")
  String emitterMaxBatchBytes();

  /** bytes queued at most, retries included. */
  @WithName("emitter.max-queue-bytes")
  @WithDefault("33554432")
  String emitterMaxQueueBytes();

  /** requests sent and not yet answered at most (≤ 64). */
  @WithName("emitter.max-requests-in-flight")
  @WithDefault("4")
  String emitterMaxRequestsInFlight();

  /** POST batches, or GET /i one event at a time. */
  @WithName("emitter.method")
  @WithDefault("post")
  String emitterMethod();

  /** what a full queue drops. */
  @WithName("emitter.overflow")
  @WithDefault("drop-oldest")
  String emitterOverflow();

  /** the POST path under the collector URI. */
  @WithName("emitter.post-path")
  @WithDefault("/com.snowplowanalytics.snowplow/tp2")
  String emitterPostPath();

  /**
   * an HTTP proxy for the collector, http://host:port; an https collector is reached through it
   * with CONNECT. Default: the JVM's proxy settings (https.proxyHost, http.proxyHost,
   * http.nonProxyHosts …, or a ProxySelector).
   */
  @WithName("emitter.proxy")
  Optional<String> emitterProxy();

  /** events queued at most, retries included. */
  @WithName("emitter.queue-capacity")
  @WithDefault("10000")
  String emitterQueueCapacity();

  /** waiting for the collector's answer. */
  @WithName("emitter.response-timeout")
  @WithDefault("10s")
  String emitterResponseTimeout();

  /**
   * keep events on disk here until the collector accepted them; each tracker in a sub-directory of
   * its own. Default: off.
   */
  @WithName("emitter.spool-dir")
  Optional<String> emitterSpoolDir();

  /**
   * when spooled events are synced to the disk: before track() returns, every interval, or as the
   * OS likes.
   */
  @WithName("emitter.spool-fsync")
  @WithDefault("interval")
  String emitterSpoolFsync();

  /** how often interval syncs: a machine crash loses at most this much. */
  @WithName("emitter.spool-fsync-interval")
  @WithDefault("1s")
  String emitterSpoolFsyncInterval();

  /** the spool's size on disk at most (≥ 1048576); over it the oldest events are dropped. */
  @WithName("emitter.spool-max-bytes")
  @WithDefault("268435456")
  String emitterSpoolMaxBytes();

  /**
   * whether a spool that cannot be opened fails the start; if not, events are kept in memory only,
   * with an ERROR log and stats().spool().unavailable().
   */
  @WithName("emitter.spool-required")
  @WithDefault("false")
  String emitterSpoolRequired();

  /**
   * false: nothing is sent and no thread started; trackers still inject and accept calls, and no
   * collector URI is needed.
   */
  @WithName("enabled")
  @WithDefault("true")
  String enabled();

  /**
   * the lawful basis of the GDPR entity every event carries (an event's own replaces it). Default:
   * none: no GDPR entity.
   */
  @WithName("gdpr.basis-for-processing")
  Optional<String> gdprBasisForProcessing();

  /**
   * the GDPR entity's document description, at most 4096 characters; needs the basis. Default:
   * none.
   */
  @WithName("gdpr.document-description")
  Optional<String> gdprDocumentDescription();

  /** the GDPR entity's document id, at most 255 characters; needs the basis. Default: none. */
  @WithName("gdpr.document-id")
  Optional<String> gdprDocumentId();

  /** the GDPR entity's document version, at most 16 characters; needs the basis. Default: none. */
  @WithName("gdpr.document-version")
  Optional<String> gdprDocumentVersion();

  /**
   * the snowplow readiness check (MicroProfile Health, Spring Boot) is DOWN while a collector is
   * unavailable or misconfigured; by default it stays UP and says so.
   */
  @WithName("health.fail-on-outage")
  @WithDefault("false")
  String healthFailOnOutage();

  /** tna; a @TrackerNamespace("x") tracker's is x unless snowplow.x.namespace says. */
  @WithName("namespace")
  @WithDefault("default")
  String namespace();

  /**
   * page read from the {@code <title>} of the HTML the response sends, when the application names
   * none.
   */
  @WithName("page-title.from-html")
  @WithDefault("true")
  String pageTitleFromHtml();

  /** p. Default: web for the filter's page views, srv for CDI trackers. */
  @WithName("platform")
  Optional<String> platform();

  /**
   * query parameters removed from URLs and referrers, **added** to the built-in list (secrets,
   * personal data, framework ids: see above). Default: none.
   */
  @WithName("query.denylist")
  Optional<String> queryDenylist();

  /** false: the built-in query denylist does not apply, only snowplow.query.denylist. */
  @WithName("query.denylist.defaults")
  @WithDefault("true")
  String queryDenylistDefaults();

  /** e-mail addresses in url, refr and page replaced by redacted-email. */
  @WithName("redact-emails")
  @WithDefault("true")
  String redactEmails();

  /**
   * page views for crawlers, uptime monitors, link-preview fetchers, HTTP libraries and headless
   * browsers, known by their user agent.
   */
  @WithName("track.bots")
  @WithDefault("skip")
  String trackBots();

  /** response content types tracked as page views. */
  @WithName("track.content-types")
  @WithDefault("text/html")
  String trackContentTypes();

  /**
   * paths never tracked, as globs (*.css). Default: static files (*.css, *.js, images, fonts, …),
   * health and metrics paths.
   */
  @WithName("track.exclude")
  Optional<String> trackExclude();

  /** paths tracked, as globs (/shop/**). Default: all. */
  @WithName("track.include")
  Optional<String> trackInclude();

  /**
   * page views for speculative loads: Sec-Purpose: prefetch (prerender included), Purpose:
   * prefetch, X-Moz: prefetch.
   */
  @WithName("track.prefetch")
  @WithDefault("skip")
  String trackPrefetch();

  /** proxies (IPs, CIDRs) whose Forwarded / X-Forwarded-For is believed. Default: none. */
  @WithName("trusted-proxies")
  Optional<String> trustedProxies();

  /** the one header the trusted proxies write: X-Forwarded-For or Forwarded. */
  @WithName("trusted-proxies.header")
  @WithDefault("X-Forwarded-For")
  String trustedProxiesHeader();

  /** uid from the request's getUserPrincipal(). */
  @WithName("user-id.from-principal")
  @WithDefault("false")
  String userIdFromPrincipal();

  /**
   * page views carry the web_page entity with a fresh id, which SnowplowRequest.pageViewId hands to
   * the page.
   */
  @WithName("web-page-entity")
  @WithDefault("true")
  String webPageEntity();

  /**
   * The values of the {@code @TrackerNamespace("x")} trackers, {@code snowplow.x.*}, by namespace:
   * each key the namespace does not set is the default tracker's.
   */
  @WithParentName
  Map<String, Namespace> namespaces();

  /** One {@code @TrackerNamespace} tracker's own values: the same keys, none with a default. */
  interface Namespace {
    /** This namespace's {@code snowplow.app-id}. */
    @WithName("app-id")
    Optional<String> appId();

    /** This namespace's {@code snowplow.auto-register}. */
    @WithName("auto-register")
    Optional<String> autoRegister();

    /** This namespace's {@code snowplow.base64}. */
    @WithName("base64")
    Optional<String> base64();

    /** This namespace's {@code snowplow.client-session-entity}. */
    @WithName("client-session-entity")
    Optional<String> clientSessionEntity();

    /** This namespace's {@code snowplow.collector-uri}. */
    @WithName("collector-uri")
    Optional<String> collectorUri();

    /** This namespace's {@code snowplow.consent.complianz.cookie}. */
    @WithName("consent.complianz.cookie")
    Optional<String> consentComplianzCookie();

    /** This namespace's {@code snowplow.consent.cookie.name}. */
    @WithName("consent.cookie.name")
    Optional<String> consentCookieName();

    /** This namespace's {@code snowplow.consent.cookie.values}. */
    @WithName("consent.cookie.values")
    Optional<String> consentCookieValues();

    /** This namespace's {@code snowplow.consent.cookiebot.category}. */
    @WithName("consent.cookiebot.category")
    Optional<String> consentCookiebotCategory();

    /** This namespace's {@code snowplow.consent.cookiebot.cookie}. */
    @WithName("consent.cookiebot.cookie")
    Optional<String> consentCookiebotCookie();

    /** This namespace's {@code snowplow.consent.cookieyes.category}. */
    @WithName("consent.cookieyes.category")
    Optional<String> consentCookieyesCategory();

    /** This namespace's {@code snowplow.consent.cookieyes.cookie}. */
    @WithName("consent.cookieyes.cookie")
    Optional<String> consentCookieyesCookie();

    /** This namespace's {@code snowplow.consent.didomi.cookie}. */
    @WithName("consent.didomi.cookie")
    Optional<String> consentDidomiCookie();

    /** This namespace's {@code snowplow.consent.didomi.id}. */
    @WithName("consent.didomi.id")
    Optional<String> consentDidomiId();

    /** This namespace's {@code snowplow.consent.dnt.cap}. */
    @WithName("consent.dnt.cap")
    Optional<String> consentDntCap();

    /** This namespace's {@code snowplow.consent.gpc.cap}. */
    @WithName("consent.gpc.cap")
    Optional<String> consentGpcCap();

    /** This namespace's {@code snowplow.consent.granted-level}. */
    @WithName("consent.granted-level")
    Optional<String> consentGrantedLevel();

    /** This namespace's {@code snowplow.consent.klaro.cookie}. */
    @WithName("consent.klaro.cookie")
    Optional<String> consentKlaroCookie();

    /** This namespace's {@code snowplow.consent.klaro.service}. */
    @WithName("consent.klaro.service")
    Optional<String> consentKlaroService();

    /** This namespace's {@code snowplow.consent.onetrust.closed-cookie}. */
    @WithName("consent.onetrust.closed-cookie")
    Optional<String> consentOnetrustClosedCookie();

    /** This namespace's {@code snowplow.consent.onetrust.cookie}. */
    @WithName("consent.onetrust.cookie")
    Optional<String> consentOnetrustCookie();

    /** This namespace's {@code snowplow.consent.onetrust.group}. */
    @WithName("consent.onetrust.group")
    Optional<String> consentOnetrustGroup();

    /** This namespace's {@code snowplow.consent.refused-level}. */
    @WithName("consent.refused-level")
    Optional<String> consentRefusedLevel();

    /** This namespace's {@code snowplow.consent.resolution}. */
    @WithName("consent.resolution")
    Optional<String> consentResolution();

    /** This namespace's {@code snowplow.consent.sources}. */
    @WithName("consent.sources")
    Optional<String> consentSources();

    /** This namespace's {@code snowplow.consent.tcf.cookies}. */
    @WithName("consent.tcf.cookies")
    Optional<String> consentTcfCookies();

    /** This namespace's {@code snowplow.cookie.clear-on-withdrawal}. */
    @WithName("cookie.clear-on-withdrawal")
    Optional<String> cookieClearOnWithdrawal();

    /** This namespace's {@code snowplow.cookie.domain}. */
    @WithName("cookie.domain")
    Optional<String> cookieDomain();

    /** This namespace's {@code snowplow.cookie.manage}. */
    @WithName("cookie.manage")
    Optional<String> cookieManage();

    /** This namespace's {@code snowplow.cookie.prefix}. */
    @WithName("cookie.prefix")
    Optional<String> cookiePrefix();

    /** This namespace's {@code snowplow.cookie.read-network-id}. */
    @WithName("cookie.read-network-id")
    Optional<String> cookieReadNetworkId();

    /** This namespace's {@code snowplow.default-level}. */
    @WithName("default-level")
    Optional<String> defaultLevel();

    /** This namespace's {@code snowplow.emitter.batch-size}. */
    @WithName("emitter.batch-size")
    Optional<String> emitterBatchSize();

    /** This namespace's {@code snowplow.emitter.close-timeout}. */
    @WithName("emitter.close-timeout")
    Optional<String> emitterCloseTimeout();

    /** This namespace's {@code snowplow.emitter.connect-timeout}. */
    @WithName("emitter.connect-timeout")
    Optional<String> emitterConnectTimeout();

    /** This namespace's {@code snowplow.emitter.flush-interval}. */
    @WithName("emitter.flush-interval")
    Optional<String> emitterFlushInterval();

    /** This namespace's {@code snowplow.emitter.max-batch-bytes}. */
    @WithName("emitter.max-batch-bytes")
    Optional<String> emitterMaxBatchBytes();

    /** This namespace's {@code snowplow.emitter.max-queue-bytes}. */
    @WithName("emitter.max-queue-bytes")
    Optional<String> emitterMaxQueueBytes();

    /** This namespace's {@code snowplow.emitter.max-requests-in-flight}. */
    @WithName("emitter.max-requests-in-flight")
    Optional<String> emitterMaxRequestsInFlight();

    /** This namespace's {@code snowplow.emitter.method}. */
    @WithName("emitter.method")
    Optional<String> emitterMethod();

    /** This namespace's {@code snowplow.emitter.overflow}. */
    @WithName("emitter.overflow")
    Optional<String> emitterOverflow();

    /** This namespace's {@code snowplow.emitter.post-path}. */
    @WithName("emitter.post-path")
    Optional<String> emitterPostPath();

    /** This namespace's {@code snowplow.emitter.proxy}. */
    @WithName("emitter.proxy")
    Optional<String> emitterProxy();

    /** This namespace's {@code snowplow.emitter.queue-capacity}. */
    @WithName("emitter.queue-capacity")
    Optional<String> emitterQueueCapacity();

    /** This namespace's {@code snowplow.emitter.response-timeout}. */
    @WithName("emitter.response-timeout")
    Optional<String> emitterResponseTimeout();

    /** This namespace's {@code snowplow.emitter.spool-dir}. */
    @WithName("emitter.spool-dir")
    Optional<String> emitterSpoolDir();

    /** This namespace's {@code snowplow.emitter.spool-fsync}. */
    @WithName("emitter.spool-fsync")
    Optional<String> emitterSpoolFsync();

    /** This namespace's {@code snowplow.emitter.spool-fsync-interval}. */
    @WithName("emitter.spool-fsync-interval")
    Optional<String> emitterSpoolFsyncInterval();

    /** This namespace's {@code snowplow.emitter.spool-max-bytes}. */
    @WithName("emitter.spool-max-bytes")
    Optional<String> emitterSpoolMaxBytes();

    /** This namespace's {@code snowplow.emitter.spool-required}. */
    @WithName("emitter.spool-required")
    Optional<String> emitterSpoolRequired();

    /** This namespace's {@code snowplow.enabled}. */
    @WithName("enabled")
    Optional<String> enabled();

    /** This namespace's {@code snowplow.gdpr.basis-for-processing}. */
    @WithName("gdpr.basis-for-processing")
    Optional<String> gdprBasisForProcessing();

    /** This namespace's {@code snowplow.gdpr.document-description}. */
    @WithName("gdpr.document-description")
    Optional<String> gdprDocumentDescription();

    /** This namespace's {@code snowplow.gdpr.document-id}. */
    @WithName("gdpr.document-id")
    Optional<String> gdprDocumentId();

    /** This namespace's {@code snowplow.gdpr.document-version}. */
    @WithName("gdpr.document-version")
    Optional<String> gdprDocumentVersion();

    /** This namespace's {@code snowplow.health.fail-on-outage}. */
    @WithName("health.fail-on-outage")
    Optional<String> healthFailOnOutage();

    /** This namespace's {@code snowplow.namespace}. */
    @WithName("namespace")
    Optional<String> namespace();

    /** This namespace's {@code snowplow.page-title.from-html}. */
    @WithName("page-title.from-html")
    Optional<String> pageTitleFromHtml();

    /** This namespace's {@code snowplow.platform}. */
    @WithName("platform")
    Optional<String> platform();

    /** This namespace's {@code snowplow.query.denylist}. */
    @WithName("query.denylist")
    Optional<String> queryDenylist();

    /** This namespace's {@code snowplow.query.denylist.defaults}. */
    @WithName("query.denylist.defaults")
    Optional<String> queryDenylistDefaults();

    /** This namespace's {@code snowplow.redact-emails}. */
    @WithName("redact-emails")
    Optional<String> redactEmails();

    /** This namespace's {@code snowplow.track.bots}. */
    @WithName("track.bots")
    Optional<String> trackBots();

    /** This namespace's {@code snowplow.track.content-types}. */
    @WithName("track.content-types")
    Optional<String> trackContentTypes();

    /** This namespace's {@code snowplow.track.exclude}. */
    @WithName("track.exclude")
    Optional<String> trackExclude();

    /** This namespace's {@code snowplow.track.include}. */
    @WithName("track.include")
    Optional<String> trackInclude();

    /** This namespace's {@code snowplow.track.prefetch}. */
    @WithName("track.prefetch")
    Optional<String> trackPrefetch();

    /** This namespace's {@code snowplow.trusted-proxies}. */
    @WithName("trusted-proxies")
    Optional<String> trustedProxies();

    /** This namespace's {@code snowplow.trusted-proxies.header}. */
    @WithName("trusted-proxies.header")
    Optional<String> trustedProxiesHeader();

    /** This namespace's {@code snowplow.user-id.from-principal}. */
    @WithName("user-id.from-principal")
    Optional<String> userIdFromPrincipal();

    /** This namespace's {@code snowplow.web-page-entity}. */
    @WithName("web-page-entity")
    Optional<String> webPageEntity();
  }
}
