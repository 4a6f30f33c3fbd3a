package io.github.snowplowjakarta.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** URLs and referrers free of personal data and framework ids, at every consent level. */
class UrlRedactionTest {
  @RegisterExtension final FilterFixture fixture = FilterFixture.perTest();
  private final TestCollector collector = fixture.collector();
  private TestApp app;

  private Map<String, String> onlyEvent() {
    JsonNode event = collector.acceptedEvents().get(0);
    assertThat(collector.acceptedEvents()).hasSize(1);
    return TrackerPayloads.fields(event);
  }

  @Test
  void anAnonymousPageViewCarriesNoEmailAddressOrWindowId() {
    app = TestApp.withTracker(collector, Map.of());

    app.get(
        "/users/anna%40example.com/show.xhtml?trackingId=ABC123&jfwid=535a6901-47f6%3A0"
            + "&q=write+to+anna.k%40example.co.uk&email=anna%40example.com",
        "Referer",
        "https://shop.example.org/admin/list.xhtml;jsessionid=0AF3?jakarta.faces.ViewState="
            + "-123%3A456&to=anna@example.com&page=2#anna@example.com");
    app.flush();

    assertThat(onlyEvent())
        .containsEntry(
            "url",
            app.uri("/users/redacted-email/show.xhtml?trackingId=ABC123&q=redacted-email")
                .toString())
        .containsEntry("refr", "https://shop.example.org/admin/list.xhtml?to=redacted-email&page=2")
        .containsEntry("page", "Test page /users/redacted-email/show.xhtml");
  }

  @Test
  void theConfiguredDenylistAddsToTheDefaults() {
    app = TestApp.withTracker(collector, Map.of("snowplow.query.denylist", "campaign"));

    app.get("/page?campaign=x&jfwid=1&colour=red");
    app.flush();

    assertThat(onlyEvent()).containsEntry("url", app.uri("/page?colour=red").toString());
  }

  @Test
  void namesThatCarryADeniedWordAndSemicolonSeparatedPairsGoToo() {
    app = TestApp.withTracker(collector, Map.of());

    app.get(
        "/page?a=1;token=X&user%5Bemail%5D=x&customer_phone=1&billing.address=y"
            + "&promo_code=SAVE&amp;accessToken=z;b=2");
    app.flush();

    assertThat(onlyEvent())
        .containsEntry("url", app.uri("/page?a=1&promo_code=SAVE;b=2").toString());
  }
}
