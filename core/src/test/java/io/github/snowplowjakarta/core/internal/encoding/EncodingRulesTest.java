package io.github.snowplowjakarta.core.internal.encoding;

import static io.github.snowplowjakarta.core.testing.Fixtures.FIXED_CLOCK;
import static io.github.snowplowjakarta.core.testing.Fixtures.NOW_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.event.Event;
import io.github.snowplowjakarta.core.event.PageView;
import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.RandomUuids;
import io.github.snowplowjakarta.core.testing.Fixtures;
import io.github.snowplowjakarta.testing.IgluSchemas;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncodingRulesTest {
  private static final IgluSchemas SCHEMAS = new IgluSchemas();

  private static JsonNode encode(TrackerSettings settings, Event event, Subject subject) {
    PayloadEncoder encoder = new PayloadEncoder(settings, FIXED_CLOCK, Fixtures.sequentialIds());
    return TrackerPayloads.parse(
        encoder.encode(event, subject, Anonymisation.FULL_TRACKING).get(0).toJson(NOW_MILLIS));
  }

  @Test
  void base64FieldsDecodeToExactlyThePlainJson() {
    for (Event event : List.of(Fixtures.selfDescribing(), Fixtures.pageView())) {
      JsonNode plain =
          encode(TrackerSettings.builder().appId("a").base64(false).build(), event, null);
      JsonNode base64 =
          encode(TrackerSettings.builder().appId("a").base64(true).build(), event, null);

      assertThat(base64.has("co")).isFalse();
      assertThat(TrackerPayloads.decodeJsonField(base64, "cx")).isEqualTo(plain.get("co").asText());
      if (plain.has("ue_pr")) {
        assertThat(base64.has("ue_pr")).isFalse();
        assertThat(TrackerPayloads.decodeJsonField(base64, "ue_px"))
            .isEqualTo(plain.get("ue_pr").asText());
      }
      assertThat(base64.get("cx").asText()).matches("[A-Za-z0-9_-]+");
    }
  }

  @Test
  void base64RoundTripsTextOutsideAscii() {
    SelfDescribingJson entity =
        SelfDescribingJson.of(
            Fixtures.GDPR_SCHEMA,
            Fixtures.ordered(
                "basisForProcessing",
                "consent",
                "documentDescription",
                "Zustimmung für Größen 🎉 ~~~ ???"));
    Event event = PageView.builder().url("https://example.com/").entity(entity).build();

    JsonNode base64 = encode(TrackerSettings.of("a"), event, null);

    assertThat(TrackerPayloads.entities(base64).get(0).at("/data/documentDescription").asText())
        .isEqualTo("Zustimmung für Größen 🎉 ~~~ ???");
  }

  @ParameterizedTest
  @CsvSource({
    "49.95, 49.95",
    "5, 5",
    "5.10, 5.1",
    "0, 0",
    "-0.0, 0",
    "-12.5, -12.5",
    "1e20, 100000000000000000000",
    "1.5e-7, 0.00000015",
    "123456789.123, 123456789.123"
  })
  void decimalsArePlainStrings(double value, String expected) {
    assertThat(PayloadEncoder.decimal(value)).isEqualTo(expected);
    JsonNode event =
        encode(
            TrackerSettings.of("a"),
            Structured.builder().category("c").action("a").value(value).build(),
            null);
    assertThat(event.get("se_va").asText()).isEqualTo(expected);
  }

  @Test
  void valuesOverTheAtomicLimitsAreCutToTheLimitInCodePoints() {
    String longUrl = "https://example.com/" + "a".repeat(5000);
    String emojiTitle = "🎉".repeat(2500);
    Subject subject =
        Subject.builder()
            .userAgent("u".repeat(1500))
            .userId("x".repeat(300))
            .domainUserId("d".repeat(200))
            .build();
    Event event =
        PageView.builder().url(longUrl).title(emojiTitle).referrer("r".repeat(4097)).build();

    JsonNode json = encode(TrackerSettings.of("a".repeat(300)), event, subject);

    assertThat(json.get("url").asText()).isEqualTo(longUrl.substring(0, 4096));
    assertThat(json.get("page").asText()).isEqualTo("🎉".repeat(2000));
    assertThat(json.get("refr").asText()).hasSize(4096);
    assertThat(json.get("ua").asText()).hasSize(1000);
    assertThat(json.get("uid").asText()).hasSize(255);
    assertThat(json.get("duid").asText()).hasSize(128);
    assertThat(json.get("aid").asText()).hasSize(255);
    assertThat(SCHEMAS.validateEvent(json)).isEmpty();
  }

  @Test
  void valuesAtTheLimitAreKeptWhole() {
    String url = "https://example.com/" + "a".repeat(4096 - 20);

    JsonNode json = encode(TrackerSettings.of("a"), PageView.builder().url(url).build(), null);

    assertThat(json.get("url").asText()).isEqualTo(url);
  }

  @Test
  void unpairedSurrogatesBecomeReplacementCharacters() {
    String broken = "caf\uD800e \uDC00 ok 🎉";
    SelfDescribingJson entity =
        SelfDescribingJson.of(
            Fixtures.GDPR_SCHEMA,
            Fixtures.ordered("basisForProcessing", "consent", "documentId", broken));

    JsonNode json =
        encode(
            TrackerSettings.of("a"),
            PageView.builder().url("https://example.com/").title(broken).entity(entity).build(),
            null);

    assertThat(json.get("page").asText()).isEqualTo("caf\uFFFDe \uFFFD ok 🎉");
    assertThat(TrackerPayloads.entities(json).get(0).at("/data/documentId").asText())
        .isEqualTo("caf\uFFFDe \uFFFD ok 🎉");
  }

  @Test
  void queryStringDecodesBackToTheSameFields() {
    PayloadEncoder encoder =
        new PayloadEncoder(TrackerSettings.of("shop"), FIXED_CLOCK, Fixtures.sequentialIds());
    EncodedEvent event =
        encoder
            .encode(Fixtures.pageView(), Fixtures.fullSubject(), Anonymisation.FULL_TRACKING)
            .get(0);

    Map<String, String> fromQuery = new LinkedHashMap<>();
    for (String pair : event.toQueryString(NOW_MILLIS).split("&")) {
      String[] kv = pair.split("=", 2);
      assertThat(kv[1]).doesNotContain("+", " ");
      fromQuery.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }

    assertThat(fromQuery)
        .isEqualTo(TrackerPayloads.fields(TrackerPayloads.parse(event.toJson(NOW_MILLIS))));
  }

  @Test
  void sizeInBytesIsTheExactSizeInAPostBody() {
    PayloadEncoder encoder = new PayloadEncoder(TrackerSettings.of("shop"));
    List<EncodedEvent> events =
        encoder.encode(Fixtures.transaction(), Fixtures.fullSubject(), Anonymisation.FULL_TRACKING);

    byte[] body = PostBody.toBytes(events, System.currentTimeMillis());

    assertThat(PostBody.sizeInBytes(events)).isEqualTo(body.length);
    assertThat(events.get(0).sizeInBytes())
        .isEqualTo(events.get(0).toJson(NOW_MILLIS).getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void everyEventGetsItsOwnVersion4EventId() {
    PayloadEncoder encoder = new PayloadEncoder(TrackerSettings.of("shop"));
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      EncodedEvent event =
          encoder.encode(Fixtures.pageView(), null, Anonymisation.ANONYMOUS_SERVER).get(0);
      UUID id = UUID.fromString(event.eventId());
      assertThat(id.version()).isEqualTo(4);
      assertThat(id.variant()).isEqualTo(2);
      ids.add(event.eventId());
    }
    assertThat(ids).hasSize(10_000);
    assertThat(RandomUuids.INSTANCE.get()).isNotEqualTo(RandomUuids.INSTANCE.get());
  }

  @Test
  void dtmIsTheClockInMillisecondsAndStmTheSendTime() {
    JsonNode json = encode(TrackerSettings.of("a"), Fixtures.pageView(), null);

    assertThat(json.get("dtm").asText()).isEqualTo(Long.toString(NOW_MILLIS));
    assertThat(json.get("stm").asText()).isEqualTo(Long.toString(NOW_MILLIS));
    assertThat(json.get("ttm").asText())
        .isEqualTo(Long.toString(Fixtures.TRUE_TIMESTAMP.toEpochMilli()));
  }

  @Test
  void trackerSettingsGoInEveryEvent() {
    TrackerSettings settings =
        TrackerSettings.builder()
            .appId("shop")
            .namespace("web1")
            .platform(io.github.snowplowjakarta.core.Platform.WEB)
            .trackerVersion("custom-1")
            .build();

    JsonNode json = encode(settings, Fixtures.structured(), null);

    assertThat(TrackerPayloads.fields(json))
        .containsEntry("aid", "shop")
        .containsEntry("tna", "web1")
        .containsEntry("p", "web")
        .containsEntry("tv", "custom-1");
  }
}
