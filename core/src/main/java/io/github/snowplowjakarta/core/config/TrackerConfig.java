package io.github.snowplowjakarta.core.config;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.emitter.OverflowPolicy;
import io.github.snowplowjakarta.core.emitter.RequestMethod;
import io.github.snowplowjakarta.core.event.BasisForProcessing;
import io.github.snowplowjakarta.core.event.Gdpr;
import io.github.snowplowjakarta.core.internal.Checks;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one configuration model: typed, validated values over a {@link ConfigSource}, each with its
 * default. Every integration (servlet filter, CDI extension) reads its settings here, so a key
 * means the same wherever it is set. A bad value fails with a {@link ConfigurationException} naming
 * the key and the value.
 */
public final class TrackerConfig {
  private static final Pattern DURATION = Pattern.compile("^(\\d+)\\s*(ms|s|m|h)$");

  private final ConfigSource source;

  public TrackerConfig(ConfigSource source) {
    this.source = source;
  }

  public ConfigSource source() {
    return source;
  }

  /** The raw value, trimmed; null when absent or blank. */
  public String raw(String key) {
    String value = source.get(key);
    return value == null || value.isBlank() ? null : value.trim();
  }

  public boolean has(String key) {
    return raw(key) != null;
  }

  public String string(String key, String defaultValue) {
    String value = raw(key);
    return value != null ? value : defaultValue;
  }

  public boolean bool(String key, boolean defaultValue) {
    String value = raw(key);
    if (value == null) {
      return defaultValue;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "on":
        return true;
      case "false":
      case "no":
      case "off":
        return false;
      default:
        throw new ConfigurationException(key, "expected true or false, was '" + value + "'");
    }
  }

  public int positiveInt(String key, int defaultValue) {
    String value = raw(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      int number = Integer.parseInt(value);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigurationException(key, "expected a positive whole number, was '" + value + "'");
  }

  public long positiveLong(String key, long defaultValue) {
    String value = raw(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      long number = Long.parseLong(value);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigurationException(key, "expected a positive whole number, was '" + value + "'");
  }

  /** A duration such as {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or {@code PT5S}. */
  public Duration duration(String key, Duration defaultValue) {
    String value = raw(key);
    if (value == null) {
      return defaultValue;
    }
    Matcher matcher = DURATION.matcher(value.toLowerCase(Locale.ROOT));
    Duration duration;
    try {
      duration = parseDuration(value, matcher);
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      duration = null;
    }
    if (duration == null || duration.isZero() || duration.isNegative()) {
      throw new ConfigurationException(
          key, "expected a positive duration such as 500ms, 5s or PT5S, was '" + value + "'");
    }
    return duration;
  }

  private static Duration parseDuration(String value, Matcher matcher) {
    Duration duration;
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      switch (matcher.group(2)) {
        case "ms":
          duration = Duration.ofMillis(amount);
          break;
        case "s":
          duration = Duration.ofSeconds(amount);
          break;
        case "m":
          duration = Duration.ofMinutes(amount);
          break;
        default:
          duration = Duration.ofHours(amount);
      }
    } else {
      duration = Duration.parse(value);
    }
    return duration;
  }

  /** A comma-separated list, trimmed, without empty items. */
  public List<String> list(String key, List<String> defaultValue) {
    String value = raw(key);
    if (value == null) {
      return defaultValue;
    }
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return List.copyOf(items);
  }

  public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
    String value = raw(key);
    if (value == null) {
      return defaultValue;
    }
    String name = value.toUpperCase(Locale.ROOT).replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(name)) {
        return constant;
      }
    }
    throw new ConfigurationException(
        key,
        "expected one of "
            + Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .reduce((a, b) -> a + ", " + b)
                .orElse("")
            + ", was '"
            + value
            + "'");
  }

  /** The collector URI; required. */
  public URI collectorUri() {
    String value = raw(ConfigKeys.COLLECTOR_URI);
    if (value == null) {
      throw new ConfigurationException(ConfigKeys.COLLECTOR_URI, "is required");
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new ConfigurationException(
        ConfigKeys.COLLECTOR_URI, "expected an http or https URI, was '" + value + "'");
  }

  /** The anonymisation for events nothing else decides: a level plus the server flag. */
  public Anonymisation defaultAnonymisation() {
    Anonymisation.Level level =
        enumValue(
            ConfigKeys.DEFAULT_LEVEL, Anonymisation.Level.class, Anonymisation.Level.ANONYMOUS);
    return new Anonymisation(level, bool(ConfigKeys.DEFAULT_SERVER_ANONYMISATION, true));
  }

  /** Tracker settings from the configuration, with these defaults for app id and platform. */
  public TrackerSettings trackerSettings(String defaultAppId, Platform defaultPlatform) {
    String platform = raw(ConfigKeys.PLATFORM);
    Platform chosen = defaultPlatform;
    if (platform != null) {
      try {
        chosen = Platform.fromCode(platform.toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(ConfigKeys.PLATFORM, e.getMessage());
      }
    }
    try {
      return TrackerSettings.builder()
          .appId(string(ConfigKeys.APP_ID, defaultAppId))
          .namespace(string(ConfigKeys.NAMESPACE, "default"))
          .platform(chosen)
          .base64(bool(ConfigKeys.BASE64, true))
          .clientSessionEntity(bool(ConfigKeys.CLIENT_SESSION_ENTITY, false))
          .gdpr(gdpr())
          .build();
    } catch (ConfigurationException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(ConfigKeys.APP_ID, e.getMessage());
    }
  }

  /**
   * The GDPR entity the {@code snowplow.gdpr.*} keys describe, or null when none is configured. The
   * document keys need the basis.
   */
  public Gdpr gdpr() {
    String basis = raw(ConfigKeys.GDPR_BASIS_FOR_PROCESSING);
    if (basis == null) {
      for (String key :
          List.of(
              ConfigKeys.GDPR_DOCUMENT_ID,
              ConfigKeys.GDPR_DOCUMENT_VERSION,
              ConfigKeys.GDPR_DOCUMENT_DESCRIPTION)) {
        if (has(key)) {
          throw new ConfigurationException(
              ConfigKeys.GDPR_BASIS_FOR_PROCESSING, "is required when " + key + " is set");
        }
      }
      return null;
    }
    BasisForProcessing basisForProcessing;
    try {
      basisForProcessing = BasisForProcessing.fromCode(basis);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(ConfigKeys.GDPR_BASIS_FOR_PROCESSING, e.getMessage());
    }
    String id = requireMaxLength(ConfigKeys.GDPR_DOCUMENT_ID, 255);
    String version = requireMaxLength(ConfigKeys.GDPR_DOCUMENT_VERSION, 16);
    String description = requireMaxLength(ConfigKeys.GDPR_DOCUMENT_DESCRIPTION, 4096);
    return new Gdpr(basisForProcessing, id, version, description);
  }

  private String requireMaxLength(String key, int max) {
    String value = raw(key);
    if (value != null && value.codePointCount(0, value.length()) > max) {
      throw new ConfigurationException(
          key,
          "expected at most "
              + max
              + " characters, was "
              + value.codePointCount(0, value.length())
              + " ('"
              + Checks.abbreviate(value)
              + "')");
    }
    return value;
  }

  /** An emitter builder for the collector, with every {@code snowplow.emitter.*} key applied. */
  public Emitter.Builder emitterBuilder() {
    Emitter.Builder builder = Emitter.builder(collectorUri());
    apply(
        ConfigKeys.EMITTER_METHOD,
        () ->
            builder.method(
                enumValue(ConfigKeys.EMITTER_METHOD, RequestMethod.class, RequestMethod.POST)));
    apply(ConfigKeys.EMITTER_POST_PATH, () -> builder.postPath(raw(ConfigKeys.EMITTER_POST_PATH)));
    apply(
        ConfigKeys.EMITTER_BATCH_SIZE,
        () -> builder.batchSize(positiveInt(ConfigKeys.EMITTER_BATCH_SIZE, 1)));
    apply(
        ConfigKeys.EMITTER_MAX_BATCH_BYTES,
        () -> builder.maxBatchBytes(positiveInt(ConfigKeys.EMITTER_MAX_BATCH_BYTES, 1)));
    apply(
        ConfigKeys.EMITTER_FLUSH_INTERVAL,
        () -> builder.flushInterval(duration(ConfigKeys.EMITTER_FLUSH_INTERVAL, null)));
    apply(
        ConfigKeys.EMITTER_QUEUE_CAPACITY,
        () -> builder.queueCapacity(positiveInt(ConfigKeys.EMITTER_QUEUE_CAPACITY, 1)));
    apply(
        ConfigKeys.EMITTER_MAX_QUEUE_BYTES,
        () -> builder.maxQueueBytes(positiveLong(ConfigKeys.EMITTER_MAX_QUEUE_BYTES, 1)));
    apply(
        ConfigKeys.EMITTER_OVERFLOW,
        () ->
            builder.overflowPolicy(
                enumValue(ConfigKeys.EMITTER_OVERFLOW, OverflowPolicy.class, null)));
    apply(
        ConfigKeys.EMITTER_CONNECT_TIMEOUT,
        () -> builder.connectTimeout(duration(ConfigKeys.EMITTER_CONNECT_TIMEOUT, null)));
    apply(
        ConfigKeys.EMITTER_RESPONSE_TIMEOUT,
        () -> builder.responseTimeout(duration(ConfigKeys.EMITTER_RESPONSE_TIMEOUT, null)));
    return builder;
  }

  /** How long closing waits for queued events to be delivered. */
  public Duration closeTimeout() {
    return duration(ConfigKeys.EMITTER_CLOSE_TIMEOUT, Duration.ofSeconds(5));
  }

  private void apply(String key, Runnable setter) {
    if (!has(key)) {
      return;
    }
    try {
      setter.run();
    } catch (ConfigurationException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(key, e.getMessage() + " (was '" + raw(key) + "')");
    }
  }
}
