package io.github.snowplowjakarta.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.emitter.OverflowPolicy;
import io.github.snowplowjakarta.core.event.BasisForProcessing;
import io.github.snowplowjakarta.core.event.Gdpr;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
        ConfigSource.environment(
            Map.of(
                "SNOWPLOW_COLLECTOR_URI", "http://c.example",
                "snowplow_app_id", "lower",
                "SNOWPLOW_APP_ID", "upper",
                "snowplow.namespace", "exact",
                "SNOWPLOW_NAMESPACE", "upper"));

    assertThat(env.get("snowplow.collector-uri")).isEqualTo("http://c.example");
    assertThat(env.get("snowplow.app-id")).isEqualTo("lower");
    assertThat(env.get("snowplow.namespace")).isEqualTo("exact");
    assertThat(env.get("snowplow.platform")).isNull();
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
    TrackerConfig config = config("snowplow.collector-uri", "https://collector.example.com");

    assertThat(config.enabled()).isTrue();
    assertThat(config.defaultAnonymisation()).isEqualTo(Anonymisation.ANONYMOUS_SERVER);
    TrackerSettings settings = config.trackerSettings();
    assertThat(settings.appId()).isEqualTo("app");
    assertThat(settings.namespace()).isEqualTo("default");
    assertThat(settings.platform()).isEqualTo(Platform.SERVER);
    assertThat(config.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  /** Every key that takes a level takes each level with and without +server, and off. */
  @ParameterizedTest
  @CsvSource({
    "full,FULL,false",
    "full+server,FULL,true",
    "anonymous-with-session,ANONYMOUS_WITH_SESSION,false",
    "anonymous-with-session+server,ANONYMOUS_WITH_SESSION,true",
    "anonymous,ANONYMOUS,false",
    "anonymous+server,ANONYMOUS,true",
    "' Anonymous+Server ',ANONYMOUS,true",
    "off,OFF,true"
  })
  void everyLevelKeyTakesEveryLevelWithAndWithoutServer(
      String text, Anonymisation.Level level, boolean server) {
    Anonymisation expected = new Anonymisation(level, server);
    List<ConfigKey<?>> levelKeys =
        ConfigKeys.all().stream()
            .filter(key -> key.defaultValue() instanceof Anonymisation)
            .collect(Collectors.toList());
    assertThat(levelKeys)
        .extracting(ConfigKey::name)
        .contains(
            "snowplow.default-level",
            "snowplow.consent.granted-level",
            "snowplow.consent.refused-level",
            "snowplow.consent.gpc.cap",
            "snowplow.consent.dnt.cap");

    for (ConfigKey<?> key : levelKeys) {
      assertThat(config(key.name(), text).get(key)).as(key.name()).isEqualTo(expected);
    }
    assertThat(config("snowplow.default-level", text).defaultAnonymisation()).isEqualTo(expected);
  }

  @Test
  void theDefaultLevelIsTheOneTheReadmeNames() {
    assertThat(config().defaultAnonymisation()).isEqualTo(Anonymisation.ANONYMOUS_SERVER);
    assertThat(ConfigKeys.DEFAULT_LEVEL.documentedDefault()).isEqualTo("`anonymous+server`");
  }

  @Test
  void theSummaryForTheStartUpLineHoldsNoSecret() {
    assertThat(
            config(
                    "snowplow.collector-uri",
                    "https://user:s3cret@collector.example.com:8443/base?key=s3cret#s3cret",
                    "snowplow.app-id",
                    "shop")
                .summary("filter-default"))
        .isEqualTo(
            "collector https://collector.example.com:8443/base, namespace default, app id shop,"
                + " POST, spool off");
  }

  @Test
  void typedValuesAreRead() {
    TrackerConfig config =
        config(
            "snowplow.default-level", "anonymous-with-session",
            "snowplow.platform", "SRV",
            "snowplow.app-id", "my-app",
            "snowplow.emitter.flush-interval", "250ms",
            "snowplow.emitter.close-timeout", "PT2S",
            "snowplow.emitter.overflow", "Drop-Newest",
            "snowplow.enabled", " off ",
            "snowplow.trusted-proxies", " 10.0.0.1 , ,192.168.0.0/16 ");
    TrackerConfig web = config.withDefault(ConfigKeys.PLATFORM, Platform.WEB);

    assertThat(config.defaultAnonymisation()).isEqualTo(Anonymisation.ANONYMOUS_WITH_SESSION);
    assertThat(web.trackerSettings().platform()).isEqualTo(Platform.SERVER);
    assertThat(web.withDefault(ConfigKeys.APP_ID, "x").trackerSettings().appId())
        .isEqualTo("my-app");
    assertThat(config.get(ConfigKeys.EMITTER_FLUSH_INTERVAL)).isEqualTo(Duration.ofMillis(250));
    assertThat(config.get(ConfigKeys.EMITTER_OVERFLOW)).isEqualTo(OverflowPolicy.DROP_NEWEST);
    assertThat(config.enabled()).isFalse();
    assertThat(config.closeTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.get(ConfigKeys.TRUSTED_PROXIES))
        .containsExactly("10.0.0.1", "192.168.0.0/16");
  }

  @Test
  void anIntegrationsDefaultReplacesTheKeysOwnButNotAConfiguredValue() {
    TrackerConfig empty = config();
    TrackerConfig configured = config("snowplow.app-id", "configured");

    assertThat(empty.get(ConfigKeys.APP_ID)).isEqualTo("app");
    assertThat(empty.withDefault(ConfigKeys.APP_ID, "shop").get(ConfigKeys.APP_ID))
        .isEqualTo("shop");
    assertThat(configured.withDefault(ConfigKeys.APP_ID, "shop").get(ConfigKeys.APP_ID))
        .isEqualTo("configured");
    assertThat(empty.withDefault(ConfigKeys.APP_ID, "shop").find(ConfigKeys.APP_ID)).isEmpty();
  }

  @Test
  void anEmptyConfigurationBuildsTheEmittersOwnDefaults() {
    // The emitter keys' declared defaults are the builder's: one story in README and Javadoc.
    TrackerConfig config = config("snowplow.collector-uri", "http://127.0.0.1:9");

    assertThat(config.emitterBuilder().toString())
        .isEqualTo(Emitter.builder(URI.create("http://127.0.0.1:9")).toString());
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
        "snowplow.default-level|everything|snowplow.default-level: expected full, anonymous-with-session or anonymous, optionally with +server, or off, was 'everything'",
        "snowplow.default-level|anonymous+client|snowplow.default-level: expected full, anonymous-with-session or anonymous, optionally with +server, or off, was 'anonymous+client'",
        "snowplow.default-server-anonymisation|false|snowplow.default-server-anonymisation: is no longer read: write the level with or without +server in snowplow.default-level, such as anonymous+server, was 'false'",
        "snowplow.platform|server|snowplow.platform: expected one of web, mob, pc, srv, app, tv, cnsl, iot, was 'server'",
        "snowplow.enabled|nope|snowplow.enabled: expected true or false, was 'nope'",
        "snowplow.emitter.queue-capacity|99999999999|snowplow.emitter.queue-capacity: expected a positive whole number, was '99999999999'",
        "snowplow.gdpr.basis-for-processing|consented|snowplow.gdpr.basis-for-processing: expected consent, contract, legal_obligation, vital_interests, public_task or legitimate_interests, was 'consented'",
        "snowplow.gdpr.basis-for-processing|legal|snowplow.gdpr.basis-for-processing: expected consent, contract, legal_obligation, vital_interests, public_task or legitimate_interests, was 'legal'",
        "snowplow.gdpr.document-version|2024-05-01-final1|snowplow.gdpr.document-version: expected at most 16 characters, was '2024-05-01-final1'",
        "snowplow.emitter.max-requests-in-flight|0|snowplow.emitter.max-requests-in-flight: expected a positive whole number, was '0'",
        "snowplow.emitter.max-requests-in-flight|65|snowplow.emitter.max-requests-in-flight: maxRequestsInFlight must be at most 64, was 65",
        "snowplow.emitter.proxy|https://proxy:3128|snowplow.emitter.proxy: proxy must be http://host:port (no credentials), was 'https://proxy:3128'",
        "snowplow.emitter.proxy|http://proxy|snowplow.emitter.proxy: proxy must be http://host:port (no credentials), was 'http://proxy'"
      })
  void aBadValueFailsNamingTheKeyAndTheValue(String key, String value, String message) {
    TrackerConfig config = config("snowplow.collector-uri", "http://127.0.0.1:9", key, value);

    assertThatThrownBy(
            () -> {
              config.enabled();
              config.defaultAnonymisation();
              config.trackerSettings();
              config.emitterBuilder();
            })
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(((ConfigurationException) e).key()).isEqualTo(key));
  }

  @Test
  void theGdprKeysDescribeTheEntityEveryEventCarries() {
    TrackerConfig config =
        config(
            ConfigKeys.GDPR_BASIS_FOR_PROCESSING.name(), "legitimate-interests",
            ConfigKeys.GDPR_DOCUMENT_ID.name(), "privacy-policy",
            ConfigKeys.GDPR_DOCUMENT_VERSION.name(), "2024-05",
            ConfigKeys.GDPR_DOCUMENT_DESCRIPTION.name(), "How the shop uses your data");

    assertThat(config.trackerSettings().gdpr())
        .isEqualTo(
            new Gdpr(
                BasisForProcessing.LEGITIMATE_INTERESTS,
                "privacy-policy",
                "2024-05",
                "How the shop uses your data"));
    assertThat(config(ConfigKeys.GDPR_BASIS_FOR_PROCESSING.name(), "legal_obligation").gdpr())
        .isEqualTo(Gdpr.of(BasisForProcessing.LEGAL_OBLIGATION));
    assertThat(config().trackerSettings().gdpr()).isNull();
  }

  @Test
  void gdprDocumentKeysWithoutABasisFailNamingTheBasisKey() {
    assertThatThrownBy(() -> config(ConfigKeys.GDPR_DOCUMENT_VERSION.name(), "2").trackerSettings())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "snowplow.gdpr.basis-for-processing: is required when snowplow.gdpr.document-version"
                + " is set");
  }

  @Test
  void theProxyAndTheRequestsInFlightReachTheEmitter() {
    TrackerConfig config =
        config(
            "snowplow.collector-uri", "http://127.0.0.1:9",
            "snowplow.emitter.proxy", "http://proxy.example.com:3128",
            "snowplow.emitter.max-requests-in-flight", "2");

    assertThat(config.emitterBuilder().toString())
        .contains("maxRequestsInFlight=2", "proxy=http://proxy.example.com:3128");
  }

  @Test
  void theCollectorUriIsRequired() {
    assertThatThrownBy(() -> config().collectorUri())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("snowplow.collector-uri: is required");
  }
}
