package io.github.snowplowjakarta.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where configuration values come from: one lookup by key, null when absent. Servlet init-params,
 * MicroProfile Config, system properties, the environment and the properties file are all one of
 * these, so every key works the same everywhere.
 */
@FunctionalInterface
public interface ConfigSource {
  /** The properties file every integration reads last, from the application's class path. */
  String PROPERTIES_FILE = "META-INF/snowplow-tracker.properties";

  /** The value for {@code key}, or null when this source does not have it. */
  String get(String key);

  /** The first source that has a value wins; null sources are skipped. */
  static ConfigSource firstOf(ConfigSource... sources) {
    ConfigSource[] copy =
        java.util.Arrays.stream(sources)
            .filter(java.util.Objects::nonNull)
            .toArray(ConfigSource[]::new);
    return key -> {
      for (ConfigSource source : copy) {
        String value = source.get(key);
        if (value != null) {
          return value;
        }
      }
      return null;
    };
  }

  static ConfigSource of(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return copy::get;
  }

  /**
   * What every integration reads after its own servlet parameters, in this order: MicroProfile
   * Config (when the application has it), system properties, environment variables, then every
   * {@value #PROPERTIES_FILE} the class loader sees.
   *
   * @param loader the application's class loader
   */
  static ConfigSource standard(ClassLoader loader) {
    return firstOf(
        MicroProfileConfigSource.ifPresent(loader),
        systemProperties(),
        environment(),
        propertiesFiles(loader));
  }

  static ConfigSource systemProperties() {
    return System::getProperty;
  }

  /**
   * Environment variables, found as MicroProfile Config finds them: {@code snowplow.collector-uri}
   * exactly, else {@code snowplow_collector_uri}, else {@code SNOWPLOW_COLLECTOR_URI}.
   */
  static ConfigSource environment() {
    return environment(System.getenv());
  }

  static ConfigSource environment(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(variables);
    return key -> {
      String value = copy.get(key);
      if (value == null) {
        String underscored = key.replaceAll("[^A-Za-z0-9]", "_");
        value = copy.get(underscored);
        if (value == null) {
          value = copy.get(underscored.toUpperCase(Locale.ROOT));
        }
      }
      return value;
    };
  }

  /** {@code snowplow.collector-uri} → {@code SNOWPLOW_COLLECTOR_URI}. */
  static String environmentName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  /**
   * Every {@value #PROPERTIES_FILE} this class loader sees, read now; where two set a key, the
   * first found wins.
   */
  static ConfigSource propertiesFiles(ClassLoader loader) {
    Map<String, String> values = new HashMap<>();
    try {
      Enumeration<URL> files = loader.getResources(PROPERTIES_FILE);
      while (files.hasMoreElements()) {
        URL file = files.nextElement();
        Properties properties = new Properties();
        try (InputStream in = file.openStream()) {
          properties.load(in);
        }
        properties
            .stringPropertyNames()
            .forEach(name -> values.putIfAbsent(name, properties.getProperty(name)));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigurationException(PROPERTIES_FILE, "cannot be read: " + e.getMessage());
    }
    return of(values);
  }
}
