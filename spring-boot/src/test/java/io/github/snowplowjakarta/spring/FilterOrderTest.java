package io.github.snowplowjakarta.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The filter runs after a filter at Spring Security's order (-100), so it sees the user that filter
 * authenticated.
 */
class FilterOrderTest {
  /** Stands in for Spring Security's filter chain: at its order, it sets the user. */
  @Configuration(proxyBeanMethods = false)
  static class SecurityLike {
    static final int SPRING_SECURITY_ORDER = -100;

    @Bean
    FilterRegistrationBean<Filter> securityLikeFilter() {
      Filter authenticate =
          (request, response, chain) ->
              chain.doFilter(
                  new HttpServletRequestWrapper((HttpServletRequest) request) {
                    @Override
                    public Principal getUserPrincipal() {
                      return () -> "alice";
                    }
                  },
                  response);
      FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(authenticate);
      registration.setOrder(SPRING_SECURITY_ORDER);
      return registration;
    }
  }

  @Test
  void theUserASpringSecurityOrderedFilterAuthenticatedIsTheUserId() {
    try (TestCollector collector = TestCollector.start();
        ShopServer shop =
            new ShopServer(
                collector,
                new Class<?>[] {ShopApplication.class, SecurityLike.class},
                "snowplow.user-id.from-principal=true")) {
      shop.get("/page?case=user", "Cookie", "sp_consent=all");

      Map<String, String> pv =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () ->
                      collector.acceptedEvents().stream()
                          .filter(e -> e.path("url").asText().endsWith("?case=user"))
                          .findFirst()
                          .map(TrackerPayloads::fields),
                  java.util.Optional::isPresent)
              .orElseThrow();
      assertThat(pv).containsEntry("uid", "alice");
    }
  }
}
