package io.github.snowplowjakarta.core.internal.encoding;

import static io.github.snowplowjakarta.core.testing.Fixtures.DOMAIN_USER_ID;
import static io.github.snowplowjakarta.core.testing.Fixtures.FIXED_CLOCK;
import static io.github.snowplowjakarta.core.testing.Fixtures.IP_ADDRESS;
import static io.github.snowplowjakarta.core.testing.Fixtures.NETWORK_USER_ID;
import static io.github.snowplowjakarta.core.testing.Fixtures.NOW_MILLIS;
import static io.github.snowplowjakarta.core.testing.Fixtures.SESSION_ID;
import static io.github.snowplowjakarta.core.testing.Fixtures.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Anonymisation.Level;
import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.event.Event;
import io.github.snowplowjakarta.core.event.PageView;
import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import io.github.snowplowjakarta.core.testing.Fixtures;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each level × server flag × event type, with every subject value set: exactly which keys leave,
 * and that no forbidden identifier hides anywhere in the event, entities included.
 */
class PrivacyMatrixTest {
  private static final String CLIENT_SESSION =
      "iglu:com.snowplowanalytics.snowplow/client_session/";
  private static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";

  private static final List<String> ALWAYS =
      List.of(
          "e", "eid", "dtm", "ttm", "tv", "tna", "aid", "p", "ua", "lang", "tz", "res", "vp", "cd",
          "url", "refr", "cx");
  private static final Map<String, List<String>> EVENT_KEYS =
      Map.of(
          "pv", List.of("page"),
          "pp", List.of("page", "pp_mix", "pp_max", "pp_miy", "pp_may"),
          "se", List.of("se_ca", "se_ac", "se_la", "se_pr", "se_va"),
          "ue", List.of("ue_px"),
          "tr",
              List.of(
                  "tr_id", "tr_tt", "tr_af", "tr_tx", "tr_sh", "tr_ci", "tr_st", "tr_co", "tr_cu"),
          "ti", List.of("ti_id", "ti_sk", "ti_nm", "ti_ca", "ti_pr", "ti_qu", "ti_cu"));

  private final PayloadEncoder encoder =
      new PayloadEncoder(TrackerSettings.of("shop"), FIXED_CLOCK, Fixtures.sequentialIds());

  static Stream<Arguments> levelServerFlagAndEventType() {
    List<Arguments> cases = new ArrayList<>();
    for (Level level : Level.values()) {
      if (level == Level.OFF) {
        continue; // never encoded: TrackerTest
      }
      for (boolean server : new boolean[] {false, true}) {
        for (Event event : Fixtures.everyEventType()) {
          cases.add(Arguments.of(level, server, event.getClass().getSimpleName(), event));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} server={1} {2}")
  @MethodSource("levelServerFlagAndEventType")
  void exactlyTheAllowedKeysLeave(Level level, boolean server, String type, Event event) {
    Anonymisation anonymisation = new Anonymisation(level, server);

    List<EncodedEvent> encoded = encoder.encode(event, Fixtures.fullSubject(), anonymisation);

    for (EncodedEvent one : encoded) {
      assertThat(one.serverAnonymisation()).isEqualTo(server);
      JsonNode json = TrackerPayloads.parse(one.toJson(NOW_MILLIS));
      Map<String, String> fields = TrackerPayloads.fields(json);
      String e = fields.get("e");

      Set<String> expected = new LinkedHashSet<>(ALWAYS);
      expected.add("stm");
      expected.addAll(EVENT_KEYS.get(e));
      if (level == Level.FULL) {
        expected.addAll(List.of("uid", "duid"));
      }
      if (level != Level.ANONYMOUS) {
        expected.addAll(List.of("sid", "vid"));
      }
      if (!server) {
        expected.addAll(List.of("ip", "tnuid"));
      }
      assertThat(fields.keySet()).containsExactlyInAnyOrderElementsOf(expected);

      if (level == Level.FULL) {
        assertThat(fields).containsEntry("uid", USER_ID).containsEntry("duid", DOMAIN_USER_ID);
      }
      if (level != Level.ANONYMOUS) {
        assertThat(fields).containsEntry("sid", SESSION_ID).containsEntry("vid", "3");
      }
      if (!server) {
        assertThat(fields).containsEntry("ip", IP_ADDRESS).containsEntry("tnuid", NETWORK_USER_ID);
      }

      List<JsonNode> sessions = TrackerPayloads.entities(json, CLIENT_SESSION);
      if (level == Level.ANONYMOUS_WITH_SESSION) {
        assertThat(sessions).hasSize(1);
        JsonNode data = sessions.get(0).get("data");
        assertThat(data.get("userId").asText()).isEqualTo(NIL_UUID);
        assertThat(data.get("sessionId").asText()).isEqualTo(SESSION_ID);
        assertThat(data.get("sessionIndex").asInt()).isEqualTo(3);
        assertThat(data.get("storageMechanism").asText()).isEqualTo("COOKIE_1");
        assertThat(data.get("previousSessionId").isNull()).isTrue();
      } else {
        assertThat(sessions).isEmpty();
      }

      String everything = everythingSent(json);
      if (level != Level.FULL) {
        assertThat(everything).doesNotContain(USER_ID).doesNotContain(DOMAIN_USER_ID);
      }
      if (level == Level.ANONYMOUS) {
        assertThat(everything).doesNotContain(SESSION_ID);
      }
      if (server) {
        assertThat(everything).doesNotContain(IP_ADDRESS).doesNotContain(NETWORK_USER_ID);
      }
    }
  }

  @Test
  void eventLevelSubjectValuesAreFilteredLikeTheTrackers() {
    Event event =
        PageView.builder()
            .url("https://example.com/")
            .subject(
                Subject.builder()
                    .userId(USER_ID)
                    .domainUserId(DOMAIN_USER_ID)
                    .sessionId(SESSION_ID)
                    .sessionIndex(1)
                    .ipAddress(IP_ADDRESS)
                    .networkUserId(NETWORK_USER_ID)
                    .build())
            .build();

    String json = encoder.encode(event, null, Anonymisation.ANONYMOUS_SERVER).get(0).toJson(0);

    assertThat(json)
        .doesNotContain(USER_ID, DOMAIN_USER_ID, SESSION_ID, IP_ADDRESS, NETWORK_USER_ID);
  }

  @Test
  void aClientSessionEntityFromTheCallerIsReplacedUnlessTrackingIsFull() {
    SelfDescribingJson callersSession =
        SelfDescribingJson.of(
            PayloadEncoder.CLIENT_SESSION_SCHEMA,
            Map.of(
                "userId",
                DOMAIN_USER_ID,
                "sessionId",
                SESSION_ID,
                "sessionIndex",
                3,
                "storageMechanism",
                "COOKIE_1"));
    Event event = PageView.builder().url("https://example.com/").entity(callersSession).build();

    JsonNode full = encodeOne(event, Anonymisation.FULL_TRACKING);
    JsonNode withSession = encodeOne(event, Anonymisation.ANONYMOUS_WITH_SESSION);
    JsonNode anonymous = encodeOne(event, Anonymisation.ANONYMOUS);

    assertThat(TrackerPayloads.entities(full, CLIENT_SESSION))
        .singleElement()
        .satisfies(e -> assertThat(e.at("/data/userId").asText()).isEqualTo(DOMAIN_USER_ID));
    assertThat(TrackerPayloads.entities(withSession, CLIENT_SESSION))
        .singleElement()
        .satisfies(e -> assertThat(e.at("/data/userId").asText()).isEqualTo(NIL_UUID));
    assertThat(anonymous.has("cx")).isFalse();
    assertThat(everythingSent(withSession) + everythingSent(anonymous))
        .doesNotContain(DOMAIN_USER_ID);
  }

  @Test
  void fullTrackingAddsTheClientSessionEntityWhenAskedAndTheUserIdFitsItsSchema() {
    PayloadEncoder withEntity =
        new PayloadEncoder(
            TrackerSettings.builder().appId("shop").clientSessionEntity(true).build(),
            FIXED_CLOCK,
            Fixtures.sequentialIds());
    Event event = PageView.builder().url("https://example.com/").build();
    Subject notAUuid = Fixtures.fullSubject().toBuilder().domainUserId("browser-made-id").build();

    JsonNode json =
        TrackerPayloads.parse(
            withEntity
                .encode(event, Fixtures.fullSubject(), Anonymisation.FULL_TRACKING)
                .get(0)
                .toJson(0));
    JsonNode withoutFittingId =
        TrackerPayloads.parse(
            withEntity.encode(event, notAUuid, Anonymisation.FULL_TRACKING).get(0).toJson(0));

    assertThat(TrackerPayloads.entities(json, CLIENT_SESSION))
        .singleElement()
        .satisfies(e -> assertThat(e.at("/data/userId").asText()).isEqualTo(DOMAIN_USER_ID));
    assertThat(withoutFittingId.has("cx")).isFalse();
  }

  private JsonNode encodeOne(Event event, Anonymisation anonymisation) {
    return TrackerPayloads.parse(
        encoder.encode(event, Fixtures.fullSubject(), anonymisation).get(0).toJson(NOW_MILLIS));
  }

  /** The event's JSON with its base64 parts decoded, so a search sees inside entities too. */
  private static String everythingSent(JsonNode event) {
    StringBuilder all = new StringBuilder(event.toString());
    for (String key : new String[] {"cx", "co", "ue_px", "ue_pr"}) {
      if (event.has(key)) {
        all.append(TrackerPayloads.decodeJsonField(event, key));
      }
    }
    return all.toString();
  }

  @Test
  void theKeptSubjectIsFilteredForEachEventsOwnAnonymisation() {
    Subject shared = Fixtures.fullSubject();
    encoder.keepEncoded(shared);
    Anonymisation[] sequence = {
      Anonymisation.FULL_TRACKING,
      Anonymisation.FULL_TRACKING,
      Anonymisation.FULL_TRACKING,
      Anonymisation.ANONYMOUS_SERVER,
      Anonymisation.ANONYMOUS_SERVER,
      Anonymisation.ANONYMOUS_WITH_SESSION,
      Anonymisation.FULL_TRACKING,
      Anonymisation.ANONYMOUS,
      Anonymisation.ANONYMOUS
    };

    for (Anonymisation anonymisation : sequence) {
      Map<String, String> fields =
          TrackerPayloads.fields(
              TrackerPayloads.parse(
                  encoder.encode(Fixtures.structured(), shared, anonymisation).get(0).toJson(0)));

      assertThat(fields.containsKey("duid")).isEqualTo(anonymisation.sendsUserIdentifiers());
      assertThat(fields.containsKey("uid")).isEqualTo(anonymisation.sendsUserIdentifiers());
      assertThat(fields.containsKey("sid")).isEqualTo(anonymisation.sendsSessionIdentifiers());
      assertThat(fields.containsKey("ip")).isEqualTo(anonymisation.sendsNetworkIdentifiers());
      assertThat(fields.containsKey("tnuid")).isEqualTo(anonymisation.sendsNetworkIdentifiers());
      assertThat(fields).containsEntry("ua", shared.userAgent());
    }
  }
}
