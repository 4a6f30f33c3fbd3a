package io.github.snowplowjakarta.core.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * MicroProfile Config as a {@link ConfigSource}, when the application has it. Reached by reflection
 * so that core needs no MicroProfile dependency: the API's two calls used here have been stable
 * since MicroProfile Config 1.0.
 */
final class MicroProfileConfigSource {
  private MicroProfileConfigSource() {}

  /**
   * The application's MicroProfile Config, or null if it has none (no API, or no implementation).
   */
  static ConfigSource ifPresent(ClassLoader loader) {
    Object config;
    Method getOptionalValue;
    try {
      Class<?> provider =
          Class.forName("org.eclipse.microprofile.config.ConfigProvider", true, loader);
      Class<?> type = Class.forName("org.eclipse.microprofile.config.Config", false, loader);
      config = provider.getMethod("getConfig", ClassLoader.class).invoke(null, loader);
      getOptionalValue = type.getMethod("getOptionalValue", String.class, Class.class);
    } catch (LinkageError | ReflectiveOperationException absent) {
      // No API, or an API without an implementation (getConfig throws): no MicroProfile Config.
      return null;
    }
    return key -> {
      try {
        Optional<?> value = (Optional<?>) getOptionalValue.invoke(config, key, String.class);
        return value.map(String.class::cast).orElse(null);
      } catch (InvocationTargetException e) {
        throw new ConfigurationException(
            key, "MicroProfile Config cannot read it: " + e.getCause().getMessage());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    };
  }
}
