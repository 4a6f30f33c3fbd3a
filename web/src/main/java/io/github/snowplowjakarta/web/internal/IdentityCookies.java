package io.github.snowplowjakarta.web.internal;

import io.github.snowplowjakarta.core.internal.Checks;
import io.github.snowplowjakarta.web.WebRequest;
import io.github.snowplowjakarta.web.WebResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Keeps the browser tracker's first-party cookies for sites that do not run it, in its own format
 * so a browser tracker added later carries on: {@code _sp_id.<hash>} (10 fields, 2 years) and
 * {@code _sp_ses.<hash>} (30 minutes after the last page), {@code Path=/}, {@code SameSite=Lax},
 * {@code Secure} over HTTPS, never HttpOnly. Anonymous with session keeps the session part only,
 * with the user id blank. Not API.
 */
public final class IdentityCookies {
  private static final int ID_MAX_AGE_SECONDS = 2 * 365 * 24 * 3600;
  private static final int SESSION_MAX_AGE_SECONDS = 30 * 60;

  private final String prefix;
  private final String domain;
  private final Clock clock;

  /** The last host's name hash: a SHA-1 per request was most of the cost of managing cookies. */
  private volatile HostHash lastHash;

  /**
   * A class, not a record: a record's generated methods, once called, would keep this class, and
   * with it the application, in a JDK-wide cache on Java 17 (JDK-8078641).
   */
  private static final class HostHash {
    final String host;
    final String suffix;

    HostHash(String host, String suffix) {
      this.host = host;
      this.suffix = suffix;
    }
  }

  public IdentityCookies(String prefix, String domain, Clock clock) {
    this.prefix = prefix;
    this.domain = domain;
    this.clock = clock;
  }

  /** The name hash the browser tracker uses: 4 hex digits of SHA-1 of domain and path. */
  public static String hash(String domainAndPath) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(domainAndPath.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }

  /**
   * Continues or starts the visitor's session, without writing anything yet: the cookies are
   * written by {@link Next#write} only on a response that tracks.
   *
   * @param withUserId false for anonymous with session: the user id stays blank
   */
  public Next next(Cookies cookies, WebRequest request, boolean withUserId) {
    String host = domain != null ? domain : request.serverName();
    String suffix = suffix(host);
    String[] old = current(cookies.raw(prefix + "id." + suffix));
    boolean sessionLive = cookies.raw(prefix + "ses." + suffix) != null;
    long nowMillis = clock.millis();
    Next next = new Next(suffix, request.secure(), withUserId, nowMillis / 1000);
    next.userId =
        withUserId
            ? (old != null && !old[0].isEmpty() ? old[0] : UUID.randomUUID().toString())
            : "";
    next.created = old != null ? old[1] : Long.toString(next.now);
    long visits = old != null ? parse(old[2]) : 0;
    next.lastVisit = old != null ? old[3] : "";
    if (old != null && sessionLive && isUuid(old[5])) {
      next.sessionId = old[5];
      next.previousSessionId = old[6];
      next.firstEventTs = old[8];
      next.eventIndex = parse(old[9]);
    } else {
      visits++;
      next.previousSessionId = old != null && isUuid(old[5]) ? old[5] : "";
      next.sessionId = UUID.randomUUID().toString();
      next.firstEventTs = Long.toString(nowMillis);
      next.eventIndex = 0;
    }
    if (!withUserId) {
      next.previousSessionId = "";
    }
    next.visits = Math.max(visits, 1);
    return next;
  }

  /** The cookie names' hash for this host, remembered for the last host asked for. */
  String suffix(String host) {
    HostHash last = lastHash;
    if (last != null && last.host.equals(host)) {
      return last.suffix;
    }
    String suffix = hash(host + "/");
    lastHash = new HostHash(host, suffix);
    return suffix;
  }

  /** The identity a request continues or starts, and the cookies that keep it. */
  public final class Next {
    private final String suffix;
    private final boolean secure;
    private final boolean withUserId;
    private final long now;
    private String userId;
    private String created;
    private long visits;
    private String lastVisit;
    private String sessionId;
    private String previousSessionId;
    private String firstEventTs;
    private long eventIndex;

    private Next(String suffix, boolean secure, boolean withUserId, long now) {
      this.suffix = suffix;
      this.secure = secure;
      this.withUserId = withUserId;
      this.now = now;
    }

    /** What the request's events carry. */
    public BrowserIdentity identity() {
      return BrowserIdentity.of(
          withUserId ? userId : null, sessionId, (int) Math.min(visits, Integer.MAX_VALUE));
    }

    /**
     * Writes both cookies on the response, the session's event counter counting this page view if
     * there is one.
     */
    public void write(WebResponse response, boolean pageView) {
      String value =
          String.join(
              ".",
              userId,
              created,
              Long.toString(visits),
              Long.toString(now),
              lastVisit,
              sessionId,
              previousSessionId,
              "",
              firstEventTs,
              Long.toString(eventIndex + (pageView ? 1 : 0)));
      response.addHeader(
          "Set-Cookie", cookie(prefix + "id." + suffix, value, ID_MAX_AGE_SECONDS, secure));
      response.addHeader(
          "Set-Cookie", cookie(prefix + "ses." + suffix, "*", SESSION_MAX_AGE_SECONDS, secure));
    }
  }

  /** Expires every identity cookie the request carries, as the browser tracker's clearUserData. */
  public void clear(Cookies cookies, WebRequest request, Consumer<String> setCookie) {
    for (String kind : new String[] {"id.", "ses."}) {
      cookies.forEachWithPrefix(
          prefix + kind,
          (name, value) -> {
            if (isCookieName(name)) {
              setCookie.accept(cookie(name, "", 0, request.secure()));
            }
          });
    }
  }

  private String cookie(String name, String value, int maxAgeSeconds, boolean secure) {
    StringBuilder header = new StringBuilder(name).append('=').append(value);
    header.append("; Path=/; Max-Age=").append(maxAgeSeconds);
    if (domain != null) {
      header.append("; Domain=").append(domain);
    }
    header.append("; SameSite=Lax");
    if (secure) {
      header.append("; Secure");
    }
    return header.toString();
  }

  /**
   * The fields of an existing cookie, or null to start afresh: every field is written back into a
   * {@code Set-Cookie} header and some are sent as identifiers, so each must be what the browser
   * tracker would write (an id, digits, a UUID), never attacker-chosen text.
   */
  private static String[] current(String raw) {
    if (raw == null) {
      return null;
    }
    String[] fields = BrowserIdentity.idFields(raw);
    if (fields == null
        || !(fields[0].isEmpty() || BrowserIdentity.isDomainUserId(fields[0]))
        || !digits(fields[1], false)
        || !digits(fields[2], false)
        || !digits(fields[3], false)
        || !digits(fields[4], true)
        || !(fields[5].isEmpty() || isUuid(fields[5]))
        || !(fields[6].isEmpty() || isUuid(fields[6]))
        || !digits(fields[8], true)
        || !digits(fields[9], true)) {
      return null;
    }
    return fields;
  }

  /** Only names a browser tracker would write go back into a header. */
  private static boolean isCookieName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '.'
          || c == '-')) {
        return false;
      }
    }
    return !name.isEmpty();
  }

  private static boolean digits(String text, boolean emptyAllowed) {
    if (text.isEmpty()) {
      return emptyAllowed;
    }
    if (text.length() > 18) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static long parse(String number) {
    try {
      long value = Long.parseLong(number);
      return value < 0 ? 0 : value;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean isUuid(String text) {
    return Checks.isUuid(text);
  }
}
