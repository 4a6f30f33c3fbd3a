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
import io.github.snowplowjakarta.core.event.ConsentGranted;
import io.github.snowplowjakarta.core.event.ConsentPreferences;
import io.github.snowplowjakarta.core.event.ConsentWithdrawn;
import io.github.snowplowjakarta.core.event.EcommerceTransaction;
import io.github.snowplowjakarta.core.event.EcommerceTransactionItem;
import io.github.snowplowjakarta.core.event.Event;
import io.github.snowplowjakarta.core.event.Gdpr;
import io.github.snowplowjakarta.core.event.PagePing;
import io.github.snowplowjakarta.core.event.PageView;
import io.github.snowplowjakarta.core.event.SelfDescribing;
import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.testing.Fixtures;
import io.github.snowplowjakarta.testing.IgluSchemas;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tracker's GDPR entity: on every event, replaced by an event's own. */
class GdprEntityTest {
  private static final IgluSchemas SCHEMAS = new IgluSchemas();
  private static final Gdpr TRACKERS =
      new Gdpr(BasisForProcessing.CONTRACT, "terms", "7", "The terms of sale");

  private static List<JsonNode> encode(Gdpr gdpr, boolean base64, Event event) {
    PayloadEncoder encoder =
        new PayloadEncoder(
            TrackerSettings.builder().appId("shop").base64(base64).gdpr(gdpr).build(),
            FIXED_CLOCK,
            Fixtures.sequentialIds());
    List<EncodedEvent> encoded =
        encoder.encode(event, Fixtures.fullSubject(), Anonymisation.FULL_TRACKING);
    SCHEMAS.assertValidPostBody(PostBody.toJson(encoded, NOW_MILLIS));
    return encoded.stream().map(e -> TrackerPayloads.parse(e.toJson(NOW_MILLIS))).toList();
  }

  private static List<Event> eventsWithoutGdpr() {
    return List.of(
        PageView.builder().url("https://shop.example.com/").build(),
        PagePing.builder().url("https://shop.example.com/").offsets(0, 0, 0, 10).build(),
        Structured.builder().category("shop").action("view").entity(Fixtures.webPage()).build(),
        SelfDescribing.builder()
            .data(
                SelfDescribingJson.of(
                    Fixtures.TIMING_SCHEMA, Map.of("category", "c", "variable", "v", "timing", 1)))
            .build(),
        EcommerceTransaction.builder()
            .orderId("o-1")
            .totalValue(10)
            .item(EcommerceTransactionItem.builder().sku("s").price(10).quantity(1).build())
            .build(),
        ConsentGranted.builder().document(Fixtures.PRIVACY_POLICY).build(),
        ConsentWithdrawn.builder().all(true).build(),
        ConsentPreferences.denyAll()
            .basisForProcessing(BasisForProcessing.CONSENT)
            .consentUrl("https://shop.example.com/privacy")
            .consentVersion("1")
            .consentScopes("necessary")
            .domainsApplied("shop.example.com")
            .build(),
        CmpVisible.builder().elapsedTime(0).build());
  }

  @ParameterizedTest(name = "base64={0}")
  @ValueSource(booleans = {true, false})
  void theTrackersGdprEntityGoesWithEveryEvent(boolean base64) {
    for (Event event : eventsWithoutGdpr()) {
      for (JsonNode json : encode(TRACKERS, base64, event)) {
        assertThat(TrackerPayloads.entities(json, Gdpr.SCHEMA_PREFIX))
            .as(event.getClass().getSimpleName() + " " + json.get("e"))
            .singleElement()
            .satisfies(
                e ->
                    assertThat(e.get("data").toString())
                        .isEqualTo(
                            "{\"basisForProcessing\":\"contract\",\"documentId\":\"terms\","
                                + "\"documentVersion\":\"7\",\"documentDescription\":\"The terms of sale\"}"));
      }
    }
  }

  @Test
  void aBasisAloneSendsTheDocumentFieldsAsNullAsTheBrowserTrackerDoes() {
    JsonNode json =
        encode(Gdpr.of(BasisForProcessing.LEGAL_OBLIGATION), false, eventsWithoutGdpr().get(0))
            .get(0);

    assertThat(TrackerPayloads.entities(json, Gdpr.SCHEMA_PREFIX).get(0).get("data").toString())
        .isEqualTo(
            "{\"basisForProcessing\":\"legal_obligation\",\"documentId\":null,"
                + "\"documentVersion\":null,\"documentDescription\":null}");
  }

  @Test
  void anEventsOwnGdprEntityReplacesTheTrackers() {
    for (Event event : Fixtures.everyEventType()) {
      for (JsonNode json : encode(TRACKERS, true, event)) {
        assertThat(TrackerPayloads.entities(json, Gdpr.SCHEMA_PREFIX))
            .as(event.getClass().getSimpleName() + " " + json.get("e"))
            .singleElement()
            .satisfies(
                e -> assertThat(e.at("/data/documentId").asText()).isEqualTo("privacy-2024"));
      }
    }
  }

  @Test
  void withoutATrackerGdprEntityNoneIsAdded() {
    for (Event event : eventsWithoutGdpr()) {
      for (JsonNode json : encode(null, true, event)) {
        assertThat(TrackerPayloads.entities(json, Gdpr.SCHEMA_PREFIX)).isEmpty();
      }
    }
  }
}
