package io.github.snowplowjakarta.core.internal.encoding;

import static io.github.snowplowjakarta.core.testing.Fixtures.FIXED_CLOCK;
import static io.github.snowplowjakarta.core.testing.Fixtures.NOW_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.event.BasisForProcessing;
import io.github.snowplowjakarta.core.event.CmpVisible;
import io.github.snowplowjakarta.core.event.ConsentDocument;
import io.github.snowplowjakarta.core.event.ConsentGranted;
import io.github.snowplowjakarta.core.event.ConsentPreferences;
import io.github.snowplowjakarta.core.event.ConsentWithdrawn;
import io.github.snowplowjakarta.core.event.Event;
import io.github.snowplowjakarta.core.testing.Fixtures;
import io.github.snowplowjakarta.testing.IgluSchemas;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What each consent call sends, as the browser tracker's consent plugins send it: the schema, the
 * data with absent values left out, and the {@code consent_document} entity after the caller's.
 */
class ConsentEventsTest {
  private static final IgluSchemas SCHEMAS = new IgluSchemas();
  private static final String DOCUMENT_SCHEMA = ConsentDocument.SCHEMA;

  private static JsonNode sent(Event event, boolean base64) {
    PayloadEncoder encoder =
        new PayloadEncoder(
            TrackerSettings.builder().appId("shop").base64(base64).build(),
            FIXED_CLOCK,
            Fixtures.sequentialIds());
    List<EncodedEvent> encoded = encoder.encode(event, null, Anonymisation.ANONYMOUS_SERVER);
    SCHEMAS.assertValidPostBody(PostBody.toJson(encoded, NOW_MILLIS));
    JsonNode json = TrackerPayloads.parse(encoded.get(0).toJson(NOW_MILLIS));
    assertThat(json.get("e").asText()).isEqualTo("ue");
    assertThat(json.has(base64 ? "ue_px" : "ue_pr")).isTrue();
    return json;
  }

  @ParameterizedTest(name = "base64={0}")
  @ValueSource(booleans = {true, false})
  void consentGrantedSendsItsExpiryAndItsDocumentLast(boolean base64) {
    JsonNode json = sent(Fixtures.consentGranted(), base64);

    JsonNode event = TrackerPayloads.selfDescribingEvent(json);
    assertThat(event.get("schema").asText()).isEqualTo(ConsentGranted.SCHEMA);
    assertThat(event.get("data").toString()).isEqualTo("{\"expiry\":\"2025-11-14T22:13:20Z\"}");
    List<JsonNode> entities = TrackerPayloads.entities(json);
    assertThat(entities)
        .extracting(e -> e.get("schema").asText())
        .last()
        .isEqualTo(DOCUMENT_SCHEMA);
    assertThat(entities.get(entities.size() - 1).get("data").toString())
        .isEqualTo(
            "{\"id\":\"privacy-policy\",\"version\":\"2024-05\",\"name\":\"Privacy policy\","
                + "\"description\":\"How the shop uses your data\"}");
    assertThat(entities).hasSize(3);
  }

  @ParameterizedTest(name = "base64={0}")
  @ValueSource(booleans = {true, false})
  void consentGrantedWithoutExpiryOrOptionalDocumentFieldsLeavesThemOut(boolean base64) {
    JsonNode json =
        sent(
            ConsentGranted.builder()
                .document(ConsentDocument.of("terms", "3").withName(" "))
                .expiry(null)
                .build(),
            base64);

    assertThat(TrackerPayloads.selfDescribingEvent(json).get("data").toString()).isEqualTo("{}");
    assertThat(TrackerPayloads.entities(json))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.get("data").toString())
                    .isEqualTo("{\"id\":\"terms\",\"version\":\"3\"}"));
  }

  @ParameterizedTest(name = "base64={0}")
  @ValueSource(booleans = {true, false})
  void anExpiryIsSentToTheMillisecondInUtc(boolean base64) {
    JsonNode json =
        sent(
            ConsentGranted.builder()
                .document(ConsentDocument.of("terms", "3"))
                .expiry(Instant.parse("2026-03-01T12:00:00.123456Z"))
                .build(),
            base64);

    assertThat(TrackerPayloads.selfDescribingEvent(json).at("/data/expiry").asText())
        .isEqualTo("2026-03-01T12:00:00.123Z");
  }

  @ParameterizedTest(name = "base64={0}")
  @ValueSource(booleans = {true, false})
  void withdrawingOneConsentSendsAllFalseAndItsDocument(boolean base64) {
    JsonNode json = sent(Fixtures.consentWithdrawn(), base64);

    JsonNode event = TrackerPayloads.selfDescribingEvent(json);
    assertThat(event.get("schema").asText()).isEqualTo(ConsentWithdrawn.SCHEMA);
    assertThat(event.get("data").toString()).isEqualTo("{\"all\":false}");
    assertThat(TrackerPayloads.entities(json, DOCUMENT_SCHEMA))
        .singleElement()
        .satisfies(e -> assertThat(e.at("/data/id").asText()).isEqualTo("privacy-policy"));
  }

  @ParameterizedTest(name = "base64={0}")
  @ValueSource(booleans = {true, false})
  void withdrawingEverythingWithoutADocumentSendsNoEmptyDocument(boolean base64) {
    JsonNode json = sent(ConsentWithdrawn.builder().all(true).build(), base64);

    assertThat(TrackerPayloads.selfDescribingEvent(json).get("data").toString())
        .isEqualTo("{\"all\":true}");
    assertThat(json.has("cx") || json.has("co")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ConsentPreferences.Type.class)
  void everyPreferencesTypeSendsItsEventTypeAndTheRequiredFields(ConsentPreferences.Type type) {
    for (boolean base64 : new boolean[] {true, false}) {
      JsonNode json =
          sent(
              ConsentPreferences.builder(type)
                  .basisForProcessing(BasisForProcessing.LEGITIMATE_INTERESTS)
                  .consentUrl("https://shop.example.com/privacy")
                  .consentVersion("2024-05")
                  .consentScopes(List.of("necessary"))
                  .domainsApplied("shop.example.com", "www.example.com")
                  .build(),
              base64);

      JsonNode event = TrackerPayloads.selfDescribingEvent(json);
      assertThat(event.get("schema").asText()).isEqualTo(ConsentPreferences.SCHEMA);
      assertThat(event.get("data").toString())
          .isEqualTo(
              "{\"eventType\":\""
                  + type.code()
                  + "\",\"basisForProcessing\":\"legitimate_interests\","
                  + "\"consentUrl\":\"https://shop.example.com/privacy\",\"consentVersion\":\"2024-05\","
                  + "\"consentScopes\":[\"necessary\"],"
                  + "\"domainsApplied\":[\"shop.example.com\",\"www.example.com\"]}");
    }
  }

  @ParameterizedTest(name = "base64={0}")
  @ValueSource(booleans = {true, false})
  void gdprAppliesIsSentWhenSaid(boolean base64) {
    JsonNode json = sent(Fixtures.consentPreferences(), base64);

    JsonNode data = TrackerPayloads.selfDescribingEvent(json).get("data");
    assertThat(data.get("eventType").asText()).isEqualTo("allow_selected");
    assertThat(data.get("gdprApplies").asBoolean()).isTrue();
    assertThat(data.get("consentScopes").toString()).isEqualTo("[\"necessary\",\"analytics\"]");
  }

  @ParameterizedTest(name = "base64={0}")
  @ValueSource(booleans = {true, false})
  void cmpVisibleSendsTheElapsedTime(boolean base64) {
    JsonNode json = sent(CmpVisible.builder().elapsedTime(250).build(), base64);

    JsonNode event = TrackerPayloads.selfDescribingEvent(json);
    assertThat(event.get("schema").asText()).isEqualTo(CmpVisible.SCHEMA);
    assertThat(event.at("/data/elapsedTime").asDouble()).isEqualTo(250.0);
  }

  @Test
  void theValidatorRefusesWhatTheConsentSchemasForbid() {
    String badDocument =
        "{\"schema\":\""
            + PayloadEncoder.PAYLOAD_DATA_SCHEMA
            + "\",\"data\":[{\"e\":\"ue\",\"tv\":\"t\",\"p\":\"srv\",\"ue_pr\":\"{\\\"schema\\\":\\\""
            + PayloadEncoder.UNSTRUCT_EVENT_SCHEMA
            + "\\\",\\\"data\\\":{\\\"schema\\\":\\\""
            + ConsentWithdrawn.SCHEMA
            + "\\\",\\\"data\\\":{}}}\"}]}";

    assertThat(SCHEMAS.validatePostBody(badDocument))
        .anyMatch(e -> e.contains("consent_withdrawn"));
  }
}
