package io.github.snowplowjakarta.cdi.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.cdi.Tracked;
import io.github.snowplowjakarta.cdi.TrackerCustomizer;
import io.github.snowplowjakarta.cdi.TrackerNamespace;
import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.testing.TestCollector;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CDI extension in Quarkus's ArC, which runs only the build-compatible extension: injected
 * trackers per namespace, a customizer, {@code @Tracked}, and every event sent when the application
 * stops.
 */
class ArcTest {
  /**
   * JUnit loads this class, and Quarkus loads it again for the application: only JUnit's copy
   * starts the collector, before the application starts, and checks it once the application has
   * stopped.
   */
  private static final TestCollector COLLECTOR = startOnce();

  @RegisterExtension
  static final QuarkusUnitTest QUARKUS =
      ArcApplication.test()
          .withApplicationRoot(
              jar ->
                  jar.addClasses(
                      Shop.class,
                      Campaigns.class,
                      Checkout.class,
                      AddsALanguage.class,
                      ArcApplication.class))
          .setAfterAllCustomizer(ArcTest::everyEventArrivedWhenTheApplicationStopped);

  private static TestCollector startOnce() {
    if (System.getProperty("snowplow.collector-uri") != null) {
      return null;
    }
    TestCollector collector = TestCollector.start();
    System.setProperty("snowplow.collector-uri", collector.uri().toString());
    System.setProperty("snowplow.app-id", "arc-app");
    System.setProperty("snowplow.marketing.app-id", "arc-marketing");
    // Nothing leaves before the application stops: what arrives, its close sent.
    System.setProperty("snowplow.emitter.flush-interval", "1h");
    return collector;
  }

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

  @Inject Shop shop;
  @Inject Campaigns campaigns;
  @Inject Checkout checkout;

  @Test
  void injectedTrackersAndTrackedMethodsTrack() {
    assertThat(shop.tracker().settings().appId()).isEqualTo("arc-app");
    assertThat(campaigns.tracker().settings().appId()).isEqualTo("arc-marketing");

    shop.checkout();
    campaigns.sent();
    checkout.pay();
    assertThatThrownBy(checkout::fail).hasMessage("payment refused");
  }

  private static void everyEventArrivedWhenTheApplicationStopped() {
    try {
      Map<String, JsonNode> byAction =
          COLLECTOR.acceptedEvents().stream()
              .collect(Collectors.toMap(e -> e.get("se_ac").asText(), e -> e));
      assertThat(byAction).containsOnlyKeys("checkout", "sent", "paid");
      assertThat(byAction.get("checkout").get("aid").asText()).isEqualTo("arc-app");
      assertThat(byAction.get("checkout").get("lang").asText()).isEqualTo("default");
      assertThat(byAction.get("paid").get("aid").asText()).isEqualTo("arc-app");
      assertThat(byAction.get("sent").get("aid").asText()).isEqualTo("arc-marketing");
      assertThat(byAction.get("sent").get("tna").asText()).isEqualTo("marketing");
      assertThat(byAction.get("sent").get("lang").asText()).isEqualTo("marketing");
      assertThat(COLLECTOR.validationErrors()).isEmpty();
    } finally {
      COLLECTOR.close();
      System.clearProperty("snowplow.collector-uri");
      System.clearProperty("snowplow.app-id");
      System.clearProperty("snowplow.marketing.app-id");
      System.clearProperty("snowplow.emitter.flush-interval");
    }
  }
}
