package io.github.snowplowjakarta.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TestCollector.Request;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Spring Boot application on embedded Tomcat with nothing but the starter and properties: the
 * consent journey through real requests to the test collector.
 */
class SpringBootJourneyTest {
  static final String DUID = "c8e4b7a2-3f1d-4e5a-9b6c-7d8e9f0a1b2c";
  static final String SID = "0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e";
  static final String IDENTITY =
      "_sp_id.1fff="
          + DUID
          + ".1700000000.3.1700000500.1699990000."
          + SID
          + ".aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee.ffffffff-1111-4222-8333-444444444444.1700000000123.7"
          + "; _sp_ses.1fff=*";

  private static TestCollector collector;
  private static ShopServer shop;

  @BeforeAll
  static void start() {
    collector = TestCollector.start();
    shop = new ShopServer(collector, new Class<?>[] {ShopApplication.class});
  }

  @AfterAll
  static void stop() {
    if (shop != null) {
      shop.close();
    }
    collector.close();
  }

  /** The request holding the first event whose field {@code key} ends with {@code marker}. */
  private static Request awaitRequestWith(String key, String marker) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> find(key, marker), Optional::isPresent)
        .orElseThrow();
  }

  private static Optional<Request> find(String key, String marker) {
    return collector.requests().stream()
        .filter(r -> r.events().stream().anyMatch(e -> matches(e, key, marker)))
        .findFirst();
  }

  private static boolean matches(JsonNode event, String key, String marker) {
    return event.has(key) && event.get(key).asText().endsWith(marker);
  }

  private static Map<String, String> event(Request request, String key, String marker) {
    return TrackerPayloads.fields(
        request.events().stream().filter(e -> matches(e, key, marker)).findFirst().orElseThrow());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // choice, cookie, duid, sid, ip, SP-Anonymous
    "all,      sp_consent=all,     true,  true,  true,  false",
    "session,  sp_consent=session, false, true,  true,  false",
    "none,     sp_consent=none,    false, false, false, true",
    "no-choice, ,                  false, false, false, true",
  })
  void aPageViewIsTrackedAtTheLevelTheVisitorChose(
      String choice, String cookie, boolean duid, boolean sid, boolean ip, boolean anonymous) {
    String cookies = cookie == null ? IDENTITY : cookie + "; " + IDENTITY;
    assertThat(shop.get("/page?case=" + choice, "Cookie", cookies).statusCode()).isEqualTo(200);

    Request request = awaitRequestWith("url", "?case=" + choice);
    Map<String, String> pv = event(request, "url", "?case=" + choice);
    assertThat(pv)
        .containsEntry("e", "pv")
        .containsEntry("p", "web")
        .containsEntry("aid", "shop")
        .containsEntry("page", "The shop");
    assertThat(pv.containsKey("duid")).as("duid").isEqualTo(duid);
    assertThat(pv.containsKey("sid")).as("sid").isEqualTo(sid);
    assertThat(pv.containsKey("ip")).as("ip").isEqualTo(ip);
    assertThat(request.anonymous()).as("SP-Anonymous").isEqualTo(anonymous);
    assertThat(collector.validationErrors()).isEmpty();
  }

  @Test
  void theInjectedTrackerFollowsTheRequestsConsentAndAJsonAnswerIsNoPageView() {
    assertThat(
            shop.get("/api/basket?case=json-all", "Cookie", "sp_consent=all; " + IDENTITY).body())
        .isEqualTo("{\"items\":2}");
    Request full = awaitRequestWith("se_ac", "basket");
    assertThat(event(full, "se_ac", "basket"))
        .containsEntry("p", "srv")
        .containsEntry("aid", "shop")
        .containsEntry("duid", DUID);
    assertThat(full.anonymous()).isFalse();
    awaitRequestWith("se_ac", "provider");

    shop.get("/api/basket?case=json-none", "Cookie", "sp_consent=none; " + IDENTITY);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                collector.acceptedEvents().stream()
                        .filter(e -> matches(e, "se_ac", "basket"))
                        .count()
                    == 2);
    List<Request> anonymous =
        collector.requests().stream()
            .filter(r -> r.events().stream().anyMatch(e -> matches(e, "se_ac", "basket")))
            .filter(Request::anonymous)
            .toList();
    assertThat(anonymous).hasSize(1);
    assertThat(event(anonymous.get(0), "se_ac", "basket")).doesNotContainKeys("duid", "sid", "ip");

    assertThat(collector.acceptedEvents())
        .noneMatch(e -> e.get("e").asText().equals("pv") && e.get("url").asText().contains("/api"));
  }

  @Test
  void aConsentSourceBeanDecides() {
    shop.get("/page?case=bean-no", "X-Shop-Consent", "no", "Cookie", "sp_consent=all; " + IDENTITY);
    Request request = awaitRequestWith("url", "?case=bean-no");
    assertThat(event(request, "url", "?case=bean-no")).doesNotContainKeys("duid", "sid");
    assertThat(request.anonymous()).isTrue();
  }

  @Test
  void aTrackedMethodOfASpringBeanIsTrackedWithoutTheCdiApi() {
    assertThatThrownBy(() -> Class.forName("jakarta.enterprise.inject.spi.Extension"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("jakarta.interceptor.InterceptorBinding"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("org.aspectj.weaver.Advice"))
        .isInstanceOf(ClassNotFoundException.class);

    shop.get("/api/refused", "Cookie", "sp_consent=all; " + IDENTITY);
    shop.get("/api/checkout", "Cookie", "sp_consent=all; " + IDENTITY);

    Request request = awaitRequestWith("se_ac", "checkout");
    assertThat(event(request, "se_ac", "checkout"))
        .containsEntry("se_ca", "shop")
        .containsEntry("se_la", "basket")
        .containsEntry("duid", DUID);
    // A method that throws is not tracked; the one called after it was, so it would have been.
    assertThat(collector.acceptedEvents()).noneMatch(e -> matches(e, "se_ac", "refuse"));
  }
}
