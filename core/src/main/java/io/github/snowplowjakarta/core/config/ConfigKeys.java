package io.github.snowplowjakarta.core.config;

/**
 * Every configuration key, for every integration. Set them as servlet init-params or
 * context-params, MicroProfile Config properties, system properties, or environment variables
 * ({@code snowplow.collector-uri} is {@code SNOWPLOW_COLLECTOR_URI}).
 */
public final class ConfigKeys {
  /** The collector's base URI, such as {@code https://collector.example.com}. Required. */
  public static final String COLLECTOR_URI = "snowplow.collector-uri";

  /**
   * Whether the servlet filter registers itself when its jar is in WEB-INF/lib and a collector URI
   * is configured. Default true.
   */
  public static final String AUTO_REGISTER = "snowplow.auto-register";

  /** The app id ({@code aid}). Default: the web application's context path, else {@code app}. */
  public static final String APP_ID = "snowplow.app-id";

  /** The tracker namespace ({@code tna}). Default {@code default}. */
  public static final String NAMESPACE = "snowplow.namespace";

  /** The platform code ({@code p}). Default {@code web} in the filter, {@code srv} elsewhere. */
  public static final String PLATFORM = "snowplow.platform";

  /** Base64 for entities and self-describing events. Default true. */
  public static final String BASE64 = "snowplow.base64";

  /** Whether fully tracked events carry the client_session entity. Default false. */
  public static final String CLIENT_SESSION_ENTITY = "snowplow.client-session-entity";

  /**
   * The level when no consent signal decides: {@code full}, {@code anonymous-with-session}, {@code
   * anonymous} or {@code off} (nothing tracked at all). Default {@code anonymous}.
   */
  public static final String DEFAULT_LEVEL = "snowplow.default-level";

  /** Whether undecided requests are server-anonymised too. Default true. */
  public static final String DEFAULT_SERVER_ANONYMISATION = "snowplow.default-server-anonymisation";

  /**
   * Consent sources, in order: {@code cookie}, {@code onetrust}, {@code cookiebot}, {@code tcf},
   * {@code cookieyes}, {@code complianz}, {@code klaro}, {@code didomi}, {@code gpc}, {@code dnt},
   * and the names of the application's own sources. Default all but {@code didomi} and {@code dnt};
   * the application's own sources not named come after the named ones.
   */
  public static final String CONSENT_SOURCES = "snowplow.consent.sources";

  /**
   * How the decisions of several sources combine: {@code most-restrictive} (default) or {@code
   * first} (the first source in order that decides).
   */
  public static final String CONSENT_RESOLUTION = "snowplow.consent.resolution";

  /** The level a consent platform's yes gives. Default {@code full}. */
  public static final String CONSENT_GRANTED_LEVEL = "snowplow.consent.granted-level";

  /**
   * The level a consent platform's no gives, and a signal present but unreadable, and a source that
   * fails: a level name or {@code off}. Default {@code anonymous+server}.
   */
  public static final String CONSENT_REFUSED_LEVEL = "snowplow.consent.refused-level";

  /** The application's own consent cookie. Default {@code sp_consent}. */
  public static final String CONSENT_COOKIE_NAME = "snowplow.consent.cookie.name";

  /**
   * Its values and their levels, {@code value=level} pairs. Default {@code
   * all=full,session=anonymous-with-session,none=anonymous}.
   */
  public static final String CONSENT_COOKIE_VALUES = "snowplow.consent.cookie.values";

  /**
   * The OneTrust group that means analytics, in either form ({@code C0002} also matches the older
   * numeric {@code 2}). Default {@code C0002}.
   */
  public static final String CONSENT_ONETRUST_GROUP = "snowplow.consent.onetrust.group";

  /** OneTrust's consent cookie. Default {@code OptanonConsent}. */
  public static final String CONSENT_ONETRUST_COOKIE = "snowplow.consent.onetrust.cookie";

  /** OneTrust's banner-closed cookie. Default {@code OptanonAlertBoxClosed}. */
  public static final String CONSENT_ONETRUST_CLOSED_COOKIE =
      "snowplow.consent.onetrust.closed-cookie";

  /** The Cookiebot category that means analytics. Default {@code statistics}. */
  public static final String CONSENT_COOKIEBOT_CATEGORY = "snowplow.consent.cookiebot.category";

  /** Cookiebot's consent cookie. Default {@code CookieConsent}. */
  public static final String CONSENT_COOKIEBOT_COOKIE = "snowplow.consent.cookiebot.cookie";

  /** The cookies holding a TCF string. Default {@code euconsent-v2,eupubconsent-v2}. */
  public static final String CONSENT_TCF_COOKIES = "snowplow.consent.tcf.cookies";

  /** The CookieYes category that means analytics. Default {@code analytics}. */
  public static final String CONSENT_COOKIEYES_CATEGORY = "snowplow.consent.cookieyes.category";

  /** CookieYes's consent cookie. Default {@code cookieyes-consent}. */
  public static final String CONSENT_COOKIEYES_COOKIE = "snowplow.consent.cookieyes.cookie";

  /** Complianz's statistics cookie. Default {@code cmplz_statistics}. */
  public static final String CONSENT_COMPLIANZ_COOKIE = "snowplow.consent.complianz.cookie";

  /** The Klaro service name of this tracker. Default {@code snowplow}. */
  public static final String CONSENT_KLARO_SERVICE = "snowplow.consent.klaro.service";

  /** Klaro's cookie (its {@code cookieName}). Default {@code klaro}. */
  public static final String CONSENT_KLARO_COOKIE = "snowplow.consent.klaro.cookie";

  /**
   * The Didomi custom purpose or vendor id that means analytics, such as {@code
   * c:snowplow-AbCd1234}. Required when {@code didomi} is a source.
   */
  public static final String CONSENT_DIDOMI_ID = "snowplow.consent.didomi.id";

  /** Didomi's consent cookie. Default {@code didomi_token}. */
  public static final String CONSENT_DIDOMI_COOKIE = "snowplow.consent.didomi.cookie";

  /** The most a {@code Sec-GPC: 1} request may be tracked at. Default {@code anonymous}. */
  public static final String CONSENT_GPC_CAP = "snowplow.consent.gpc.cap";

  /**
   * The most a {@code DNT: 1} request may be tracked at, when dnt is a source. Default {@code
   * anonymous}.
   */
  public static final String CONSENT_DNT_CAP = "snowplow.consent.dnt.cap";

  /** Paths tracked, as globs ({@code /shop/**}); default all. */
  public static final String TRACK_INCLUDE = "snowplow.track.include";

  /** Paths never tracked, as globs; default static resources and health/metrics paths. */
  public static final String TRACK_EXCLUDE = "snowplow.track.exclude";

  /** Response content types tracked as page views. Default {@code text/html}. */
  public static final String TRACK_CONTENT_TYPES = "snowplow.track.content-types";

  /** Query parameters removed from URLs and referrers. Default common secrets. */
  public static final String QUERY_DENYLIST = "snowplow.query.denylist";

  /** Proxies whose {@code Forwarded} / {@code X-Forwarded-For} are believed: IPs or CIDRs. */
  public static final String TRUSTED_PROXIES = "snowplow.trusted-proxies";

  /**
   * The header the trusted proxies write: {@code X-Forwarded-For} (default) or {@code Forwarded}.
   */
  public static final String TRUSTED_PROXIES_HEADER = "snowplow.trusted-proxies.header";

  /** Whether the user id comes from the request's Principal. Default false. */
  public static final String USER_ID_FROM_PRINCIPAL = "snowplow.user-id.from-principal";

  /** The browser tracker's cookie prefix. Default {@code _sp_}. */
  public static final String COOKIE_PREFIX = "snowplow.cookie.prefix";

  /**
   * Whether the filter writes the browser tracker's {@code _sp_id}/{@code _sp_ses} cookies itself,
   * for sites without the JavaScript tracker, when the consent level allows. Default false.
   */
  public static final String COOKIE_MANAGE = "snowplow.cookie.manage";

  /** The cookie domain for managed cookies (and their name hash). Default: the request's host. */
  public static final String COOKIE_DOMAIN = "snowplow.cookie.domain";

  /**
   * Whether a request whose level keeps no session (consent withdrawn) expires the identity
   * cookies. Default: the value of {@code snowplow.cookie.manage}.
   */
  public static final String COOKIE_CLEAR_ON_WITHDRAWAL = "snowplow.cookie.clear-on-withdrawal";

  /** Whether to read the collector's {@code sp} cookie as the network user id. Default false. */
  public static final String COOKIE_READ_NETWORK_ID = "snowplow.cookie.read-network-id";

  public static final String EMITTER_METHOD = "snowplow.emitter.method";
  public static final String EMITTER_POST_PATH = "snowplow.emitter.post-path";
  public static final String EMITTER_BATCH_SIZE = "snowplow.emitter.batch-size";
  public static final String EMITTER_MAX_BATCH_BYTES = "snowplow.emitter.max-batch-bytes";
  public static final String EMITTER_FLUSH_INTERVAL = "snowplow.emitter.flush-interval";
  public static final String EMITTER_QUEUE_CAPACITY = "snowplow.emitter.queue-capacity";
  public static final String EMITTER_MAX_QUEUE_BYTES = "snowplow.emitter.max-queue-bytes";
  public static final String EMITTER_OVERFLOW = "snowplow.emitter.overflow";
  public static final String EMITTER_CONNECT_TIMEOUT = "snowplow.emitter.connect-timeout";
  public static final String EMITTER_RESPONSE_TIMEOUT = "snowplow.emitter.response-timeout";
  public static final String EMITTER_CLOSE_TIMEOUT = "snowplow.emitter.close-timeout";

  private ConfigKeys() {}
}
