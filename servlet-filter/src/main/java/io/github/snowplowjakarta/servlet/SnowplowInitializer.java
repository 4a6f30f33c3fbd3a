package io.github.snowplowjakarta.servlet;

import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.servlet.internal.WebAppConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * Zero-code registration: when this jar is in {@code WEB-INF/lib}, registers the {@link
 * SnowplowFilter} on {@code /*}, unless the application registered one itself or set {@code
 * snowplow.auto-register} or {@code snowplow.enabled} to false. It tracks with the collector URI
 * configured anywhere but a filter init-param (see {@link ConfigKeys}); finding none, it tracks
 * nothing and says so once, at WARNING.
 *
 * <p>Initializers run before the application's listeners, so an application that registers its own
 * filter in a listener does so after this one: the filter registered here then stands down when it
 * starts. It is registered under {@link #FILTER_NAME}, not {@code snowplow}, so that the
 * application's {@code addFilter("snowplow", …)} gets its registration rather than null.
 */
public final class SnowplowInitializer implements ServletContainerInitializer {
  /** Made by the container, which finds this class through its service registration. */
  public SnowplowInitializer() {}

  /** The name of the filter registered here. */
  public static final String FILTER_NAME = "snowplow-auto-registered";

  /** Marks the registration made here, so the filter stands down if the application has its own. */
  static final String AUTO_REGISTERED = "io.github.snowplowjakarta.servlet.auto-registered";

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    TrackerConfig config = WebAppConfig.of(null, context);
    if (!config.get(ConfigKeys.AUTO_REGISTER) || !config.enabled() || alreadyRegistered(context)) {
      return;
    }
    FilterRegistration.Dynamic registration = context.addFilter(FILTER_NAME, SnowplowFilter.class);
    if (registration != null) {
      registration.setAsyncSupported(true);
      registration.setInitParameter(AUTO_REGISTERED, "true");
      registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }
  }

  /** Whether a {@link SnowplowFilter} other than the one registered here is registered. */
  static boolean alreadyRegistered(ServletContext context) {
    for (FilterRegistration registration : context.getFilterRegistrations().values()) {
      String className = registration.getClassName();
      if ("true".equals(registration.getInitParameter(AUTO_REGISTERED))) {
        continue;
      }
      if (className == null) {
        continue;
      }
      if (className.equals(SnowplowFilter.class.getName())) {
        return true;
      }
      ClassLoader loader = context.getClassLoader();
      try {
        Class<?> type =
            Class.forName(
                className, false, loader != null ? loader : SnowplowFilter.class.getClassLoader());
        if (SnowplowFilter.class.isAssignableFrom(type)) {
          return true;
        }
      } catch (ClassNotFoundException | LinkageError e) {
        // Not ours.
      }
    }
    return false;
  }
}
