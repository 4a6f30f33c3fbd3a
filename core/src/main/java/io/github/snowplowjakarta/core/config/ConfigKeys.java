package io.github.snowplowjakarta.core.config;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.emitter.OverflowPolicy;
import io.github.snowplowjakarta.core.emitter.RequestMethod;
import io.github.snowplowjakarta.core.emitter.SpoolFsync;
import io.github.snowplowjakarta.core.event.BasisForProcessing;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every configuration key, for every integration, each with its type, default and meaning: the one
 * place they are declared. The servlet filter and the CDI trackers read them through the same chain
 * (filter init-param, context-param, MicroProfile Config, system property, environment variable,
 * {@code META-INF/snowplow-tracker.properties}); the README's table is checked against this class.
 *
 * <p>To add a key: a {@code public static final ConfigKey<…>} here (its default written only here),
 * read with {@link TrackerConfig#get} (or handed to a builder's setter with {@link
 * TrackerConfig#apply}); then {@code ConfigKeysReadmeTest} with {@code -Dreadme.update=true}
 * rewrites the README's table.
 */
public final class ConfigKeys {
  /** Whether anything is tracked at all. Off: nothing is sent, no thread started. */
  public static final ConfigKey<Boolean> ENABLED =
      ConfigKey.bool(
          "snowplow.enabled",
          true,
          "`false`: nothing is sent and no thread started; trackers still inject and accept"
              + " calls, and no collector URI is needed");

  public static final ConfigKey<URI> COLLECTOR_URI =
      ConfigKey.httpUri("snowplow.collector-uri", null, "the collector's base URI").required();

  public static final ConfigKey<Boolean> AUTO_REGISTER =
      ConfigKey.bool(
          "snowplow.auto-register",
          true,
          "the filter registers itself on `/*` when its jar is in `WEB-INF/lib`; without a"
              + " collector URI it tracks nothing and says so once, at WARNING");

  public static final ConfigKey<String> APP_ID =
      ConfigKey.string("snowplow.app-id", "app", "`aid`, for page views and CDI events alike")
          .documentedDefault(
              "the context path without `/` (at the root: the display name), else `app`");

  public static final ConfigKey<String> NAMESPACE =
      ConfigKey.string(
          "snowplow.namespace",
          "default",
          "`tna`; a `@TrackerNamespace(\"x\")` tracker's is `x` unless `snowplow.x.namespace` says");

  public static final ConfigKey<Platform> PLATFORM =
      ConfigKey.of(
              "snowplow.platform",
              "web | mob | pc | srv | app | tv | cnsl | iot",
              ConfigKeys::platform,
              Platform.SERVER,
              "`p`")
          .documentedDefault("`web` for the filter's page views, `srv` for CDI trackers");

  public static final ConfigKey<Boolean> BASE64 =
      ConfigKey.bool(
          "snowplow.base64",
          true,
          "entities and self-describing events in `cx`/`ue_px` (else `co`/`ue_pr`)");

  public static final ConfigKey<Boolean> CLIENT_SESSION_ENTITY =
      ConfigKey.bool(
          "snowplow.client-session-entity",
          false,
          "fully tracked events carry the client_session entity");

  public static final ConfigKey<Anonymisation> DEFAULT_LEVEL =
      ConfigKey.level(
          "snowplow.default-level",
          Anonymisation.ANONYMOUS_SERVER,
          "the level when no consent signal decides; `off`: nothing is tracked");

  public static final ConfigKey<List<String>> CONSENT_SOURCES =
      ConfigKey.list(
          "snowplow.consent.sources",
          List.of(
              "cookie", "onetrust", "cookiebot", "tcf", "cookieyes", "complianz", "klaro", "gpc"),
          "consent sources, in order, from `cookie`, `onetrust`, `cookiebot`, `tcf`, `cookieyes`,"
              + " `complianz`, `klaro`, `didomi`, `gpc`, `dnt` and the names of the application's"
              + " own sources (those not named are asked after the named ones)");

  /** The values of {@link #CONSENT_RESOLUTION}. */
  public enum ConsentResolution {
    /** The most restrictive decision wins, whatever the order. */
    MOST_RESTRICTIVE,
    /** The first source in order that decides wins. */
    FIRST
  }

  public static final ConfigKey<ConsentResolution> CONSENT_RESOLUTION =
      ConfigKey.oneOf(
          "snowplow.consent.resolution",
          ConsentResolution.class,
          ConsentResolution.MOST_RESTRICTIVE,
          "how the decisions of several sources combine: the most restrictive wins, or the first"
              + " source in order that decides; caps (`gpc`, `dnt`) always apply");

  public static final ConfigKey<Anonymisation> CONSENT_GRANTED_LEVEL =
      ConfigKey.level(
          "snowplow.consent.granted-level",
          Anonymisation.FULL_TRACKING,
          "the level a consent platform's yes gives");

  public static final ConfigKey<Anonymisation> CONSENT_REFUSED_LEVEL =
      ConfigKey.level(
          "snowplow.consent.refused-level",
          Anonymisation.ANONYMOUS_SERVER,
          "the level a consent platform's no gives, and a signal present but unreadable, and a"
              + " source that fails");

  public static final ConfigKey<String> CONSENT_COOKIE_NAME =
      ConfigKey.string(
          "snowplow.consent.cookie.name", "sp_consent", "the application's own consent cookie");

  public static final ConfigKey<List<String>> CONSENT_COOKIE_VALUES =
      ConfigKey.list(
          "snowplow.consent.cookie.values",
          List.of("all=full", "session=anonymous-with-session", "none=anonymous+server"),
          "its values and their levels, `value=level` pairs");

  public static final ConfigKey<String> CONSENT_ONETRUST_GROUP =
      ConfigKey.string(
          "snowplow.consent.onetrust.group",
          "C0002",
          "the OneTrust group that means analytics, in either form (`C0002` also matches the"
              + " older `2`)");

  public static final ConfigKey<String> CONSENT_ONETRUST_COOKIE =
      ConfigKey.string(
          "snowplow.consent.onetrust.cookie", "OptanonConsent", "OneTrust's consent cookie");

  public static final ConfigKey<String> CONSENT_ONETRUST_CLOSED_COOKIE =
      ConfigKey.string(
          "snowplow.consent.onetrust.closed-cookie",
          "OptanonAlertBoxClosed",
          "OneTrust's banner-closed cookie");

  public static final ConfigKey<String> CONSENT_COOKIEBOT_CATEGORY =
      ConfigKey.string(
          "snowplow.consent.cookiebot.category",
          "statistics",
          "the Cookiebot category that means analytics");

  public static final ConfigKey<String> CONSENT_COOKIEBOT_COOKIE =
      ConfigKey.string(
          "snowplow.consent.cookiebot.cookie", "CookieConsent", "Cookiebot's consent cookie");

  public static final ConfigKey<List<String>> CONSENT_TCF_COOKIES =
      ConfigKey.list(
          "snowplow.consent.tcf.cookies",
          List.of("euconsent-v2", "eupubconsent-v2"),
          "the cookies holding a TCF string");

  public static final ConfigKey<String> CONSENT_COOKIEYES_CATEGORY =
      ConfigKey.string(
          "snowplow.consent.cookieyes.category",
          "analytics",
          "the CookieYes category that means analytics");

  public static final ConfigKey<String> CONSENT_COOKIEYES_COOKIE =
      ConfigKey.string(
          "snowplow.consent.cookieyes.cookie", "cookieyes-consent", "CookieYes's consent cookie");

  public static final ConfigKey<String> CONSENT_COMPLIANZ_COOKIE =
      ConfigKey.string(
          "snowplow.consent.complianz.cookie", "cmplz_statistics", "Complianz's statistics cookie");

  public static final ConfigKey<String> CONSENT_KLARO_SERVICE =
      ConfigKey.string(
          "snowplow.consent.klaro.service", "snowplow", "the Klaro service name of this tracker");

  public static final ConfigKey<String> CONSENT_KLARO_COOKIE =
      ConfigKey.string(
          "snowplow.consent.klaro.cookie", "klaro", "Klaro's cookie (its `cookieName`)");

  public static final ConfigKey<String> CONSENT_DIDOMI_ID =
      ConfigKey.string(
              "snowplow.consent.didomi.id",
              null,
              "the Didomi custom purpose or vendor id that means analytics, such as"
                  + " `c:snowplow-AbCd1234`")
          .documentedDefault("none: required when `didomi` is a source");

  public static final ConfigKey<String> CONSENT_DIDOMI_COOKIE =
      ConfigKey.string("snowplow.consent.didomi.cookie", "didomi_token", "Didomi's consent cookie");

  public static final ConfigKey<Anonymisation> CONSENT_GPC_CAP =
      ConfigKey.level(
          "snowplow.consent.gpc.cap",
          Anonymisation.ANONYMOUS_SERVER,
          "the most a `Sec-GPC: 1` request is tracked at");

  public static final ConfigKey<Anonymisation> CONSENT_DNT_CAP =
      ConfigKey.level(
          "snowplow.consent.dnt.cap",
          Anonymisation.ANONYMOUS_SERVER,
          "the most a `DNT: 1` request is tracked at, when `dnt` is a source");

  public static final ConfigKey<List<String>> TRACK_INCLUDE =
      ConfigKey.list("snowplow.track.include", List.of(), "paths tracked, as globs (`/shop/**`)")
          .documentedDefault("all");

  public static final ConfigKey<List<String>> TRACK_EXCLUDE =
      ConfigKey.list(
              "snowplow.track.exclude",
              List.of(
                  "*.css",
                  "*.js",
                  "*.mjs",
                  "*.map",
                  "*.png",
                  "*.jpg",
                  "*.jpeg",
                  "*.gif",
                  "*.svg",
                  "*.ico",
                  "*.webp",
                  "*.avif",
                  "*.woff",
                  "*.woff2",
                  "*.ttf",
                  "*.eot",
                  "*.txt",
                  "*.xml",
                  "*.json",
                  "/health",
                  "/health/**",
                  "/healthz",
                  "/ready",
                  "/live",
                  "/metrics",
                  "/metrics/**",
                  "/actuator/**",
                  "/q/health/**",
                  "/q/metrics/**"),
              "paths never tracked, as globs (`*.css`)")
          .documentedDefault(
              "static files (`*.css`, `*.js`, images, fonts, …), health and metrics paths");

  public static final ConfigKey<List<String>> TRACK_CONTENT_TYPES =
      ConfigKey.list(
          "snowplow.track.content-types",
          List.of("text/html"),
          "response content types tracked as page views");

  /** The values of {@link #TRACK_BOTS} and {@link #TRACK_PREFETCH}. */
  public enum Choice {
    SKIP,
    TRACK
  }

  public static final ConfigKey<Choice> TRACK_BOTS =
      ConfigKey.oneOf(
          "snowplow.track.bots",
          Choice.class,
          Choice.SKIP,
          "page views for crawlers, uptime monitors, link-preview fetchers, HTTP libraries and"
              + " headless browsers, known by their user agent");

  public static final ConfigKey<Choice> TRACK_PREFETCH =
      ConfigKey.oneOf(
          "snowplow.track.prefetch",
          Choice.class,
          Choice.SKIP,
          "page views for speculative loads: `Sec-Purpose: prefetch` (prerender included),"
              + " `Purpose: prefetch`, `X-Moz: prefetch`");

  public static final ConfigKey<Boolean> PAGE_TITLE_FROM_HTML =
      ConfigKey.bool(
          "snowplow.page-title.from-html",
          true,
          "`page` read from the `<title>` of the HTML the response sends, when the application"
              + " names none");

  public static final ConfigKey<Boolean> WEB_PAGE_ENTITY =
      ConfigKey.bool(
          "snowplow.web-page-entity",
          true,
          "page views carry the `web_page` entity with a fresh id, which"
              + " `SnowplowRequest.pageViewId` hands to the page");

  public static final ConfigKey<List<String>> QUERY_DENYLIST =
      ConfigKey.list(
              "snowplow.query.denylist",
              List.of(),
              "query parameters removed from URLs and referrers, **added** to the built-in list"
                  + " (secrets, personal data, framework ids: see above)")
          .documentedDefault("none");

  public static final ConfigKey<Boolean> QUERY_DENYLIST_DEFAULTS =
      ConfigKey.bool(
          "snowplow.query.denylist.defaults",
          true,
          "`false`: the built-in query denylist does not apply, only `snowplow.query.denylist`");

  public static final ConfigKey<Boolean> REDACT_EMAILS =
      ConfigKey.bool(
          "snowplow.redact-emails",
          true,
          "e-mail addresses in `url`, `refr` and `page` replaced by `redacted-email`");

  public static final ConfigKey<List<String>> TRUSTED_PROXIES =
      ConfigKey.list(
              "snowplow.trusted-proxies",
              List.of(),
              "proxies (IPs, CIDRs) whose `Forwarded` / `X-Forwarded-For` is believed")
          .documentedDefault("none");

  public static final ConfigKey<String> TRUSTED_PROXIES_HEADER =
      ConfigKey.string(
          "snowplow.trusted-proxies.header",
          "X-Forwarded-For",
          "the one header the trusted proxies write: `X-Forwarded-For` or `Forwarded`");

  public static final ConfigKey<Boolean> USER_ID_FROM_PRINCIPAL =
      ConfigKey.bool(
          "snowplow.user-id.from-principal",
          false,
          "`uid` from the request's `getUserPrincipal()`");

  public static final ConfigKey<String> COOKIE_PREFIX =
      ConfigKey.string("snowplow.cookie.prefix", "_sp_", "the browser tracker's cookie prefix");

  public static final ConfigKey<Boolean> COOKIE_MANAGE =
      ConfigKey.bool(
          "snowplow.cookie.manage",
          false,
          "the filter writes `_sp_id`/`_sp_ses` itself, for sites without the JavaScript tracker,"
              + " when the consent level allows");

  public static final ConfigKey<String> COOKIE_DOMAIN =
      ConfigKey.string(
              "snowplow.cookie.domain", null, "the managed cookies' domain (and their name hash)")
          .documentedDefault("the request's host");

  public static final ConfigKey<Boolean> COOKIE_CLEAR_ON_WITHDRAWAL =
      ConfigKey.bool(
              "snowplow.cookie.clear-on-withdrawal",
              false,
              "a request whose level keeps no session (consent withdrawn, or `off`) expires the"
                  + " identity cookies")
          .documentedDefault("the value of `snowplow.cookie.manage`");

  public static final ConfigKey<Boolean> COOKIE_READ_NETWORK_ID =
      ConfigKey.bool(
          "snowplow.cookie.read-network-id", false, "the collector's `sp` cookie as `tnuid`");

  public static final ConfigKey<BasisForProcessing> GDPR_BASIS_FOR_PROCESSING =
      ConfigKey.of(
              "snowplow.gdpr.basis-for-processing",
              "consent | contract | legal_obligation | vital_interests | public_task |"
                  + " legitimate_interests",
              ConfigKeys::basisForProcessing,
              null,
              "the lawful basis of the GDPR entity every event carries (an event's own replaces it)")
          .documentedDefault("none: no GDPR entity");

  public static final ConfigKey<String> GDPR_DOCUMENT_ID =
      ConfigKey.of(
              "snowplow.gdpr.document-id",
              "text",
              text -> atMost(text, 255),
              null,
              "the GDPR entity's document id, at most 255 characters; needs the basis")
          .documentedDefault("none");

  public static final ConfigKey<String> GDPR_DOCUMENT_VERSION =
      ConfigKey.of(
              "snowplow.gdpr.document-version",
              "text",
              text -> atMost(text, 16),
              null,
              "the GDPR entity's document version, at most 16 characters; needs the basis")
          .documentedDefault("none");

  public static final ConfigKey<String> GDPR_DOCUMENT_DESCRIPTION =
      ConfigKey.of(
              "snowplow.gdpr.document-description",
              "text",
              text -> atMost(text, 4096),
              null,
              "the GDPR entity's document description, at most 4096 characters; needs the basis")
          .documentedDefault("none");

  public static final ConfigKey<RequestMethod> EMITTER_METHOD =
      ConfigKey.oneOf(
          "snowplow.emitter.method",
          RequestMethod.class,
          RequestMethod.POST,
          "POST batches, or GET `/i` one event at a time");

  public static final ConfigKey<String> EMITTER_POST_PATH =
      ConfigKey.string(
          "snowplow.emitter.post-path",
          "/com.snowplowanalytics.snowplow/tp2",
          "the POST path under the collector URI");

  public static final ConfigKey<Integer> EMITTER_BATCH_SIZE =
      ConfigKey.positiveInt("snowplow.emitter.batch-size", 500, "events per request at most");

  public static final ConfigKey<Integer> EMITTER_MAX_BATCH_BYTES =
      ConfigKey.positiveInt(
          "snowplow.emitter.max-batch-bytes", 256 * 1024, "bytes per request at most (≤ 900000)");

  public static final ConfigKey<Duration> EMITTER_FLUSH_INTERVAL =
      ConfigKey.duration(
          "snowplow.emitter.flush-interval",
          Duration.ofSeconds(1),
          "how long the oldest queued event waits for a batch to fill");

  public static final ConfigKey<Integer> EMITTER_QUEUE_CAPACITY =
      ConfigKey.positiveInt(
          "snowplow.emitter.queue-capacity", 10_000, "events queued at most, retries included");

  public static final ConfigKey<Long> EMITTER_MAX_QUEUE_BYTES =
      ConfigKey.positiveLong(
          "snowplow.emitter.max-queue-bytes",
          32L * 1024 * 1024,
          "bytes queued at most, retries included");

  public static final ConfigKey<OverflowPolicy> EMITTER_OVERFLOW =
      ConfigKey.oneOf(
          "snowplow.emitter.overflow",
          OverflowPolicy.class,
          OverflowPolicy.DROP_OLDEST,
          "what a full queue drops");

  public static final ConfigKey<Duration> EMITTER_CONNECT_TIMEOUT =
      ConfigKey.duration(
          "snowplow.emitter.connect-timeout", Duration.ofSeconds(5), "connecting to the collector");

  public static final ConfigKey<Duration> EMITTER_RESPONSE_TIMEOUT =
      ConfigKey.duration(
          "snowplow.emitter.response-timeout",
          Duration.ofSeconds(10),
          "waiting for the collector's answer");

  public static final ConfigKey<String> EMITTER_SPOOL_DIR =
      ConfigKey.string(
              "snowplow.emitter.spool-dir",
              null,
              "keep events on disk here until the collector accepted them; each tracker in a"
                  + " sub-directory of its own")
          .documentedDefault("off");

  public static final ConfigKey<SpoolFsync> EMITTER_SPOOL_FSYNC =
      ConfigKey.oneOf(
          "snowplow.emitter.spool-fsync",
          SpoolFsync.class,
          SpoolFsync.INTERVAL,
          "when spooled events are synced to the disk: before `track()` returns, every interval,"
              + " or as the OS likes");

  public static final ConfigKey<Duration> EMITTER_SPOOL_FSYNC_INTERVAL =
      ConfigKey.duration(
          "snowplow.emitter.spool-fsync-interval",
          Duration.ofSeconds(1),
          "how often `interval` syncs: a machine crash loses at most this much");

  public static final ConfigKey<Long> EMITTER_SPOOL_MAX_BYTES =
      ConfigKey.positiveLong(
          "snowplow.emitter.spool-max-bytes",
          256L * 1024 * 1024,
          "the spool's size on disk at most (≥ 1048576); over it the oldest events are dropped");

  public static final ConfigKey<Boolean> EMITTER_SPOOL_REQUIRED =
      ConfigKey.bool(
          "snowplow.emitter.spool-required",
          false,
          "whether a spool that cannot be opened fails the start; if not, events are kept in"
              + " memory only, with an ERROR log and `stats().spool().unavailable()`");

  public static final ConfigKey<Integer> EMITTER_MAX_REQUESTS_IN_FLIGHT =
      ConfigKey.positiveInt(
          "snowplow.emitter.max-requests-in-flight",
          4,
          "requests sent and not yet answered at most (≤ 64)");

  public static final ConfigKey<URI> EMITTER_PROXY =
      ConfigKey.httpUri(
              "snowplow.emitter.proxy",
              null,
              "an HTTP proxy for the collector, `http://host:port`; an https collector is reached"
                  + " through it with `CONNECT`")
          .documentedDefault(
              "the JVM's proxy settings (`https.proxyHost`, `http.proxyHost`, `http.nonProxyHosts`"
                  + " …, or a `ProxySelector`)");

  public static final ConfigKey<Duration> EMITTER_CLOSE_TIMEOUT =
      ConfigKey.duration(
          "snowplow.emitter.close-timeout",
          Duration.ofSeconds(5),
          "how long closing waits for queued events to be delivered");

  public static final ConfigKey<Boolean> HEALTH_FAIL_ON_OUTAGE =
      ConfigKey.bool(
          "snowplow.health.fail-on-outage",
          false,
          "the `snowplow` readiness check (MicroProfile Health, Spring Boot) is DOWN while a"
              + " collector is unavailable or misconfigured; by default it stays UP and says so");

  private ConfigKeys() {}

  private static BasisForProcessing basisForProcessing(String text) {
    try {
      return BasisForProcessing.fromCode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "expected consent, contract, legal_obligation, vital_interests, public_task or"
              + " legitimate_interests");
    }
  }

  private static String atMost(String text, int max) {
    if (text.codePointCount(0, text.length()) > max) {
      throw new IllegalArgumentException("expected at most " + max + " characters");
    }
    return text;
  }

  /** Every key declared here, by name. */
  public static List<ConfigKey<?>> all() {
    List<ConfigKey<?>> keys = new ArrayList<>();
    for (Field field : ConfigKeys.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigKey.class) {
        try {
          keys.add((ConfigKey<?>) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    keys.sort(Comparator.comparing(ConfigKey::name));
    return List.copyOf(keys);
  }

  private static Platform platform(String text) {
    String code = text.toLowerCase(Locale.ROOT);
    return Arrays.stream(Platform.values())
        .filter(platform -> platform.code().equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "expected one of "
                        + Arrays.stream(Platform.values())
                            .map(Platform::code)
                            .collect(Collectors.joining(", "))));
  }
}
