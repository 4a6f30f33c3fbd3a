package io.github.snowplowjakarta.spring.internal;

import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.ConfigSource;
import io.github.snowplowjakarta.core.config.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Start-up failing on a {@code snowplow.*} key, told as Spring Boot tells its own. Public for
 * Spring's factories loader only; not API.
 */
public final class ConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<ConfigurationException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
    return new FailureAnalysis(
        "The Snowplow tracker's configuration is wrong: " + cause.getMessage(),
        "Set "
            + cause.key()
            + " in application.properties or .yaml, a profile, or the environment ("
            + ConfigSource.environmentName(cause.key())
            + "); or set "
            + ConfigKeys.ENABLED.name()
            + "=false to run without tracking.",
        cause);
  }
}
