package io.github.snowplowjakarta.core.internal.encoding;

import static io.github.snowplowjakarta.core.testing.Fixtures.FIXED_CLOCK;
import static io.github.snowplowjakarta.core.testing.Fixtures.NOW_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.event.Event;
import io.github.snowplowjakarta.core.event.PageView;
import io.github.snowplowjakarta.core.event.SelfDescribing;
import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.testing.Fixtures;
import io.github.snowplowjakarta.testing.IgluSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaValidityTest {
  private static final IgluSchemas SCHEMAS = new IgluSchemas();

  static Stream<Arguments> everyEventTypeEncodingAndAnonymisation() {
    List<Arguments> cases = new ArrayList<>();
    for (Event event : Fixtures.everyEventType()) {
      for (boolean base64 : new boolean[] {true, false}) {
        for (Anonymisation.Level level : Anonymisation.Level.values()) {
          if (level == Anonymisation.Level.OFF) {
            continue; // never encoded: TrackerTest
          }
          for (boolean server : new boolean[] {false, true}) {
            cases.add(
                Arguments.of(
                    event.getClass().getSimpleName(),
                    event,
                    base64,
                    new Anonymisation(level, server)));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} base64={2} {3}")
  @MethodSource("everyEventTypeEncodingAndAnonymisation")
  void everyEventValidatesAgainstTheRealSchemas(
      String type, Event event, boolean base64, Anonymisation anonymisation) {
    PayloadEncoder encoder =
        new PayloadEncoder(
            TrackerSettings.builder()
                .appId("shop")
                .base64(base64)
                .clientSessionEntity(true)
                .build(),
            FIXED_CLOCK,
            Fixtures.sequentialIds());

    List<EncodedEvent> encoded = encoder.encode(event, Fixtures.fullSubject(), anonymisation);
    String body = PostBody.toJson(encoded, NOW_MILLIS + 5);

    assertThat(SCHEMAS.validatePostBody(body)).isEmpty();
  }

  @Test
  void minimalEventsValidateToo() {
    PayloadEncoder encoder = new PayloadEncoder(TrackerSettings.of("shop"));
    List<EncodedEvent> encoded = new ArrayList<>();
    encoded.addAll(
        encoder.encode(
            PageView.builder().url("https://example.com/").build(),
            null,
            Anonymisation.FULL_TRACKING));
    encoded.addAll(
        encoder.encode(
            Structured.builder().category("c").action("a").build(),
            Subject.EMPTY,
            Anonymisation.ANONYMOUS_SERVER));
    encoded.addAll(
        encoder.encode(
            SelfDescribing.builder()
                .data(
                    SelfDescribingJson.of(
                        Fixtures.TIMING_SCHEMA,
                        Map.of("category", "c", "variable", "v", "timing", 1)))
                .build(),
            null,
            Anonymisation.ANONYMOUS_WITH_SESSION));

    assertThat(SCHEMAS.validatePostBody(PostBody.toJson(encoded, NOW_MILLIS))).isEmpty();
  }

  @Test
  void theValidatorCatchesWhatTheSchemasForbid() {
    String numberValue =
        "{\"schema\":\""
            + PayloadEncoder.PAYLOAD_DATA_SCHEMA
            + "\",\"data\":[{\"e\":\"pv\",\"tv\":\"t\",\"p\":\"srv\",\"dtm\":1}]}";
    String unknownKey =
        "{\"schema\":\""
            + PayloadEncoder.PAYLOAD_DATA_SCHEMA
            + "\",\"data\":[{\"e\":\"pv\",\"tv\":\"t\",\"p\":\"srv\",\"zz\":\"1\"}]}";
    String badEntity =
        "{\"schema\":\""
            + PayloadEncoder.PAYLOAD_DATA_SCHEMA
            + "\",\"data\":[{\"e\":\"pv\",\"tv\":\"t\",\"p\":\"srv\",\"co\":\"{\\\"schema\\\":\\\""
            + PayloadEncoder.CONTEXTS_SCHEMA
            + "\\\",\\\"data\\\":[{\\\"schema\\\":\\\""
            + Fixtures.WEB_PAGE_SCHEMA
            + "\\\",\\\"data\\\":{\\\"id\\\":\\\"not-a-uuid\\\"}}]}\"}]}";

    assertThat(SCHEMAS.validatePostBody(numberValue)).isNotEmpty();
    assertThat(SCHEMAS.validatePostBody(unknownKey)).isNotEmpty();
    assertThat(SCHEMAS.validatePostBody(badEntity)).anyMatch(e -> e.contains("web_page"));
  }
}
