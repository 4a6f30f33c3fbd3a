package io.github.snowplowjakarta.spring;

import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.ConfigSource;
import io.github.snowplowjakarta.core.config.ConfigurationException;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Spring's {@code Environment} as a {@link ConfigSource}, with Spring Boot's relaxed names ({@code
 * SNOWPLOW_COLLECTOR_URI}, {@code snowplow.collectorUri}) and YAML lists; then, as everywhere,
 * {@code META-INF/snowplow-tracker.properties}.
 */
final class SpringConfigSource implements ConfigSource {
  private static final String APPLICATION_NAME = "spring.application.name";

  private final Environment environment;
  private final Binder binder;

  private SpringConfigSource(Environment environment) {
    this.environment = environment;
    this.binder = Binder.get(environment);
  }

  /** Spring's {@code Environment}, then every properties file the class loader sees. */
  static ConfigSource of(Environment environment, ClassLoader loader) {
    return ConfigSource.firstOf(
        new SpringConfigSource(environment), ConfigSource.propertiesFiles(loader));
  }

  /** The application's name ({@code spring.application.name}), the default app id; or null. */
  static String applicationName(Environment environment) {
    String name = environment.getProperty(APPLICATION_NAME);
    return name == null || name.isBlank() ? null : name.trim();
  }

  @Override
  public String get(String key) {
    if (!ConfigurationPropertyName.isValid(key)) {
      // Not a name Spring Boot can relax, such as a namespace with capitals: as written.
      return environment.getProperty(key);
    }
    ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
    String value = binder.bind(name, Bindable.of(String.class)).orElse(null);
    if (value == null) {
      // A YAML list, or snowplow.x[0]=a: the comma-separated text the key reads.
      value =
          binder
              .bind(name, Bindable.listOf(String.class))
              .map(items -> String.join(",", items))
              .orElse(null);
    }
    return value;
  }

  /** Fails naming the key and where Spring looked, unless tracking is off or it has a value. */
  static void requireCollector(TrackerConfig config, Environment environment) {
    if (!config.enabled() || config.has(ConfigKeys.COLLECTOR_URI)) {
      return;
    }
    List<String> looked = new ArrayList<>();
    if (environment instanceof ConfigurableEnvironment configurable) {
      for (PropertySource<?> source : configurable.getPropertySources()) {
        looked.add(source.getName());
      }
    }
    looked.add("classpath*:" + ConfigSource.PROPERTIES_FILE);
    throw new ConfigurationException(
        ConfigKeys.COLLECTOR_URI.name(),
        "is required (looked in Spring's Environment as "
            + ConfigKeys.COLLECTOR_URI.name()
            + " or "
            + ConfigSource.environmentName(ConfigKeys.COLLECTOR_URI.name())
            + ", in "
            + String.join(", ", looked)
            + "); set it, or "
            + ConfigKeys.ENABLED.name()
            + "=false to run without tracking");
  }
}
