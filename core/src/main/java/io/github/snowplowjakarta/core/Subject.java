package io.github.snowplowjakarta.core;

import static io.github.snowplowjakarta.core.internal.Checks.blankToNull;

import io.github.snowplowjakarta.core.internal.Checks;
import java.util.Objects;

/**
 * Who and where an event comes from: user, session, network and device values. Immutable; every
 * value is optional, and blank text counts as absent.
 *
 * <p>A tracker-level subject and an event-level one {@linkplain #merge(Subject) merge} value by
 * value, the event's winning. Which of these values actually leave the server is decided by the
 * event's {@link Anonymisation}, when it is encoded.
 */
public final class Subject {
  /** A subject with no values. */
  public static final Subject EMPTY = builder().build();

  private final String userId;
  private final String domainUserId;
  private final String sessionId;
  private final Integer sessionIndex;
  private final String networkUserId;
  private final String ipAddress;
  private final String userAgent;
  private final String language;
  private final String timezone;
  private final String screenResolution;
  private final String viewport;
  private final Integer colourDepth;
  private final String pageUrl;
  private final String referrer;

  private Subject(Builder b) {
    this.userId = b.userId;
    this.domainUserId = b.domainUserId;
    this.sessionId = b.sessionId;
    this.sessionIndex = b.sessionIndex;
    this.networkUserId = b.networkUserId;
    this.ipAddress = b.ipAddress;
    this.userAgent = b.userAgent;
    this.language = b.language;
    this.timezone = b.timezone;
    this.screenResolution = b.screenResolution;
    this.viewport = b.viewport;
    this.colourDepth = b.colourDepth;
    this.pageUrl = b.pageUrl;
    this.referrer = b.referrer;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this subject's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.userId = userId;
    b.domainUserId = domainUserId;
    b.sessionId = sessionId;
    b.sessionIndex = sessionIndex;
    b.networkUserId = networkUserId;
    b.ipAddress = ipAddress;
    b.userAgent = userAgent;
    b.language = language;
    b.timezone = timezone;
    b.screenResolution = screenResolution;
    b.viewport = viewport;
    b.colourDepth = colourDepth;
    b.pageUrl = pageUrl;
    b.referrer = referrer;
    return b;
  }

  /**
   * This subject with every value that {@code override} has replacing this one's; the values {@code
   * override} lacks are kept. A null override returns this subject.
   */
  public Subject merge(Subject override) {
    if (override == null || override == EMPTY || override.equals(EMPTY)) {
      return this;
    }
    if (this == EMPTY) {
      return override;
    }
    Builder b = toBuilder();
    b.userId = pick(override.userId, userId);
    b.domainUserId = pick(override.domainUserId, domainUserId);
    b.sessionId = pick(override.sessionId, sessionId);
    b.sessionIndex = pick(override.sessionIndex, sessionIndex);
    b.networkUserId = pick(override.networkUserId, networkUserId);
    b.ipAddress = pick(override.ipAddress, ipAddress);
    b.userAgent = pick(override.userAgent, userAgent);
    b.language = pick(override.language, language);
    b.timezone = pick(override.timezone, timezone);
    b.screenResolution = pick(override.screenResolution, screenResolution);
    b.viewport = pick(override.viewport, viewport);
    b.colourDepth = pick(override.colourDepth, colourDepth);
    b.pageUrl = pick(override.pageUrl, pageUrl);
    b.referrer = pick(override.referrer, referrer);
    return b.build();
  }

  private static <T> T pick(T preferred, T fallback) {
    return preferred != null ? preferred : fallback;
  }

  /** The business user id ({@code uid}). */
  public String userId() {
    return userId;
  }

  /** The first-party cookie user id shared with the browser tracker ({@code duid}). */
  public String domainUserId() {
    return domainUserId;
  }

  /** The session id, a lower-case UUID ({@code sid}). */
  public String sessionId() {
    return sessionId;
  }

  /** The session index, counting from 1 in the browser tracker ({@code vid}). */
  public Integer sessionIndex() {
    return sessionIndex;
  }

  /** The collector's cookie id ({@code tnuid}). */
  public String networkUserId() {
    return networkUserId;
  }

  /** The client IP address ({@code ip}). */
  public String ipAddress() {
    return ipAddress;
  }

  /** The user agent ({@code ua}). */
  public String userAgent() {
    return userAgent;
  }

  /** The preferred language ({@code lang}). */
  public String language() {
    return language;
  }

  /** The time zone, such as {@code Europe/Berlin} ({@code tz}). */
  public String timezone() {
    return timezone;
  }

  /** The screen resolution as {@code WIDTHxHEIGHT} ({@code res}). */
  public String screenResolution() {
    return screenResolution;
  }

  /** The viewport as {@code WIDTHxHEIGHT} ({@code vp}). */
  public String viewport() {
    return viewport;
  }

  /** The colour depth in bits ({@code cd}). */
  public Integer colourDepth() {
    return colourDepth;
  }

  /** The URL of the page the event belongs to, for events that do not carry their own. */
  public String pageUrl() {
    return pageUrl;
  }

  /** The referrer of the page the event belongs to, for events that do not carry their own. */
  public String referrer() {
    return referrer;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Subject)) {
      return false;
    }
    Subject s = (Subject) o;
    return Objects.equals(userId, s.userId)
        && Objects.equals(domainUserId, s.domainUserId)
        && Objects.equals(sessionId, s.sessionId)
        && Objects.equals(sessionIndex, s.sessionIndex)
        && Objects.equals(networkUserId, s.networkUserId)
        && Objects.equals(ipAddress, s.ipAddress)
        && Objects.equals(userAgent, s.userAgent)
        && Objects.equals(language, s.language)
        && Objects.equals(timezone, s.timezone)
        && Objects.equals(screenResolution, s.screenResolution)
        && Objects.equals(viewport, s.viewport)
        && Objects.equals(colourDepth, s.colourDepth)
        && Objects.equals(pageUrl, s.pageUrl)
        && Objects.equals(referrer, s.referrer);
  }

  @Override
  public int hashCode() {
    return Objects.hash(userId, domainUserId, sessionId, sessionIndex, networkUserId, ipAddress);
  }

  /** Names the values present, never the values themselves: they may be personal data. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Subject[");
    appendIfPresent(sb, "userId", userId);
    appendIfPresent(sb, "domainUserId", domainUserId);
    appendIfPresent(sb, "sessionId", sessionId);
    appendIfPresent(sb, "sessionIndex", sessionIndex);
    appendIfPresent(sb, "networkUserId", networkUserId);
    appendIfPresent(sb, "ipAddress", ipAddress);
    appendIfPresent(sb, "userAgent", userAgent);
    appendIfPresent(sb, "language", language);
    appendIfPresent(sb, "timezone", timezone);
    appendIfPresent(sb, "screenResolution", screenResolution);
    appendIfPresent(sb, "viewport", viewport);
    appendIfPresent(sb, "colourDepth", colourDepth);
    appendIfPresent(sb, "pageUrl", pageUrl);
    appendIfPresent(sb, "referrer", referrer);
    return sb.append(']').toString();
  }

  private static void appendIfPresent(StringBuilder sb, String name, Object value) {
    if (value != null) {
      sb.append(sb.charAt(sb.length() - 1) == '[' ? "" : ", ").append(name).append("=<set>");
    }
  }

  /** Builds a {@link Subject}; every setter accepts null to clear the value. */
  public static final class Builder {
    private String userId;
    private String domainUserId;
    private String sessionId;
    private Integer sessionIndex;
    private String networkUserId;
    private String ipAddress;
    private String userAgent;
    private String language;
    private String timezone;
    private String screenResolution;
    private String viewport;
    private Integer colourDepth;
    private String pageUrl;
    private String referrer;

    private Builder() {}

    public Builder userId(String userId) {
      this.userId = blankToNull(userId);
      return this;
    }

    public Builder domainUserId(String domainUserId) {
      this.domainUserId = blankToNull(domainUserId);
      return this;
    }

    /** The session id; must be a UUID, stored in lower case. */
    public Builder sessionId(String sessionId) {
      this.sessionId = Checks.requireUuidOrNull(blankToNull(sessionId), "sessionId");
      return this;
    }

    /** The session index; must not be negative. */
    public Builder sessionIndex(Integer sessionIndex) {
      this.sessionIndex =
          sessionIndex == null ? null : Checks.requireNonNegative(sessionIndex, "sessionIndex");
      return this;
    }

    public Builder networkUserId(String networkUserId) {
      this.networkUserId = blankToNull(networkUserId);
      return this;
    }

    public Builder ipAddress(String ipAddress) {
      this.ipAddress = blankToNull(ipAddress);
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = blankToNull(userAgent);
      return this;
    }

    public Builder language(String language) {
      this.language = blankToNull(language);
      return this;
    }

    public Builder timezone(String timezone) {
      this.timezone = blankToNull(timezone);
      return this;
    }

    public Builder screenResolution(int width, int height) {
      this.screenResolution = dimensions(width, height, "screenResolution");
      return this;
    }

    public Builder viewport(int width, int height) {
      this.viewport = dimensions(width, height, "viewport");
      return this;
    }

    public Builder colourDepth(Integer colourDepth) {
      this.colourDepth =
          colourDepth == null ? null : Checks.requirePositive(colourDepth, "colourDepth");
      return this;
    }

    public Builder pageUrl(String pageUrl) {
      this.pageUrl = blankToNull(pageUrl);
      return this;
    }

    public Builder referrer(String referrer) {
      this.referrer = blankToNull(referrer);
      return this;
    }

    public Subject build() {
      return new Subject(this);
    }

    private static String dimensions(int width, int height, String name) {
      Checks.requirePositive(width, name + " width");
      Checks.requirePositive(height, name + " height");
      return width + "x" + height;
    }
  }
}
