package io.github.snowplowjakarta.core;

import io.github.snowplowjakarta.core.event.Gdpr;
import io.github.snowplowjakarta.core.internal.Checks;

/**
 * What a tracker stamps on every event: namespace ({@code tna}), app id ({@code aid}), platform
 * ({@code p}), tracker version ({@code tv}), and how self-describing JSON is carried. Immutable.
 */
public final class TrackerSettings {
  private final String namespace;
  private final String appId;
  private final Platform platform;
  private final String trackerVersion;
  private final boolean base64;
  private final boolean clientSessionEntity;
  private final Gdpr gdpr;

  private TrackerSettings(Builder b) {
    this.namespace = b.namespace;
    this.appId = b.appId;
    this.platform = b.platform;
    this.trackerVersion = b.trackerVersion;
    this.base64 = b.base64;
    this.clientSessionEntity = b.clientSessionEntity;
    this.gdpr = b.gdpr;
  }

  /** Settings for the given app id, every other value at its default. */
  public static TrackerSettings of(String appId) {
    return builder().appId(appId).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .namespace(namespace)
        .appId(appId)
        .platform(platform)
        .trackerVersion(trackerVersion)
        .base64(base64)
        .clientSessionEntity(clientSessionEntity)
        .gdpr(gdpr);
  }

  public String namespace() {
    return namespace;
  }

  public String appId() {
    return appId;
  }

  public Platform platform() {
    return platform;
  }

  public String trackerVersion() {
    return trackerVersion;
  }

  /** Whether entities and self-describing events go base64-encoded ({@code cx}, {@code ue_px}). */
  public boolean base64() {
    return base64;
  }

  /**
   * Whether fully tracked events with session data carry the client_session entity too. Events
   * anonymous with session always carry it.
   */
  public boolean clientSessionEntity() {
    return clientSessionEntity;
  }

  /**
   * The GDPR entity every event of the tracker carries, unless the event carries its own; null for
   * none.
   */
  public Gdpr gdpr() {
    return gdpr;
  }

  @Override
  public String toString() {
    return "TrackerSettings[namespace="
        + namespace
        + ", appId="
        + appId
        + ", platform="
        + platform.code()
        + ", trackerVersion="
        + trackerVersion
        + ", base64="
        + base64
        + ", clientSessionEntity="
        + clientSessionEntity
        + ", gdpr="
        + (gdpr == null ? "none" : gdpr.basisForProcessing().code())
        + "]";
  }

  /** Builds {@link TrackerSettings}; the app id is required. */
  public static final class Builder {
    private String namespace = "default";
    private String appId;
    private Platform platform = Platform.SERVER;
    private String trackerVersion = TrackerVersion.TV;
    private boolean base64 = true;
    private boolean clientSessionEntity;
    private Gdpr gdpr;

    private Builder() {}

    /** The tracker namespace ({@code tna}); default {@code default}. */
    public Builder namespace(String namespace) {
      this.namespace = Checks.requireNonBlank(namespace, "namespace");
      return this;
    }

    /** The application id ({@code aid}); required. */
    public Builder appId(String appId) {
      this.appId = Checks.requireNonBlank(appId, "appId");
      return this;
    }

    /** The platform ({@code p}); default {@link Platform#SERVER}. */
    public Builder platform(Platform platform) {
      this.platform = Checks.requireNonNull(platform, "platform");
      return this;
    }

    /** The tracker version ({@code tv}); default {@link TrackerVersion#TV}. */
    public Builder trackerVersion(String trackerVersion) {
      this.trackerVersion = Checks.requireNonBlank(trackerVersion, "trackerVersion");
      return this;
    }

    /** Whether to base64-encode entities and self-describing events; default true. */
    public Builder base64(boolean base64) {
      this.base64 = base64;
      return this;
    }

    /** Whether fully tracked events carry the client_session entity; default false. */
    public Builder clientSessionEntity(boolean clientSessionEntity) {
      this.clientSessionEntity = clientSessionEntity;
      return this;
    }

    /**
     * The GDPR entity for every event, which an event's own {@code gdpr} entity replaces (a
     * transaction's replaces it for the transaction's items too); default none (null).
     */
    public Builder gdpr(Gdpr gdpr) {
      this.gdpr = gdpr;
      return this;
    }

    public TrackerSettings build() {
      Checks.requireNonBlank(appId, "appId");
      return new TrackerSettings(this);
    }
  }
}
