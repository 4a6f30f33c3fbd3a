package io.github.snowplowjakarta.core.config;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.internal.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
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

  /** The anonymisation for events nothing else decides: a level plus the server flag. */
  public Anonymisation defaultAnonymisation() {
    return new Anonymisation(
        get(ConfigKeys.DEFAULT_LEVEL), get(ConfigKeys.DEFAULT_SERVER_ANONYMISATION));
  }

  /** Tracker settings from the configuration. */
  public TrackerSettings trackerSettings() {
    Platform platform = get(ConfigKeys.PLATFORM);
    String appId = get(ConfigKeys.APP_ID);
    String namespace = get(ConfigKeys.NAMESPACE);
    boolean base64 = get(ConfigKeys.BASE64);
    boolean clientSessionEntity = get(ConfigKeys.CLIENT_SESSION_ENTITY);
    try {
      return TrackerSettings.builder()
          .appId(appId)
          .namespace(namespace)
          .platform(platform)
          .base64(base64)
          .clientSessionEntity(clientSessionEntity)
          .build();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(ConfigKeys.APP_ID.name(), e.getMessage());
    }
  }

  /** An emitter builder for the collector, with every {@code snowplow.emitter.*} key applied. */
  public Emitter.Builder emitterBuilder() {
    Emitter.Builder builder = Emitter.builder(collectorUri());
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
    return builder;
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
