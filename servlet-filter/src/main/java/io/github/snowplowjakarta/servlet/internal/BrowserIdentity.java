package io.github.snowplowjakarta.servlet.internal;

import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.internal.Checks;

/**
 * What the Snowplow browser tracker's first-party cookies say about the visitor: {@code
 * _sp_id.<hash>} (10 fields, or 6 before JavaScript tracker 3.5) and {@code _sp_ses.<hash>}. Names
 * are matched by prefix, as v3 hashes the host and v4 the root domain; when several {@code _sp_id}
 * cookies exist the most recently updated wins. Not API.
 */
public final class BrowserIdentity {
  private final String domainUserId;
  private final String sessionId;
  private final Integer sessionIndex;

  private BrowserIdentity(String domainUserId, String sessionId, Integer sessionIndex) {
    this.domainUserId = domainUserId;
    this.sessionId = sessionId;
    this.sessionIndex = sessionIndex;
  }

  static BrowserIdentity of(String domainUserId, String sessionId, Integer sessionIndex) {
    return new BrowserIdentity(domainUserId, sessionId, sessionIndex);
  }

  /**
   * Reads the cookies with this prefix ({@code _sp_} by default). A session is taken only while its
   * {@code _sp_ses} cookie lives: without it the browser tracker starts a new one.
   */
  public static BrowserIdentity read(Cookies cookies, String prefix) {
    String[][] newestHolder = new String[1][];
    long[] newestTimestamp = {Long.MIN_VALUE};
    cookies.forEachWithPrefix(
        prefix + "id.",
        (name, raw) -> {
          String[] fields = idFields(raw);
          if (fields == null) {
            return;
          }
          long updated = number(fields[3], Long.MIN_VALUE + 1);
          if (updated > newestTimestamp[0]) {
            newestHolder[0] = fields;
            newestTimestamp[0] = updated;
          }
        });
    String[] newest = newestHolder[0];
    if (newest == null) {
      return new BrowserIdentity(null, null, null);
    }
    String domainUserId = isDomainUserId(newest[0]) ? newest[0] : null;
    boolean sessionLive = cookies.anyWithPrefix(prefix + "ses.");
    String sessionId = sessionLive && Checks.isUuid(newest[5]) ? newest[5] : null;
    long index = number(newest[2], -1);
    Integer sessionIndex =
        sessionId != null && index >= 0 && index <= Integer.MAX_VALUE ? (int) index : null;
    return new BrowserIdentity(domainUserId, sessionIndex == null ? null : sessionId, sessionIndex);
  }

  /**
   * The fields of an {@code _sp_id} value, percent-decoded, always 10 (the 6 of trackers before
   * JavaScript 3.5 padded with empty ones), or null when the count is neither. Not checked: the
   * reader takes what is valid, the writer refuses any field that is not.
   */
  static String[] idFields(String raw) {
    String[] fields = Cookies.decode(raw).split("\\.", -1);
    if (fields.length == 6) {
      return new String[] {
        fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], "", "", "", ""
      };
    }
    return fields.length == 10 ? fields : null;
  }

  /** Letters, digits, {@code -} and {@code _}, at most 128: what browser trackers make. */
  static boolean isDomainUserId(String text) {
    if (text.isEmpty() || text.length() > 128) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static long number(String text, long fallback) {
    if (text.isEmpty() || text.length() > 18) {
      return fallback;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return fallback;
      }
    }
    return Long.parseLong(text);
  }

  public String domainUserId() {
    return domainUserId;
  }

  public String sessionId() {
    return sessionId;
  }

  public Integer sessionIndex() {
    return sessionIndex;
  }

  /** Adds what was found to a subject. */
  public Subject.Builder applyTo(Subject.Builder subject) {
    return subject.domainUserId(domainUserId).sessionId(sessionId).sessionIndex(sessionIndex);
  }
}
