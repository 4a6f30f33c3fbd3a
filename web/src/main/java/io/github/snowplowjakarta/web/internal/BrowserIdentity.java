package io.github.snowplowjakarta.web.internal;

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
    IdFields[] newestHolder = new IdFields[1];
    long[] newestTimestamp = {Long.MIN_VALUE};
    cookies.forEachWithPrefix(
        prefix + "id.",
        (name, raw) -> {
          IdFields fields = IdFields.of(raw);
          if (fields == null) {
            return;
          }
          long updated = fields.number(3, Long.MIN_VALUE + 1);
          if (updated > newestTimestamp[0]) {
            newestHolder[0] = fields;
            newestTimestamp[0] = updated;
          }
        });
    IdFields newest = newestHolder[0];
    if (newest == null) {
      return new BrowserIdentity(null, null, null);
    }
    String userId = newest.get(0);
    String domainUserId = isDomainUserId(userId) ? userId : null;
    boolean sessionLive = cookies.anyWithPrefix(prefix + "ses.");
    String sessionId = sessionLive ? newest.get(5) : null;
    long index = newest.number(2, -1);
    Integer sessionIndex =
        Checks.isUuid(sessionId) && index >= 0 && index <= Integer.MAX_VALUE ? (int) index : null;
    return new BrowserIdentity(domainUserId, sessionIndex == null ? null : sessionId, sessionIndex);
  }

  /**
   * The fields of an {@code _sp_id} value, percent-decoded, always 10 (the 6 of trackers before
   * JavaScript 3.5 padded with empty ones), or null when the count is neither. Not checked: the
   * reader takes what is valid, the writer refuses any field that is not.
   */
  static String[] idFields(String raw) {
    IdFields fields = IdFields.of(raw);
    if (fields == null) {
      return null;
    }
    String[] all = new String[IdFields.COUNT];
    for (int i = 0; i < all.length; i++) {
      all[i] = fields.get(i);
    }
    return all;
  }

  /** An {@code _sp_id} value split at its dots, a field cut out only when asked for. */
  private static final class IdFields {
    static final int COUNT = 10;
    private static final int OLD_COUNT = 6;

    private final String value;
    private final int[] ends;
    private final int count;

    private IdFields(String value, int[] ends, int count) {
      this.value = value;
      this.ends = ends;
      this.count = count;
    }

    static IdFields of(String raw) {
      String value = Cookies.decode(raw);
      int[] ends = new int[COUNT];
      int count = 0;
      for (int dot = value.indexOf('.'); dot >= 0; dot = value.indexOf('.', dot + 1)) {
        if (count == COUNT - 1) {
          return null;
        }
        ends[count++] = dot;
      }
      ends[count++] = value.length();
      return count == COUNT || count == OLD_COUNT ? new IdFields(value, ends, count) : null;
    }

    private int start(int field) {
      return field == 0 ? 0 : ends[field - 1] + 1;
    }

    String get(int field) {
      return field < count ? value.substring(start(field), ends[field]) : "";
    }

    /** The field as a number of at most 18 digits, else {@code fallback}. */
    long number(int field, long fallback) {
      if (field >= count) {
        return fallback;
      }
      int start = start(field);
      int end = ends[field];
      if (start == end || end - start > 18) {
        return fallback;
      }
      long number = 0;
      for (int i = start; i < end; i++) {
        char c = value.charAt(i);
        if (c < '0' || c > '9') {
          return fallback;
        }
        number = number * 10 + (c - '0');
      }
      return number;
    }
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
