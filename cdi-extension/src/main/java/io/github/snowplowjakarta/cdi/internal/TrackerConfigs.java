package io.github.snowplowjakarta.cdi.internal;

import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.ConfigSource;
import io.github.snowplowjakarta.core.config.ConfigurationException;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where CDI trackers find their configuration: MicroProfile Config when the application has it,
 * otherwise system properties and environment variables; then, in both cases, every {@code
 * META-INF/snowplow-tracker.properties} on the class path. The same keys as the servlet filter. Not
 * API.
 */
public final class TrackerConfigs {
  static final String PROPERTIES = "META-INF/snowplow-tracker.properties";

  private TrackerConfigs() {}

  /** The configuration of the tracker with this name ("" for the default tracker). */
  public static TrackerConfig forNamespace(String namespace) {
    return forNamespace(namespace, defaultSource());
  }

  static TrackerConfig forNamespace(String namespace, ConfigSource source) {
    if (namespace.isEmpty()) {
      return new TrackerConfig(source);
    }
    String prefix = "snowplow." + namespace + ".";
    return new TrackerConfig(
        key -> {
          if (key.equals(ConfigKeys.NAMESPACE)) {
            String own = source.get(prefix + "namespace");
            return own != null ? own : namespace;
          }
          String own = key.startsWith("snowplow.") ? source.get(prefix + key.substring(9)) : null;
          return own != null ? own : source.get(key);
        });
  }

  /** Builds nothing, but checks every value the tracker will need. */
  public static void validate(String namespace) {
    if (!namespace.isEmpty() && !namespace.matches("[A-Za-z0-9_-]+")) {
      throw new ConfigurationException(
          "@TrackerNamespace", "expected letters, digits, - or _, was '" + namespace + "'");
    }
    TrackerConfig config = forNamespace(namespace);
    config.collectorUri();
    config.trackerSettings("app", Platform.SERVER);
    config.defaultAnonymisation();
    config.emitterBuilder();
    config.closeTimeout();
  }

  static ConfigSource defaultSource() {
    ConfigSource microProfile = MicroProfileConfig.sourceIfPresent();
    if (microProfile != null) {
      return ConfigSource.firstOf(microProfile, propertiesFiles());
    }
    return ConfigSource.firstOf(
        ConfigSource.systemProperties(), ConfigSource.environment(), propertiesFiles());
  }

  /** Every {@code META-INF/snowplow-tracker.properties} the application's class loader sees. */
  static ConfigSource propertiesFiles() {
    Map<String, String> values = new HashMap<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = TrackerConfigs.class.getClassLoader();
    }
    try {
      Enumeration<URL> files = loader.getResources(PROPERTIES);
      while (files.hasMoreElements()) {
        Properties properties = new Properties();
        try (InputStream in = files.nextElement().openStream()) {
          properties.load(in);
        }
        properties
            .stringPropertyNames()
            .forEach(name -> values.putIfAbsent(name, properties.getProperty(name)));
      }
    } catch (IOException e) {
      throw new ConfigurationException(PROPERTIES, "cannot be read: " + e.getMessage());
    }
    return ConfigSource.of(values);
  }
}
