package io.github.snowplowjakarta.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.TrackerSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrackerConfigTest {
  private static TrackerConfig config(String... keysAndValues) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new TrackerConfig(ConfigSource.of(values));
  }

  @Test
  void environmentVariablesAreNamedAsMicroProfileConfigNamesThem() {
    ConfigSource env =
        ConfigSource.environment(Map.of("SNOWPLOW_COLLECTOR_URI", "http://c.example"));

    assertThat(env.get(ConfigKeys.COLLECTOR_URI)).isEqualTo("http://c.example");
    assertThat(ConfigSource.environmentName("snowplow.emitter.batch-size"))
        .isEqualTo("SNOWPLOW_EMITTER_BATCH_SIZE");
  }

  @Test
  void theFirstSourceWithAValueWins() {
    ConfigSource first = ConfigSource.of(Map.of("a", "1"));
    ConfigSource second = ConfigSource.of(Map.of("a", "2", "b", "3"));

    ConfigSource both = ConfigSource.firstOf(first, second);

    assertThat(both.get("a")).isEqualTo("1");
    assertThat(both.get("b")).isEqualTo("3");
    assertThat(both.get("c")).isNull();
  }

  @Test
  void defaultsArePrivacySafe() {
    TrackerConfig config = config(ConfigKeys.COLLECTOR_URI, "https://collector.example.com");

    assertThat(config.defaultAnonymisation()).isEqualTo(Anonymisation.ANONYMOUS_SERVER);
    TrackerSettings settings = config.trackerSettings("shop", Platform.WEB);
    assertThat(settings.appId()).isEqualTo("shop");
    assertThat(settings.platform()).isEqualTo(Platform.WEB);
    assertThat(config.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void typedValuesAreRead() {
    TrackerConfig config =
        config(
            ConfigKeys.DEFAULT_LEVEL, "anonymous-with-session",
            ConfigKeys.DEFAULT_SERVER_ANONYMISATION, "false",
            ConfigKeys.PLATFORM, "srv",
            ConfigKeys.APP_ID, "my-app",
            ConfigKeys.EMITTER_FLUSH_INTERVAL, "250ms",
            ConfigKeys.EMITTER_CLOSE_TIMEOUT, "PT2S",
            ConfigKeys.TRUSTED_PROXIES, " 10.0.0.1 , ,192.168.0.0/16 ");

    assertThat(config.defaultAnonymisation()).isEqualTo(Anonymisation.ANONYMOUS_WITH_SESSION);
    assertThat(config.trackerSettings("x", Platform.WEB).platform()).isEqualTo(Platform.SERVER);
    assertThat(config.trackerSettings("x", Platform.WEB).appId()).isEqualTo("my-app");
    assertThat(config.duration(ConfigKeys.EMITTER_FLUSH_INTERVAL, null))
        .isEqualTo(Duration.ofMillis(250));
    assertThat(config.closeTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.list(ConfigKeys.TRUSTED_PROXIES, List.of()))
        .containsExactly("10.0.0.1", "192.168.0.0/16");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "snowplow.collector-uri|ftp://x|snowplow.collector-uri: expected an http or https URI, was 'ftp://x'",
        "snowplow.collector-uri|http://exa mple|snowplow.collector-uri: expected an http or https URI, was 'http://exa mple'",
        "snowplow.emitter.batch-size|ten|snowplow.emitter.batch-size: expected a positive whole number, was 'ten'",
        "snowplow.emitter.batch-size|-3|snowplow.emitter.batch-size: expected a positive whole number, was '-3'",
        "snowplow.emitter.flush-interval|soon|snowplow.emitter.flush-interval: expected a positive duration such as 500ms, 5s or PT5S, was 'soon'",
        "snowplow.emitter.flush-interval|99999999999999999999s|snowplow.emitter.flush-interval: expected a positive duration such as 500ms, 5s or PT5S, was '99999999999999999999s'",
        "snowplow.emitter.flush-interval|9999999999999999h|snowplow.emitter.flush-interval: expected a positive duration such as 500ms, 5s or PT5S, was '9999999999999999h'",
        "snowplow.emitter.overflow|drop-all|snowplow.emitter.overflow: expected one of drop-newest, drop-oldest, was 'drop-all'",
        "snowplow.emitter.max-batch-bytes|5000000|snowplow.emitter.max-batch-bytes: maxBatchBytes must be at most 900000",
        "snowplow.emitter.post-path|tp2|snowplow.emitter.post-path: postPath must start with '/', was 'tp2'",
        "snowplow.default-level|everything|snowplow.default-level: expected one of full, anonymous-with-session, anonymous, off, was 'everything'",
        "snowplow.default-server-anonymisation|maybe|snowplow.default-server-anonymisation: expected true or false, was 'maybe'",
        "snowplow.platform|server|snowplow.platform: platform must be one of web, mob, pc, srv, app, tv, cnsl, iot, was 'server'"
      })
  void aBadValueFailsNamingTheKeyAndTheValue(String key, String value, String message) {
    TrackerConfig config = config(ConfigKeys.COLLECTOR_URI, "http://127.0.0.1:9", key, value);

    assertThatThrownBy(
            () -> {
              config.defaultAnonymisation();
              config.trackerSettings("app", Platform.WEB);
              config.emitterBuilder();
            })
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(((ConfigurationException) e).key()).isEqualTo(key));
  }

  @Test
  void theCollectorUriIsRequired() {
    assertThatThrownBy(() -> config().collectorUri())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("snowplow.collector-uri: is required");
  }
}
