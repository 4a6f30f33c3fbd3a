package io.github.snowplowjakarta.cdi.internal;

import io.github.snowplowjakarta.core.config.ConfigSource;

/** MicroProfile Config as a {@link ConfigSource}, if the application has it. Not API. */
final class MicroProfileConfig {
  private MicroProfileConfig() {}

  static ConfigSource sourceIfPresent() {
    try {
      Class.forName(
          "org.eclipse.microprofile.config.ConfigProvider",
          false,
          MicroProfileConfig.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError absent) {
      return null;
    }
    return Reader.source();
  }

  /** Loaded only when the API is there. */
  private static final class Reader {
    static ConfigSource source() {
      org.eclipse.microprofile.config.Config config =
          org.eclipse.microprofile.config.ConfigProvider.getConfig();
      return key -> config.getOptionalValue(key, String.class).orElse(null);
    }
  }
}
