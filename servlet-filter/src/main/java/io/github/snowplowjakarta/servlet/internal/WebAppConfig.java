package io.github.snowplowjakarta.servlet.internal;

import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.ConfigSource;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;

/**
 * The configuration of a web application's trackers, the filter's and the CDI ones alike: filter
 * init-params (for the filter), context-params, then {@link ConfigSource#standard}; the app id
 * defaults to the context path. Not API.
 */
public final class WebAppConfig {
  private WebAppConfig() {}

  /**
   * @param filter the filter's configuration, or null for trackers that are not the filter's
   */
  public static TrackerConfig of(FilterConfig filter, ServletContext context) {
    return new TrackerConfig(source(filter, context))
        .withDefault(ConfigKeys.APP_ID, defaultAppId(context));
  }

  /** The sources in order, without the defaults. */
  public static ConfigSource source(FilterConfig filter, ServletContext context) {
    return ConfigSource.firstOf(
        filter == null ? null : filter::getInitParameter,
        context::getInitParameter,
        ConfigSource.standard(classLoader(context)));
  }

  /** The context path without its {@code /}; at the root, the display name, else {@code app}. */
  public static String defaultAppId(ServletContext context) {
    String path = context.getContextPath();
    if (path != null && path.length() > 1) {
      return path.substring(1);
    }
    String name = context.getServletContextName();
    return name != null && !name.isBlank() ? name.trim() : ConfigKeys.APP_ID.defaultValue();
  }

  private static ClassLoader classLoader(ServletContext context) {
    ClassLoader loader = null;
    try {
      loader = context.getClassLoader();
    } catch (RuntimeException e) {
      // A context handed to a listener the application did not declare may refuse: use the
      // thread's.
    }
    if (loader == null) {
      loader = Thread.currentThread().getContextClassLoader();
    }
    return loader != null ? loader : WebAppConfig.class.getClassLoader();
  }
}
