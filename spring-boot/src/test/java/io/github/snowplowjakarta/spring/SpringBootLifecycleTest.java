package io.github.snowplowjakarta.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.servlet.SnowplowInitializer;
import io.github.snowplowjakarta.testing.TestCollector;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The shop started and stopped: what it sends on close, and that the filter runs once. */
class SpringBootLifecycleTest {
  private final TestCollector collector = TestCollector.start();

  @AfterEach
  void stop() {
    collector.close();
  }

  private long pageViews(String marker) {
    return collector.acceptedEvents().stream()
        .filter(e -> e.get("e").asText().equals("pv"))
        .map(e -> e.get("url").asText())
        .filter(url -> url.endsWith(marker))
        .count();
  }

  @Test
  void closingTheContextSendsWhatIsQueued() {
    try (ShopServer shop =
        new ShopServer(
            collector,
            new Class<?>[] {ShopApplication.class},
            "snowplow.emitter.flush-interval=1h",
            "snowplow.emitter.close-timeout=10s")) {
      shop.get("/page?case=close", "Cookie", "sp_consent=all");
      shop.get("/api/basket");
      assertThat(collector.requests()).isEmpty();
    }
    // Closed: everything queued has left, without waiting for the flush interval.
    assertThat(pageViews("?case=close")).isEqualTo(1);
    assertThat(collector.acceptedEvents())
        .extracting(e -> e.path("se_ac").asText())
        .contains("basket", "provider");
  }

  /**
   * A WAR on a servlet container: its {@link SnowplowInitializer} runs, and finds a collector (here
   * in a context-param), before or after Spring registers the filter.
   */
  record WarContainer(int order) implements ServletContextInitializer, Ordered {
    @Override
    public void onStartup(ServletContext context) {
      new SnowplowInitializer().onStartup(Set.of(), context);
      registered.add(Set.copyOf(context.getFilterRegistrations().keySet()));
    }

    @Override
    public int getOrder() {
      return order;
    }
  }

  private static final List<Set<String>> registered = new CopyOnWriteArrayList<>();

  @Configuration(proxyBeanMethods = false)
  static class ContainerInitializerFirst {
    @Bean
    WarContainer snowplowInitializerAsInAWar() {
      return new WarContainer(Ordered.HIGHEST_PRECEDENCE);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ContainerInitializerLast {
    @Bean
    WarContainer snowplowInitializerAsInAWar() {
      return new WarContainer(Ordered.LOWEST_PRECEDENCE);
    }
  }

  @Test
  void inAWarTheInitializerRegisteringTooStillMakesOnePageView() {
    for (Class<?> initializer :
        new Class<?>[] {ContainerInitializerFirst.class, ContainerInitializerLast.class}) {
      String marker = "?case=" + initializer.getSimpleName();
      try (ShopServer shop =
          new ShopServer(
              collector,
              new Class<?>[] {ShopApplication.class, initializer},
              "server.servlet.context-parameters.snowplow.collector-uri=" + collector.uri())) {
        assertThat(shop.get("/page" + marker).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> pageViews(marker) >= 1);
      }
      // Closed: every filter's emitter has sent what it had.
      assertThat(pageViews(marker)).as(initializer.getSimpleName()).isEqualTo(1);
      // The one the application's configuration made: its app id, not the container's.
      assertThat(
              collector.acceptedEvents().stream()
                  .filter(e -> e.path("url").asText().endsWith(marker))
                  .map(e -> e.get("aid").asText()))
          .containsOnly("shop");
    }
    // First: it registered its filter, which then stood down; last: it saw Spring's, added none.
    assertThat(registered).hasSize(2);
    assertThat(registered.get(0)).containsExactly(SnowplowInitializer.FILTER_NAME);
    assertThat(registered.get(1))
        .contains(SnowplowAutoConfiguration.FILTER_NAME)
        .doesNotContain(SnowplowInitializer.FILTER_NAME);
  }
}
