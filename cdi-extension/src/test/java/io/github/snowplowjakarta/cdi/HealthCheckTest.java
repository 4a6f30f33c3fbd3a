package io.github.snowplowjakarta.cdi;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.testing.TestCollector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The readiness check {@code snowplow} in a real Weld container, as MicroProfile Health finds it: a
 * {@code @Readiness} {@link HealthCheck} bean.
 */
class HealthCheckTest {
  private final TestCollector collector = TestCollector.start();
  private final Set<String> properties = new HashSet<>();

  @ApplicationScoped
  public static class Shop {
    @Inject Tracker tracker;

    void checkout() {
      tracker.track(Structured.builder().category("shop").action("checkout").build());
    }

    boolean flush(Duration timeout) {
      return tracker.emitter().flush(timeout);
    }
  }

  /** A bean that uses no tracker. */
  @ApplicationScoped
  public static class Idle {}

  @BeforeEach
  void configure() {
    set("snowplow.collector-uri", collector.uri().toString());
  }

  @AfterEach
  void clean() {
    properties.forEach(System::clearProperty);
    collector.close();
  }

  private void set(String key, String value) {
    System.setProperty(key, value);
    properties.add(key);
  }

  Weld weld(Class<?>... beans) {
    return Containers.portable(beans);
  }

  private static HealthCheckResponse snowplow(WeldContainer container) {
    List<HealthCheckResponse> ours =
        container.select(HealthCheck.class, Readiness.Literal.INSTANCE).stream()
            .map(HealthCheck::call)
            .filter(response -> response.getName().equals("snowplow"))
            .toList();
    assertThat(ours).hasSize(1);
    return ours.get(0);
  }

  private static Map<String, Object> data(HealthCheckResponse response) {
    return response.getData().orElseThrow();
  }

  /** The check's figures of the emitters whose collector is this one, by figure. */
  private Map<String, Object> figuresOf(HealthCheckResponse response, String emitter) {
    return data(response).entrySet().stream()
        .filter(entry -> entry.getKey().startsWith(emitter + "."))
        .collect(
            Collectors.toMap(
                entry -> entry.getKey().substring(emitter.length() + 1), Map.Entry::getValue));
  }

  private List<String> emittersOfOurCollector(HealthCheckResponse response) {
    return data(response).entrySet().stream()
        .filter(
            entry ->
                entry.getKey().endsWith(".collector")
                    && entry.getValue().equals(collector.uri().toString()))
        .map(entry -> entry.getKey().substring(0, entry.getKey().length() - ".collector".length()))
        .toList();
  }

  @Test
  void reportsEveryRunningEmitterAndStaysUpDuringAnOutageUnlessTold() {
    // An emitter built outside CDI, as the servlet filter builds its own: reported too.
    try (WeldContainer container = weld(Shop.class).initialize();
        Emitter outsideCdi = Emitter.builder(collector.uri()).build()) {
      Shop shop = container.select(Shop.class).get();
      shop.checkout();
      assertThat(shop.flush(ofSeconds(10))).isTrue();

      HealthCheckResponse healthy = snowplow(container);
      assertThat(healthy.getStatus()).isEqualTo(Status.UP);
      List<String> ours = emittersOfOurCollector(healthy);
      assertThat(ours).hasSize(2);
      assertThat(outsideCdi.stats().sent()).isZero();
      String cdiEmitter =
          ours.stream()
              .filter(name -> figuresOf(healthy, name).get("sent").equals(1L))
              .findFirst()
              .orElseThrow();
      assertThat(figuresOf(healthy, cdiEmitter))
          .containsEntry("collectorUnavailable", false)
          .containsEntry("queueDepth", 0L)
          .containsEntry("queueCapacity", 10000L)
          .containsEntry("spool", "off")
          .containsKeys("failed", "dropped", "secondsSinceLastSuccess");
      assertThat(data(healthy)).containsEntry("failOnOutage", false);

      collector.refuseConnections();
      shop.checkout();
      await()
          .atMost(ofSeconds(10))
          .until(
              () ->
                  figuresOf(snowplow(container), cdiEmitter)
                      .get("collectorUnavailable")
                      .equals(true));
      HealthCheckResponse outage = snowplow(container);
      assertThat(outage.getStatus()).isEqualTo(Status.UP);
      assertThat(figuresOf(outage, cdiEmitter))
          .containsEntry("queueDepth", 1L)
          .containsKey("lastError");

      set("snowplow.health.fail-on-outage", "true");
      HealthCheckResponse strict = snowplow(container);
      assertThat(strict.getStatus()).isEqualTo(Status.DOWN);
      assertThat(data(strict)).containsEntry("failOnOutage", true);

      collector.restart();
      assertThat(shop.flush(ofSeconds(10))).isTrue();
      HealthCheckResponse recovered = snowplow(container);
      assertThat(figuresOf(recovered, cdiEmitter))
          .containsEntry("collectorUnavailable", false)
          .containsEntry("sent", 2L);
      assertThat(recovered.getStatus()).isEqualTo(Status.UP);
    }
  }

  @Test
  void isAReadinessCheckOnly() {
    try (WeldContainer container = weld(Shop.class).initialize()) {
      assertThat(container.select(HealthCheck.class, Liveness.Literal.INSTANCE).stream())
          .noneMatch(check -> check.call().getName().equals("snowplow"));
      assertThat(snowplow(container).getData().orElseThrow()).containsKey("emitters");
    }
  }

  @Test
  void aBadSettingFailsTheDeploymentOfTheTrackers() {
    set("snowplow.health.fail-on-outage", "sometimes");
    assertThatThrownBy(() -> weld(Shop.class).initialize().close())
        .hasMessageContaining("snowplow.health.fail-on-outage");
  }

  @Test
  void withNoTrackerToFailTheDeploymentABadSettingIsReportedAndTheDefaultHolds() {
    set("snowplow.health.fail-on-outage", "sometimes");
    try (WeldContainer container = weld(Idle.class).initialize()) {
      HealthCheckResponse response = snowplow(container);
      assertThat(response.getStatus()).isEqualTo(Status.UP);
      assertThat(data(response))
          .containsEntry("failOnOutage", false)
          .hasEntrySatisfying(
              "configurationError",
              error -> assertThat(error.toString()).contains("snowplow.health.fail-on-outage"));
    }
  }
}
