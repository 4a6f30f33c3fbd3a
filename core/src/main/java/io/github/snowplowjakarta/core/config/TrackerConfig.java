package io.github.snowplowjakarta.core.config;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.event.BasisForProcessing;
import io.github.snowplowjakarta.core.event.Gdpr;
import io.github.snowplowjakarta.core.internal.Checks;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one configuration model: typed, validated values of the {@link ConfigKeys} over a {@link
 * ConfigSource}. Every integration (servlet filter, CDI extension) reads its settings here, so a
 * key means the same wherever it is set. A bad value fails with a {@link ConfigurationException}
 * naming the key and the value.
 */
public final class TrackerConfig {
  private static final String REPLACED_SERVER_FLAG = "snowplow.default-server-anonymisation";

  private final ConfigSource source;
  private final Map<String, Object> defaults;

  public TrackerConfig(ConfigSource source) {
    this(Checks.requireNonNull(source, "source"), Map.of());
  }

  private TrackerConfig(ConfigSource source, Map<String, Object> defaults) {
    this.source = source;
    this.defaults = defaults;
  }

  /**
   * This configuration with another default for one key, where the integration knows better than
   * the key's own: the web application's context path for {@link ConfigKeys#APP_ID}, {@code web}
   * for the filter's {@link ConfigKeys#PLATFORM}.
   */
  public <T> TrackerConfig withDefault(ConfigKey<T> key, T value) {
    Map<String, Object> more = new HashMap<>(defaults);
    more.put(key.name(), Checks.requireNonNull(value, "value"));
    return new TrackerConfig(source, Map.copyOf(more));
  }

  public ConfigSource source() {
    return source;
  }

  /** The raw value of a key by name, trimmed; null when absent or blank. */
  public String raw(String name) {
    String value = source.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** Whether the key has a value here (not its default). */
  public boolean has(ConfigKey<?> key) {
    return raw(key.name()) != null;
  }

  /** The configured value, if there is one; its default does not count. */
  public <T> Optional<T> find(ConfigKey<T> key) {
    String value = raw(key.name());
    return value == null ? Optional.empty() : Optional.of(key.parse(value));
  }

  /**
   * The configured value, else the key's default (null for a key without one).
   *
   * @throws ConfigurationException naming the key and the value if the value is bad, or if the key
   *     is required and has none
   */
  public <T> T get(ConfigKey<T> key) {
    String text = raw(key.name());
    if (text != null) {
      return key.parse(text);
    }
    if (defaults.containsKey(key.name())) {
      @SuppressWarnings("unchecked") // withDefault took a T for this key
      T value = (T) defaults.get(key.name());
      return value;
    }
    if (key.isRequired()) {
      throw new ConfigurationException(key.name(), "is required");
    }
    return key.defaultValue();
  }

  /** Whether tracking is on ({@link ConfigKeys#ENABLED}). */
  public boolean enabled() {
    return get(ConfigKeys.ENABLED);
  }

  /** The collector URI; required. */
  public URI collectorUri() {
    return get(ConfigKeys.COLLECTOR_URI);
  }

  /**
   * The anonymisation for events nothing else decides ({@link ConfigKeys#DEFAULT_LEVEL}).
   *
   * @throws ConfigurationException also if {@code snowplow.default-server-anonymisation}, which
   *     {@code +server} in the level replaced, is set: read silently it would change what is sent
   */
  public Anonymisation defaultAnonymisation() {
    if (raw(REPLACED_SERVER_FLAG) != null) {
      throw new ConfigurationException(
          REPLACED_SERVER_FLAG,
          "is no longer read: write the level with or without +server in "
              + ConfigKeys.DEFAULT_LEVEL.name()
              + ", such as anonymous+server, was '"
              + raw(REPLACED_SERVER_FLAG)
              + "'");
    }
    return get(ConfigKeys.DEFAULT_LEVEL);
  }

  /** Tracker settings from the configuration. */
  public TrackerSettings trackerSettings() {
    Platform platform = get(ConfigKeys.PLATFORM);
    String appId = get(ConfigKeys.APP_ID);
    String namespace = get(ConfigKeys.NAMESPACE);
    boolean base64 = get(ConfigKeys.BASE64);
    boolean clientSessionEntity = get(ConfigKeys.CLIENT_SESSION_ENTITY);
    Gdpr gdpr = gdpr();
    try {
      return TrackerSettings.builder()
          .appId(appId)
          .namespace(namespace)
          .platform(platform)
          .base64(base64)
          .clientSessionEntity(clientSessionEntity)
          .gdpr(gdpr)
          .build();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(ConfigKeys.APP_ID.name(), e.getMessage());
    }
  }

  /**
   * The GDPR entity the {@code snowplow.gdpr.*} keys describe, or null when none is configured. The
   * document keys need the basis.
   */
  public Gdpr gdpr() {
    String id = find(ConfigKeys.GDPR_DOCUMENT_ID).orElse(null);
    String version = find(ConfigKeys.GDPR_DOCUMENT_VERSION).orElse(null);
    String description = find(ConfigKeys.GDPR_DOCUMENT_DESCRIPTION).orElse(null);
    Optional<BasisForProcessing> basis = find(ConfigKeys.GDPR_BASIS_FOR_PROCESSING);
    if (basis.isPresent()) {
      return new Gdpr(basis.get(), id, version, description);
    }
    for (ConfigKey<String> key :
        List.of(
            ConfigKeys.GDPR_DOCUMENT_ID,
            ConfigKeys.GDPR_DOCUMENT_VERSION,
            ConfigKeys.GDPR_DOCUMENT_DESCRIPTION)) {
      if (has(key)) {
        throw new ConfigurationException(
            ConfigKeys.GDPR_BASIS_FOR_PROCESSING.name(), "is required when " + key + " is set");
      }
    }
    return null;
  }

  /** An emitter builder for the collector, with every {@code snowplow.emitter.*} key applied. */
  public Emitter.Builder emitterBuilder() {
    return emitterBuilder(get(ConfigKeys.NAMESPACE));
  }

  /**
   * An emitter builder for the collector, with every {@code snowplow.emitter.*} key applied; with
   * {@code snowplow.emitter.spool-dir} set, its spool in the sub-directory {@code spoolName}, which
   * no other tracker may use. The directory is created and checked for writing here. {@code
   * spoolName} is the emitter's name too.
   */
  public Emitter.Builder emitterBuilder(String spoolName) {
    Emitter.Builder builder = Emitter.builder(collectorUri()).name(spoolName);
    if (has(ConfigKeys.EMITTER_SPOOL_DIR)) {
      builder.spool(spoolDirectory(spoolName));
      apply(ConfigKeys.EMITTER_SPOOL_FSYNC, builder::spoolFsync);
      apply(ConfigKeys.EMITTER_SPOOL_FSYNC_INTERVAL, builder::spoolFsyncInterval);
      apply(ConfigKeys.EMITTER_SPOOL_MAX_BYTES, builder::spoolMaxBytes);
      apply(ConfigKeys.EMITTER_SPOOL_REQUIRED, builder::spoolRequired);
    }
    apply(ConfigKeys.EMITTER_METHOD, builder::method);
    apply(ConfigKeys.EMITTER_POST_PATH, builder::postPath);
    apply(ConfigKeys.EMITTER_BATCH_SIZE, builder::batchSize);
    apply(ConfigKeys.EMITTER_MAX_BATCH_BYTES, builder::maxBatchBytes);
    apply(ConfigKeys.EMITTER_FLUSH_INTERVAL, builder::flushInterval);
    apply(ConfigKeys.EMITTER_QUEUE_CAPACITY, builder::queueCapacity);
    apply(ConfigKeys.EMITTER_MAX_QUEUE_BYTES, builder::maxQueueBytes);
    apply(ConfigKeys.EMITTER_OVERFLOW, builder::overflowPolicy);
    apply(ConfigKeys.EMITTER_CONNECT_TIMEOUT, builder::connectTimeout);
    apply(ConfigKeys.EMITTER_RESPONSE_TIMEOUT, builder::responseTimeout);
    apply(ConfigKeys.EMITTER_MAX_REQUESTS_IN_FLIGHT, builder::maxRequestsInFlight);
    apply(
        ConfigKeys.EMITTER_PROXY,
        proxy -> {
          if (proxy != null) {
            builder.proxy(proxy);
          }
        });
    return builder;
  }

  /**
   * What the emitter {@link #emitterBuilder(String)} builds does, in words for a start-up log line:
   * the collector, namespace and app id, method, proxy and spool, such as {@code collector
   * https://collector.example.com, namespace default, app id shop, POST, spool off}. Never a
   * secret: user info, query and fragment of a URI are left out.
   */
  public String summary(String spoolName) {
    StringBuilder line =
        new StringBuilder("collector ")
            .append(withoutSecrets(collectorUri()))
            .append(", namespace ")
            .append(get(ConfigKeys.NAMESPACE))
            .append(", app id ")
            .append(get(ConfigKeys.APP_ID))
            .append(", ")
            .append(get(ConfigKeys.EMITTER_METHOD));
    find(ConfigKeys.EMITTER_PROXY)
        .ifPresent(proxy -> line.append(", proxy ").append(withoutSecrets(proxy)));
    if (has(ConfigKeys.EMITTER_SPOOL_DIR)) {
      line.append(", spool ")
          .append(spoolPath(spoolName))
          .append(" (fsync ")
          .append(ConfigKey.format(get(ConfigKeys.EMITTER_SPOOL_FSYNC)))
          .append(')');
    } else {
      line.append(", spool off");
    }
    return line.toString();
  }

  /** Scheme, host, port and path: no user info, query or fragment. */
  static String withoutSecrets(URI uri) {
    String text = uri.getScheme() + "://" + uri.getHost();
    if (uri.getPort() >= 0) {
      text += ":" + uri.getPort();
    }
    String path = uri.getRawPath();
    return path == null || path.isEmpty() || "/".equals(path) ? text : text + path;
  }

  private Path spoolPath(String spoolName) {
    String value = get(ConfigKeys.EMITTER_SPOOL_DIR);
    try {
      return Path.of(value).toAbsolutePath().resolve(spoolName.replaceAll("[^A-Za-z0-9._-]", "_"));
    } catch (InvalidPathException e) {
      throw new ConfigurationException(
          ConfigKeys.EMITTER_SPOOL_DIR.name(), "expected a directory, was '" + value + "'");
    }
  }

  private Path spoolDirectory(String spoolName) {
    String key = ConfigKeys.EMITTER_SPOOL_DIR.name();
    Path directory = spoolPath(spoolName);
    try {
      Files.createDirectories(directory);
      Files.delete(Files.createTempFile(directory, ".write-check", ".tmp"));
    } catch (IOException | SecurityException e) {
      if (get(ConfigKeys.EMITTER_SPOOL_REQUIRED)) {
        throw new ConfigurationException(
            key, "cannot create or write the directory '" + directory + "': " + e);
      }
      // The emitter finds the same, logs it and keeps events in memory.
    }
    return directory;
  }

  /** How long closing waits for queued events to be delivered. */
  public Duration closeTimeout() {
    return get(ConfigKeys.EMITTER_CLOSE_TIMEOUT);
  }

  /**
   * Hands the key's value (configured, else its default) to a setter that validates it; what the
   * setter rejects fails naming the key and the value.
   */
  public <T> void apply(ConfigKey<T> key, Consumer<? super T> setter) {
    T value = get(key);
    try {
      setter.accept(value);
    } catch (ConfigurationException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          key.name(), e.getMessage() + " (was '" + (has(key) ? raw(key.name()) : value) + "')");
    }
  }
}
