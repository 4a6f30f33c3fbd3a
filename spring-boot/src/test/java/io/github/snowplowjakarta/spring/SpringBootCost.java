package io.github.snowplowjakarta.spring;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.servlet.SnowplowFilter;
import io.github.snowplowjakarta.servlet.SnowplowRequest;
import io.github.snowplowjakarta.testing.TestCollector;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the starter costs (issue 24, item 7), against the shop with no tracking and with the plain
 * {@link SnowplowFilter} registered by hand, in the same run. Not a test: run it as the README's
 * Spring Boot section says.
 *
 * <ul>
 *   <li>{@code startup <none|filter|starter>}: one cold start in this JVM: its wall time and the
 *       time spent creating the starter's beans (Spring's start-up steps; the plain filter builds
 *       its tracker when Tomcat initialises it, inside the wall time only);
 *   <li>{@code requests <count> <rounds>}: the three variants side by side, one request to each in
 *       turn, after a round of warm-up: per-request latency of an HTML page (consent "all",
 *       identity cookies) and a JSON answer whose controller tracks an event.
 * </ul>
 */
public final class SpringBootCost {
  private static final String COOKIES = "sp_consent=all; " + SpringBootJourneyTest.IDENTITY;

  private SpringBootCost() {}

  /** No tracking: the controller's tracker sends nothing. */
  @Configuration(proxyBeanMethods = false)
  static class NoTracking {
    @Bean
    Tracker tracker() {
      return Tracker.disabled(TrackerSettings.of("shop"));
    }
  }

  /**
   * The plain filter and a tracker following the request, as an application without the starter
   * writes them by hand.
   */
  @Configuration(proxyBeanMethods = false)
  static class PlainFilter {
    @Bean
    Emitter emitter(org.springframework.core.env.Environment environment) {
      return Emitter.builder(URI.create(environment.getProperty("cost.collector"))).build();
    }

    @Bean
    Tracker tracker(Emitter emitter) {
      return Tracker.builder(TrackerSettings.of("shop"), emitter)
          .workInProgress(SnowplowRequest::currentOrNull)
          .build();
    }

    @Bean
    FilterRegistrationBean<SnowplowFilter> plainSnowplowFilter(
        org.springframework.core.env.Environment environment) {
      FilterRegistrationBean<SnowplowFilter> registration =
          new FilterRegistrationBean<>(new SnowplowFilter());
      registration.setOrder(SnowplowAutoConfiguration.FILTER_ORDER);
      registration.setAsyncSupported(true);
      registration.setDispatcherTypes(DispatcherType.REQUEST);
      registration.addUrlPatterns("/*");
      registration.setInitParameters(
          Map.of(
              "snowplow.collector-uri",
              environment.getProperty("cost.collector"),
              "snowplow.app-id",
              "shop"));
      return registration;
    }
  }

  private static ConfigurableApplicationContext start(
      String variant, TestCollector collector, BufferingApplicationStartup steps) {
    List<Class<?>> sources = new ArrayList<>(List.of(ShopApplication.class));
    List<String> properties =
        new ArrayList<>(
            List.of(
                "server.port=0",
                "server.address=127.0.0.1",
                "spring.main.banner-mode=off",
                "logging.level.root=warn",
                "spring.application.name=shop",
                "cost.collector=" + collector.uri(),
                "snowplow.collector-uri=" + collector.uri()));
    if (!variant.equals("starter")) {
      properties.add("spring.autoconfigure.exclude=" + SnowplowAutoConfiguration.class.getName());
    }
    if (variant.equals("filter")) {
      sources.add(PlainFilter.class);
    }
    if (variant.equals("none")) {
      sources.add(NoTracking.class);
    }
    SpringApplicationBuilder builder =
        new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
            .web(WebApplicationType.SERVLET)
            .properties(properties.toArray(String[]::new));
    if (steps != null) {
      builder.applicationStartup(steps);
    }
    return builder.run();
  }

  public static void main(String[] args) throws Exception {
    try (TestCollector collector = TestCollector.start()) {
      if (args[0].equals("startup")) {
        startup(args[1], collector);
      } else {
        requests(Integer.parseInt(args[1]), Integer.parseInt(args[2]), collector);
      }
    }
  }

  private static void startup(String variant, TestCollector collector) {
    BufferingApplicationStartup steps = new BufferingApplicationStartup(100_000);
    long start = System.nanoTime();
    ConfigurableApplicationContext context = start(variant, collector, steps);
    long total = System.nanoTime() - start;
    long snowplow = 0;
    for (var step : steps.getBufferedTimeline().getEvents()) {
      var tags = step.getStartupStep().getTags();
      String bean = null;
      for (var tag : tags) {
        if (tag.getKey().equals("beanName")) {
          bean = tag.getValue();
        }
      }
      if (step.getStartupStep().getName().equals("spring.beans.instantiate")
          && bean != null
          && bean.startsWith("snowplow")
          && !bean.equals("snowplowTracker")) {
        // The starter's beans; snowplowTracker hands out what snowplowTrackers built, inside it.
        snowplow += step.getDuration().toNanos();
      }
    }
    context.close();
    System.out.printf(
        Locale.ROOT,
        "startup %-8s total %6.0f ms, Snowplow beans %6.1f ms%n",
        variant,
        total / 1e6,
        snowplow / 1e6);
  }

  private static void requests(int count, int rounds, TestCollector collector) {
    String[] variants = {"none", "filter", "starter"};
    ShopServer[] servers = new ShopServer[variants.length];
    for (int i = 0; i < variants.length; i++) {
      servers[i] = new ShopServer(start(variants[i], collector, null));
    }
    String[] paths = {"/page", "/api/basket"};
    long[][][] all = new long[variants.length][paths.length][count * rounds];
    for (int round = -1; round < rounds; round++) {
      for (int p = 0; p < paths.length; p++) {
        // Request by request in turn, so that the machine's other load falls on all three alike.
        for (int n = 0; n < count; n++) {
          for (int v = 0; v < variants.length; v++) {
            long start = System.nanoTime();
            int status = servers[v].get(paths[p], "Cookie", COOKIES).statusCode();
            long took = System.nanoTime() - start;
            if (status != 200) {
              throw new IllegalStateException(variants[v] + " " + paths[p] + ": " + status);
            }
            if (round >= 0) {
              all[v][p][round * count + n] = took;
            }
          }
        }
      }
      collector.takeRequests();
    }
    for (int p = 0; p < paths.length; p++) {
      for (int v = 0; v < variants.length; v++) {
        long[] times = all[v][p];
        Arrays.sort(times);
        System.out.printf(
            Locale.ROOT,
            "%-12s %-8s mean %6.1f µs  p50 %6.1f µs  p90 %6.1f µs  p99 %6.1f µs  (n=%d)%n",
            paths[p],
            variants[v],
            Arrays.stream(times).average().orElse(0) / 1e3,
            times[times.length / 2] / 1e3,
            times[times.length * 9 / 10] / 1e3,
            times[times.length * 99 / 100] / 1e3,
            times.length);
      }
    }
    for (ShopServer server : servers) {
      server.close();
    }
  }
}
