package io.github.snowplowjakarta.cdi.internal;

import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.ConfigSource;
import io.github.snowplowjakarta.core.config.ConfigurationException;
import io.github.snowplowjakarta.core.config.TrackerConfig;

/**
 * Where CDI trackers find their configuration: the same chain as the servlet filter's (see {@link
 * ConfigKeys}), without the filter's init-params; a {@code @TrackerNamespace("x")} tracker reads
 * {@code snowplow.x.*} first. Not API.
 */
public final class TrackerConfigs {
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
    String namespaceKey = ConfigKeys.NAMESPACE.name();
    ConfigSource own =
        key -> {
          String value = key.startsWith("snowplow.") ? source.get(prefix + key.substring(9)) : null;
          // The default tracker's tna is not this one's: without its own, its name.
          return value != null || key.equals(namespaceKey) ? value : source.get(key);
        };
    return new TrackerConfig(own).withDefault(ConfigKeys.NAMESPACE, namespace);
  }

  /** Builds nothing, but checks every value the tracker will need. */
  public static void validate(String namespace) {
    if (!namespace.isEmpty() && !namespace.matches("[A-Za-z0-9_-]+")) {
      throw new ConfigurationException(
          "@TrackerNamespace", "expected letters, digits, - or _, was '" + namespace + "'");
    }
    TrackerConfig config = forNamespace(namespace);
    config.collectorUri();
    config.trackerSettings();
    config.defaultAnonymisation();
    config.emitterBuilder(spoolName(namespace));
    config.closeTimeout();
  }

  /**
   * The spool sub-directory of the tracker with this name: {@code cdi} for the default one, {@code
   * cdi-x} for {@code @TrackerNamespace("x")}, so none shares the servlet filter's.
   */
  public static String spoolName(String namespace) {
    return namespace.isEmpty() ? "cdi" : "cdi-" + namespace;
  }

  static ConfigSource defaultSource() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return ConfigSource.standard(loader != null ? loader : TrackerConfigs.class.getClassLoader());
  }
}
