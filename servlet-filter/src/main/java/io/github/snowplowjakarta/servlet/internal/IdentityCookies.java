package io.github.snowplowjakarta.servlet.internal;

import io.github.snowplowjakarta.core.internal.Checks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;

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
   * Continues or starts the visitor's session and writes both cookies on the response.
   *
   * @param withUserId false for anonymous with session: the user id stays blank
   * @return the identity the response's cookies now hold
   */
  public BrowserIdentity refresh(
      Cookies cookies,
      HttpServletRequest request,
      HttpServletResponse response,
      boolean withUserId) {
    String host = domain != null ? domain : request.getServerName();
    String suffix = hash(host + "/");
    String[] old = current(cookies.raw(prefix + "id." + suffix));
    boolean sessionLive = cookies.raw(prefix + "ses." + suffix) != null;
    long nowMillis = clock.millis();
    long now = nowMillis / 1000;

    String userId =
        withUserId
            ? (old != null && !old[0].isEmpty() ? old[0] : UUID.randomUUID().toString())
            : "";
    String created = old != null ? old[1] : Long.toString(now);
    long visits = old != null ? parse(old[2]) : 0;
    String lastVisit = old != null ? old[3] : "";
    String sessionId;
    String previousSessionId;
    String firstEventTs;
    long eventIndex;
    if (old != null && sessionLive && isUuid(old[5])) {
      sessionId = old[5];
      previousSessionId = old[6];
      firstEventTs = old[8];
      eventIndex = parse(old[9]) + 1;
    } else {
      visits++;
      previousSessionId = old != null && isUuid(old[5]) ? old[5] : "";
      sessionId = UUID.randomUUID().toString();
      firstEventTs = Long.toString(nowMillis);
      eventIndex = 1;
    }
    if (!withUserId) {
      previousSessionId = "";
    }
    String value =
        String.join(
            ".",
            userId,
            created,
            Long.toString(Math.max(visits, 1)),
            Long.toString(now),
            lastVisit,
            sessionId,
            previousSessionId,
            "",
            firstEventTs,
            Long.toString(eventIndex));
    boolean secure = request.isSecure();
    response.addHeader(
        "Set-Cookie", cookie(prefix + "id." + suffix, value, ID_MAX_AGE_SECONDS, secure));
    response.addHeader(
        "Set-Cookie", cookie(prefix + "ses." + suffix, "*", SESSION_MAX_AGE_SECONDS, secure));
    return BrowserIdentity.of(
        withUserId ? userId : null,
        sessionId,
        (int) Math.min(Math.max(visits, 1), Integer.MAX_VALUE));
  }

  /** Expires every identity cookie the request carries, as the browser tracker's clearUserData. */
  public void clear(Cookies cookies, HttpServletRequest request, HttpServletResponse response) {
    for (String kind : new String[] {"id.", "ses."}) {
      cookies.forEachWithPrefix(
          prefix + kind,
          (name, value) -> {
            if (isCookieName(name)) {
              response.addHeader("Set-Cookie", cookie(name, "", 0, request.isSecure()));
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
