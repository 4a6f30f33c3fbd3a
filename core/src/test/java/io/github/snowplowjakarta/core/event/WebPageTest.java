package io.github.snowplowjakarta.core.event;

import static io.github.snowplowjakarta.core.testing.Fixtures.NOW_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.internal.encoding.PayloadEncoder;
import io.github.snowplowjakarta.core.internal.encoding.PostBody;
import io.github.snowplowjakarta.core.testing.Fixtures;
import io.github.snowplowjakarta.testing.IgluSchemas;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebPageTest {
  @Test
  void isWhatTheJsonWriterMakesOfTheId() {
    for (int i = 0; i < 1_000; i++) {
      String id = UUID.randomUUID().toString();
      if (i % 2 == 1) {
        id = id.toUpperCase(java.util.Locale.ROOT);
      }
      assertThat(WebPage.entity(id).toJson())
          .isEqualTo(SelfDescribingJson.of(WebPage.SCHEMA, Map.of("id", id)).toJson());
    }
  }

  @Test
  void validatesOnAPageView() {
    PayloadEncoder encoder =
        new PayloadEncoder(
            TrackerSettings.builder().appId("shop").build(),
            Fixtures.FIXED_CLOCK,
            Fixtures.sequentialIds());
    PageView pageView =
        PageView.builder()
            .url("https://shop.example.com/")
            .entity(WebPage.entity("a86c42e5-b831-45c8-b706-e214c26b4b3d"))
            .build();
    String body =
        PostBody.toJson(
            encoder.encode(pageView, Fixtures.fullSubject(), Anonymisation.FULL_TRACKING),
            NOW_MILLIS);
    assertThat(new IgluSchemas().validatePostBody(body)).isEmpty();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "a86c42e5-b831-45c8-b706-e214c26b4b3",
        "a86c42e5-b831-45c8-b706-e214c26b4b3d0",
        "a86c42e5-b831-45c8-b706-e214c26b4b3g",
        "a86c42e5\"b831-45c8-b706-e214c26b4b3d"
      })
  void refusesAnIdThatIsNotAUuid(String id) {
    assertThatThrownBy(() -> WebPage.entity(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pageViewId must be a UUID");
  }
}
