package io.github.snowplowjakarta.core.config;

import java.util.Locale;
import java.util.Map;

/**
 * Where configuration values come from: one lookup by key, null when absent. Servlet init-params,
 * MicroProfile Config, system properties and the environment are all one of these, so every key
 * works the same everywhere.
 */
@FunctionalInterface
public interface ConfigSource {
  /** The value for {@code key}, or null when this source does not have it. */
  String get(String key);

  /** The first source that has a value wins. */
  static ConfigSource firstOf(ConfigSource... sources) {
    ConfigSource[] copy = sources.clone();
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

  static ConfigSource systemProperties() {
    return System::getProperty;
  }

  /**
   * Environment variables, named as MicroProfile Config names them: {@code snowplow.collector-uri}
   * is {@code SNOWPLOW_COLLECTOR_URI}.
   */
  static ConfigSource environment() {
    return environment(System.getenv());
  }

  static ConfigSource environment(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(variables);
    return key -> copy.get(environmentName(key));
  }

  /** {@code snowplow.collector-uri} → {@code SNOWPLOW_COLLECTOR_URI}. */
  static String environmentName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }
}
