package io.github.snowplowjakarta.cdi;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.testing.TestCollector;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Stereotype;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The extension in a real Weld SE container, configured through MicroProfile Config. */
class CdiTest {
  private final TestCollector collector = TestCollector.start();
  private final Set<String> properties = new HashSet<>();

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
  public static class Basket {
    @Inject Tracker tracker;

    Tracker tracker() {
      return tracker;
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
  public static class AddsASubject implements TrackerCustomizer {
    @Override
    public void customize(String namespace, Tracker.Builder tracker) {
      tracker.subject(
          Subject.builder()
              .language("customised-" + (namespace.isEmpty() ? "default" : namespace))
              .build());
    }
  }

  @BeforeEach
  void configure() {
    set("snowplow.collector-uri", collector.uri().toString());
    set("snowplow.app-id", "cdi-shop");
    set("snowplow.marketing.app-id", "cdi-marketing");
  }

  @AfterEach
  void clean() {
    properties.forEach(System::clearProperty);
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  private void set(String key, String value) {
    System.setProperty(key, value);
    properties.add(key);
  }

  /**
   * A container of these beans, with the portable extension; {@link
   * #theExtensionIsRegisteredAsAService} checks its registration.
   */
  Weld weld(Class<?>... beans) {
    return Containers.portable(beans);
  }

  @Test
  void theExtensionIsRegisteredAsAService() {
    assertThat(java.util.ServiceLoader.load(jakarta.enterprise.inject.spi.Extension.class))
        .anySatisfy(extension -> assertThat(extension).isInstanceOf(SnowplowExtension.class));
  }

  private Set<Thread> emitterThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.getName().startsWith("snowplow-emitter-"))
        .collect(Collectors.toSet());
  }

  @Test
  void injectsAConfiguredTrackerAndFlushesItWhenTheContainerStops() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    Set<Thread> ours;
    try (WeldContainer container = weld(Shop.class).initialize()) {
      container.select(Shop.class).get().checkout();
      ours = emitterThreads(before);
      assertThat(collector.acceptedEvents()).isEmpty();
    }

    List<JsonNode> events = collector.acceptedEvents();
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.get("aid").asText()).isEqualTo("cdi-shop");
              assertThat(e.get("p").asText()).isEqualTo("srv");
              assertThat(e.get("se_ac").asText()).isEqualTo("checkout");
            });
    assertThat(ours).isNotEmpty();
    await().atMost(ofSeconds(10)).until(() -> ours.stream().noneMatch(Thread::isAlive));
  }

  @Test
  void everyInjectionPointSharesOneTrackerPerConfiguration() {
    try (WeldContainer container = weld(Shop.class, Basket.class, Campaigns.class).initialize()) {
      Tracker shop = container.select(Shop.class).get().tracker();
      Tracker basket = container.select(Basket.class).get().tracker();
      Tracker marketing = container.select(Campaigns.class).get().tracker();

      assertThat(shop).isSameAs(basket);
      assertThat(marketing).isNotSameAs(shop);
      assertThat(marketing.emitter()).isNotSameAs(shop.emitter());
    }
  }

  @Test
  void aNamedTrackerHasItsOwnKeysFallingBackToTheDefaultOnes() {
    try (WeldContainer container = weld(Campaigns.class).initialize()) {
      container.select(Campaigns.class).get().sent();
    }

    assertThat(collector.acceptedEvents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.get("aid").asText()).isEqualTo("cdi-marketing");
              assertThat(e.get("tna").asText()).isEqualTo("marketing");
            });
  }

  @Test
  void outsideARequestEventsHaveTheConfiguredDefaultLevel() {
    try (WeldContainer container = weld(Shop.class, AddsASubject.class).initialize()) {
      Tracker tracker = container.select(Shop.class).get().tracker();
      Tracker withIdentity =
          tracker.with(
              Subject.builder().ipAddress("192.0.2.1").userId("u1").build(),
              tracker.anonymisation());
      withIdentity.track(Structured.builder().category("c").action("default-level").build());
    }
    set("snowplow.default-level", "full");
    try (WeldContainer container = weld(Shop.class).initialize()) {
      Tracker tracker = container.select(Shop.class).get().tracker();
      tracker
          .with(
              Subject.builder().ipAddress("192.0.2.1").userId("u1").build(),
              tracker.anonymisation())
          .track(Structured.builder().category("c").action("full").build());
    }

    Map<String, JsonNode> byAction =
        collector.acceptedEvents().stream()
            .collect(Collectors.toMap(e -> e.get("se_ac").asText(), e -> e));
    assertThat(byAction.get("default-level").has("ip")).isFalse();
    assertThat(byAction.get("default-level").has("uid")).isFalse();
    assertThat(byAction.get("default-level").get("lang").asText()).isEqualTo("customised-default");
    assertThat(byAction.get("full").get("ip").asText()).isEqualTo("192.0.2.1");
    assertThat(byAction.get("full").get("uid").asText()).isEqualTo("u1");
    assertThat(collector.requests().stream().filter(r -> r.anonymous()).count()).isEqualTo(1);
  }

  @Test
  void anInvalidConfigurationIsADeploymentProblemNamingTheKey() {
    set("snowplow.emitter.batch-size", "lots");

    assertThatThrownBy(() -> weld(Shop.class).initialize())
        .isInstanceOf(DeploymentException.class)
        .hasStackTraceContaining(
            "snowplow.emitter.batch-size: expected a positive whole number, was 'lots'");
  }

  @Test
  void aMissingCollectorIsADeploymentProblemToo() {
    System.clearProperty("snowplow.collector-uri");

    assertThatThrownBy(() -> weld(Campaigns.class).initialize())
        .isInstanceOf(DeploymentException.class)
        .hasStackTraceContaining(
            "Snowplow tracker 'marketing' configuration: snowplow.collector-uri: is required");
  }

  @Test
  void offTheTrackersInjectAndAcceptCallsButNeedNoCollectorStartNoThreadAndSendNothing() {
    System.clearProperty("snowplow.collector-uri");
    set("snowplow.enabled", "false");
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (WeldContainer container = weld(Shop.class, Campaigns.class).initialize()) {
      Shop shop = container.select(Shop.class).get();
      shop.checkout();
      shop.checkout();
      container.select(Campaigns.class).get().sent();

      assertThat(shop.tracker().isEnabled()).isFalse();
      assertThat(shop.tracker().disabledCalls()).isEqualTo(2);
      assertThat(shop.tracker().settings().appId()).isEqualTo("cdi-shop");
      assertThat(container.select(Campaigns.class).get().tracker().disabledCalls()).isEqualTo(1);
      assertThat(emitterThreads(before)).isEmpty();
    }
    assertThat(collector.requests()).isEmpty();
  }

  @Test
  void oneNamedTrackerCanBeOffWhileTheOthersTrack() {
    set("snowplow.marketing.enabled", "false");
    try (WeldContainer container = weld(Shop.class, Campaigns.class).initialize()) {
      container.select(Campaigns.class).get().sent();
      container.select(Shop.class).get().checkout();

      assertThat(container.select(Campaigns.class).get().tracker().isEnabled()).isFalse();
    }

    assertThat(collector.acceptedEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.get("se_ac").asText()).isEqualTo("checkout"));
  }

  /** An application's own tracker, replacing the produced one. */
  @ApplicationScoped
  @Alternative
  @Priority(100)
  public static class OwnTracker {
    static final Emitter[] EMITTER_HOLDER = new Emitter[1];

    @Produces
    Tracker tracker() {
      return Tracker.builder(TrackerSettings.of("replaced"), EMITTER_HOLDER[0]).build();
    }
  }

  @Test
  void anAlternativeWithPriorityReplacesTheProducedTracker() {
    Emitter emitter = Emitter.builder(collector.uri()).build();
    OwnTracker.EMITTER_HOLDER[0] = emitter;
    try (WeldContainer container = weld(Shop.class, OwnTracker.class).initialize()) {
      container.select(Shop.class).get().checkout();
    }
    emitter.close(ofSeconds(5));

    assertThat(collector.acceptedEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.get("aid").asText()).isEqualTo("replaced"));
  }

  @ApplicationScoped
  public static class Checkout {
    @Tracked(category = "shop", action = "paid", label = "card")
    public void pay() {}

    @Tracked(category = "shop")
    public String browse() {
      return "browsed";
    }

    @Tracked(category = "shop", action = "failed")
    public void fail() {
      throw new IllegalStateException("payment refused");
    }

    @Tracked(category = "campaign", namespace = "marketing")
    public void mailed() {}
  }

  @ApplicationScoped
  @Tracked(category = "catalogue")
  public static class Catalogue {
    public void search() {}

    @Tracked(category = "catalogue", action = "own")
    public void filter() {}
  }

  @Test
  void aTrackedMethodTracksWhenItReturnsNotWhenItThrows() {
    try (WeldContainer container = weld(Checkout.class, Catalogue.class).initialize()) {
      Checkout checkout = container.select(Checkout.class).get();
      checkout.pay();
      assertThat(checkout.browse()).isEqualTo("browsed");
      assertThatThrownBy(checkout::fail)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("payment refused");
      checkout.mailed();
      Catalogue catalogue = container.select(Catalogue.class).get();
      catalogue.search();
      catalogue.filter();
    }

    Map<String, JsonNode> byAction =
        collector.acceptedEvents().stream()
            .collect(Collectors.toMap(e -> e.get("se_ac").asText(), e -> e));
    assertThat(byAction).containsOnlyKeys("paid", "browse", "mailed", "search", "own");
    assertThat(byAction.get("paid").get("se_ca").asText()).isEqualTo("shop");
    assertThat(byAction.get("paid").get("se_la").asText()).isEqualTo("card");
    assertThat(byAction.get("paid").get("aid").asText()).isEqualTo("cdi-shop");
    assertThat(byAction.get("mailed").get("aid").asText()).isEqualTo("cdi-marketing");
    assertThat(byAction.get("search").get("se_ca").asText()).isEqualTo("catalogue");
  }

  @Test
  void aTrackedMethodsTrackerConfigurationIsCheckedAtDeployment() {
    set("snowplow.marketing.emitter.batch-size", "lots");

    assertThatThrownBy(() -> weld(Checkout.class).initialize())
        .isInstanceOf(DeploymentException.class)
        .hasStackTraceContaining("Snowplow tracker 'marketing' configuration");
  }

  @ApplicationScoped
  public static class Misannotated {
    @Tracked(category = " ")
    public void call() {}
  }

  @Test
  void aBlankCategoryIsADeploymentProblem() {
    assertThatThrownBy(() -> weld(Misannotated.class).initialize())
        .isInstanceOf(DeploymentException.class)
        .hasStackTraceContaining("category must not be blank");
  }

  @ApplicationScoped
  public static class Unrelated {}

  @ApplicationScoped
  public static class OnlyMarketing {
    @Inject
    @TrackerNamespace("marketing")
    Tracker tracker;
  }

  @Test
  void onlyTheTrackersInUseNeedConfiguration() {
    System.clearProperty("snowplow.collector-uri");
    try (WeldContainer container = weld(Unrelated.class).initialize()) {
      assertThat(container.isRunning()).isTrue();
    }
    set("snowplow.marketing.collector-uri", collector.uri().toString());
    try (WeldContainer container = weld(OnlyMarketing.class).initialize()) {
      assertThat(container.isRunning()).isTrue();
    }
  }

  /** A stereotype carrying the binding. */
  @Stereotype
  @Tracked(category = "service", action = "called")
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  public @interface TrackedService {}

  @ApplicationScoped
  @TrackedService
  public static class Service {
    public void run() {}
  }

  @Test
  void aStereotypeCanCarryTheBinding() {
    try (WeldContainer container = weld(Service.class).initialize()) {
      container.select(Service.class).get().run();
    }

    assertThat(collector.acceptedEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.get("se_ac").asText()).isEqualTo("called"));
  }

  /** Stands for {@code @Transactional}: its interceptor's priority, and a commit that fails. */
  @InterceptorBinding
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.TYPE, ElementType.METHOD})
  public @interface InTransaction {}

  @InTransaction
  @Interceptor
  @Priority(Interceptor.Priority.PLATFORM_BEFORE + 200)
  public static class FailingCommit {
    @AroundInvoke
    Object commit(InvocationContext invocation) throws Exception {
      invocation.proceed();
      throw new IllegalStateException("commit failed");
    }
  }

  @ApplicationScoped
  public static class Orders {
    @InTransaction
    @Tracked(category = "shop", action = "ordered")
    public void order() {}
  }

  @Test
  void aMethodWhoseTransactionFailsToCommitIsNotTracked() {
    try (WeldContainer container = weld(Orders.class, FailingCommit.class).initialize()) {
      assertThatThrownBy(() -> container.select(Orders.class).get().order())
          .hasMessage("commit failed");
    }

    assertThat(collector.acceptedEvents()).isEmpty();
  }
}
