package io.github.snowplowjakarta.cdi.internal;

import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.ConfigSource;
import io.github.snowplowjakarta.core.config.ConfigurationException;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.servlet.internal.WebAppConfig;
import jakarta.servlet.ServletContext;

/**
 * Where CDI trackers find their configuration: the servlet filter's chain (see {@link ConfigKeys})
 * without the filter's init-params. In a web application, once it has started, that includes its
 * context-params, and the app id defaults to its context path, as the filter's does. A
 * {@code @TrackerNamespace("x")} tracker reads {@code snowplow.x.*} first. Not API.
 */
public final class TrackerConfigs {
  private TrackerConfigs() {}

  /**
   * The configuration of the tracker with this name ("" for the default tracker).
   *
   * @param webApplication the application's {@code ServletContext} if it is a web application that
   *     has started, else null
   */
  public static TrackerConfig forNamespace(String namespace, Object webApplication) {
    if (webApplication == null) {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      return namespaced(
          namespace,
          ConfigSource.standard(loader != null ? loader : TrackerConfigs.class.getClassLoader()));
    }
    return Web.forNamespace(namespace, webApplication);
  }

  /** Loaded only in a web application, where the Servlet API is there. */
  private static final class Web {
    static TrackerConfig forNamespace(String namespace, Object webApplication) {
      ServletContext context = (ServletContext) webApplication;
      return TrackerConfigs.namespaced(namespace, WebAppConfig.source(null, context))
          .withDefault(ConfigKeys.APP_ID, WebAppConfig.defaultAppId(context));
    }
  }

  public static TrackerConfig namespaced(String namespace, ConfigSource source) {
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

  /**
   * Builds nothing, but checks every value the tracker will need.
   *
   * @param collectorRequired whether a missing collector URI is a problem yet: not while a web
   *     application's context-params may still supply it
   */
  public static void validate(String namespace, Object webApplication, boolean collectorRequired) {
    if (!namespace.isEmpty() && !namespace.matches("[A-Za-z0-9_-]+")) {
      throw new ConfigurationException(
          "@TrackerNamespace", "expected letters, digits, - or _, was '" + namespace + "'");
    }
    TrackerConfig config = forNamespace(namespace, webApplication);
    config.trackerSettings();
    config.defaultAnonymisation();
    config.get(ConfigKeys.HEALTH_FAIL_ON_OUTAGE);
    if (!config.enabled() || !collectorRequired && !config.has(ConfigKeys.COLLECTOR_URI)) {
      return;
    }
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
}
