package io.github.snowplowjakarta.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.cdi.Tracked;
import io.github.snowplowjakarta.cdi.TrackerCustomizer;
import io.github.snowplowjakarta.cdi.TrackerNamespace;
import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.emitter.EmitterHealth;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.quarkus.SnowplowConfig;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension in a Quarkus application: {@code @Inject Tracker} with its configuration from
 * application.properties (and listed by Quarkus), {@code @TrackerNamespace}, a customizer,
 * {@code @Tracked}, one tracker bean and one emitter per namespace, and every event tracked before
 * shutdown delivered by it.
 */
class InjectedTrackerTest {
  static {
    QuarkusApps.startCollector();
  }

  @RegisterExtension
  static final QuarkusUnitTest QUARKUS =
      QuarkusApps.test()
          .withApplicationRoot(
              jar ->
                  jar.addClasses(
                      Shop.class,
                      Campaigns.class,
                      Checkout.class,
                      AddsALanguage.class,
                      QuarkusApps.class))
          .overrideConfigKey("snowplow.app-id", "quarkus-shop")
          .overrideConfigKey("snowplow.marketing.app-id", "quarkus-marketing")
          // Nothing leaves before the application stops: what arrives, its close sent.
          .overrideConfigKey("snowplow.emitter.flush-interval", "1h")
          .setAfterAllCustomizer(InjectedTrackerTest::everyEventArrivedWhenTheApplicationStopped);

  @ApplicationScoped
  public static class Shop {
    @Inject Tracker tracker;

    Tracker tracker() {
      return tracker;
    }

    void checkout() {
      tracker.track(Structured.builder().category("shop").action("checkout").build());
    }
  }

  @ApplicationScoped
  public static class Campaigns {
    @Inject
    @TrackerNamespace("marketing")
    Tracker tracker;

    Tracker tracker() {
      return tracker;
    }

    void sent() {
      tracker.track(Structured.builder().category("campaign").action("sent").build());
    }
  }

  @ApplicationScoped
  public static class Checkout {
    @Tracked(category = "shop", action = "paid")
    public void pay() {}

    @Tracked(category = "shop", action = "failed")
    public void fail() {
      throw new IllegalStateException("payment refused");
    }
  }

  @ApplicationScoped
  public static class AddsALanguage implements TrackerCustomizer {
    @Override
    public void customize(String namespace, Tracker.Builder tracker) {
      tracker.subject(
          Subject.builder().language(namespace.isEmpty() ? "default" : namespace).build());
    }
  }

  @Inject SnowplowConfig config;
  @Inject Shop shop;
  @Inject Campaigns campaigns;
  @Inject Checkout checkout;

  @Test
  void injectedTrackersReadApplicationPropertiesAndTrack() {
    assertThat(shop.tracker().settings().appId()).isEqualTo("quarkus-shop");
    assertThat(campaigns.tracker().settings().appId()).isEqualTo("quarkus-marketing");

    shop.checkout();
    campaigns.sent();
    checkout.pay();
    assertThatThrownBy(checkout::fail).hasMessage("payment refused");
  }

  @Test
  void quarkusKnowsTheKeysWithTheirDefaults() {
    assertThat(config.appId()).contains("quarkus-shop");
    assertThat(config.emitterFlushInterval()).isEqualTo("1h");
    assertThat(config.emitterBatchSize()).isEqualTo("500");
    assertThat(config.consentCookieName()).isEqualTo("sp_consent");
    assertThat(config.platform()).isEmpty();
    assertThat(config.namespaces().get("marketing").appId()).contains("quarkus-marketing");
    assertThat(config.namespaces().get("marketing").emitterBatchSize()).isEmpty();
  }

  @Test
  void oneTrackerBeanAndOneEmitterPerNamespace() {
    shop.checkout();
    campaigns.sent();
    assertThat(Arc.container().beanManager().getBeans(Tracker.class)).hasSize(1);
    assertThat(Arc.container().beanManager().getBeans(Tracker.class, Any.Literal.INSTANCE))
        .hasSize(2);
    assertThat(EmitterHealth.running())
        .extracting(EmitterHealth::name)
        .filteredOn(name -> name.startsWith("cdi"))
        .containsExactlyInAnyOrder("cdi", "cdi-marketing");
  }

  private static void everyEventArrivedWhenTheApplicationStopped() {
    try {
      Map<String, Long> byAction =
          QuarkusApps.events().stream()
              .collect(Collectors.groupingBy(e -> e.get("se_ac").asText(), Collectors.counting()));
      assertThat(byAction)
          .containsOnly(Map.entry("checkout", 2L), Map.entry("sent", 2L), Map.entry("paid", 1L));
      JsonNode paid =
          QuarkusApps.events().stream()
              .filter(e -> e.get("se_ac").asText().equals("paid"))
              .findFirst()
              .orElseThrow();
      assertThat(paid.get("aid").asText()).isEqualTo("quarkus-shop");
      assertThat(paid.get("lang").asText()).isEqualTo("default");
      assertThat(QuarkusApps.events())
          .filteredOn(e -> e.get("se_ac").asText().equals("sent"))
          .allSatisfy(
              e -> {
                assertThat(e.get("aid").asText()).isEqualTo("quarkus-marketing");
                assertThat(e.get("tna").asText()).isEqualTo("marketing");
              });
      assertThat(QuarkusApps.validationErrors()).isEmpty();
    } finally {
      QuarkusApps.closeCollector();
    }
  }
}
