package io.github.snowplowjakarta.core.event;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.testing.Fixtures;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid argument is refused where it is given, with a message naming the field. */
class InvalidArgumentsTest {
  private static final String SCHEMA = Fixtures.TIMING_SCHEMA;

  private static Arguments refused(String message, ThrowingCallable call) {
    return Arguments.of(message, call);
  }

  static Stream<Arguments> invalidArguments() {
    return Stream.of(
        refused("url must not be blank", () -> PageView.builder().build()),
        refused("url must not be blank", () -> PageView.builder().url(" ")),
        refused("url must not be blank", () -> PageView.builder().url(null)),
        refused("url must not be blank", () -> PagePing.builder().offsets(0, 0, 0, 0).build()),
        refused("offsets must be set", () -> PagePing.builder().url("https://e.com/").build()),
        refused("minXOffset 5 exceeds maxXOffset 4", () -> PagePing.builder().offsets(5, 4, 0, 0)),
        refused("minYOffset 9 exceeds maxYOffset 1", () -> PagePing.builder().offsets(0, 0, 9, 1)),
        refused("category must not be blank", () -> Structured.builder().action("a").build()),
        refused("action must not be blank", () -> Structured.builder().category("c").build()),
        refused("category must not be blank", () -> Structured.builder().category("")),
        refused(
            "value must be a finite number, was NaN", () -> Structured.builder().value(Double.NaN)),
        refused(
            "value must be a finite number, was Infinity",
            () -> Structured.builder().value(Double.POSITIVE_INFINITY)),
        refused("data must not be null", () -> SelfDescribing.builder().build()),
        refused("data must not be null", () -> SelfDescribing.builder().data(null)),
        refused("entity must not be null", () -> PageView.builder().entity(null)),
        refused("entities must not be null", () -> PageView.builder().entities(null)),
        refused("schema must not be blank", () -> SelfDescribingJson.of(null, Map.of())),
        refused("schema must not be blank", () -> SelfDescribingJson.of("", Map.of())),
        refused(
            "schema must be an Iglu URI like iglu:com.acme/event_name/jsonschema/1-0-0, was 'com.acme/e/jsonschema/1-0-0'",
            () -> SelfDescribingJson.of("com.acme/e/jsonschema/1-0-0", Map.of())),
        refused(
            "schema must be an Iglu URI",
            () -> SelfDescribingJson.of("iglu:com.acme/e/jsonschema/1-0", Map.of())),
        refused(
            "schema must be an Iglu URI",
            () -> SelfDescribingJson.of("iglu:com.acme/e/avro/1-0-0", Map.of())),
        refused(
            "schema must be an Iglu URI",
            () -> SelfDescribingJson.of("iglu:com.acme/e/jsonschema/1-0-x", Map.of())),
        refused(
            "schema must be an Iglu URI",
            () -> SelfDescribingJson.of("iglu:com acme/e/jsonschema/1-0-0", Map.of())),
        refused(
            "schema must be an Iglu URI",
            () -> SelfDescribingJson.of("iglu:com.acme/e/jsonschema/01-0-0", Map.of())),
        refused("data must not be null", () -> SelfDescribingJson.of(SCHEMA, null)),
        refused(
            "field 'timing' must be a finite number, was NaN",
            () -> SelfDescribingJson.of(SCHEMA, Map.of("timing", Double.NaN))),
        refused(
            "field 'ratio' must be a finite number, was -Infinity",
            () ->
                SelfDescribingJson.of(
                    SCHEMA, Map.of("nested", Map.of("ratio", Float.NEGATIVE_INFINITY)))),
        refused("cannot be written as JSON", () -> SelfDescribingJson.of(SCHEMA, new Object())),
        refused(
            "orderId must not be blank",
            () -> EcommerceTransaction.builder().totalValue(1).build()),
        refused(
            "totalValue must not be null",
            () -> EcommerceTransaction.builder().orderId("o").build()),
        refused(
            "totalValue must be a finite number",
            () -> EcommerceTransaction.builder().totalValue(Double.NaN)),
        refused(
            "taxValue must be a finite number",
            () -> EcommerceTransaction.builder().taxValue(Double.NaN)),
        refused(
            "shipping must be a finite number",
            () -> EcommerceTransaction.builder().shipping(Double.NEGATIVE_INFINITY)),
        refused(
            "currency must be a three-letter ISO 4217 code, was 'EURO'",
            () -> EcommerceTransaction.builder().currency("EURO")),
        refused("item must not be null", () -> EcommerceTransaction.builder().item(null)),
        refused(
            "sku must not be blank",
            () -> EcommerceTransactionItem.builder().price(1).quantity(1).build()),
        refused(
            "price must not be null",
            () -> EcommerceTransactionItem.builder().sku("s").quantity(1).build()),
        refused(
            "quantity must not be null",
            () -> EcommerceTransactionItem.builder().sku("s").price(1).build()),
        refused(
            "price must be a finite number",
            () -> EcommerceTransactionItem.builder().price(Double.NaN)),
        refused(
            "sessionId must be a UUID, was 'not-a-uuid'",
            () -> Subject.builder().sessionId("not-a-uuid")),
        refused(
            "sessionIndex must not be negative, was -1", () -> Subject.builder().sessionIndex(-1)),
        refused(
            "screenResolution width must be positive, was 0",
            () -> Subject.builder().screenResolution(0, 10)),
        refused(
            "viewport height must be positive, was -5", () -> Subject.builder().viewport(10, -5)),
        refused("colourDepth must be positive, was 0", () -> Subject.builder().colourDepth(0)),
        refused("appId must not be blank", () -> TrackerSettings.builder().build()),
        refused("appId must not be blank", () -> TrackerSettings.of(" ")),
        refused("namespace must not be blank", () -> TrackerSettings.builder().namespace("")),
        refused("platform must not be null", () -> TrackerSettings.builder().platform(null)),
        refused(
            "trackerVersion must not be blank",
            () -> TrackerSettings.builder().trackerVersion(null)),
        refused(
            "platform must be one of web, mob, pc, srv, app, tv, cnsl, iot, was 'server'",
            () -> Platform.fromCode("server")),
        refused("level must not be null", () -> new Anonymisation(null, true)),
        refused("document id must not be blank", () -> ConsentDocument.of(" ", "1")),
        refused("document version must not be blank", () -> ConsentDocument.of("p", null)),
        refused(
            "document id must be at most 36 characters, was 37",
            () -> ConsentDocument.of("x".repeat(37), "1")),
        refused(
            "document version must be at most 36 characters, was 37",
            () -> ConsentDocument.of("p", "1".repeat(37))),
        refused(
            "document name must be at most 60 characters, was 61",
            () -> ConsentDocument.of("p", "1").withName("n".repeat(61))),
        refused(
            "document description must be at most 10000 characters, was 10001",
            () -> ConsentDocument.of("p", "1").withDescription("d".repeat(10001))),
        refused("document must not be null", () -> ConsentGranted.builder().build()),
        refused(
            "expiry must be between 1970 and 9999",
            () -> ConsentGranted.builder().expiry(Instant.parse("+10000-01-01T00:00:00Z"))),
        refused("all must not be null", () -> ConsentWithdrawn.builder().build()),
        refused(
            "document must be set when all is false",
            () -> ConsentWithdrawn.builder().all(false).build()),
        refused("document must not be null", () -> ConsentWithdrawn.builder().document(null)),
        refused("type must not be null", () -> ConsentPreferences.builder(null)),
        refused(
            "basisForProcessing must not be null",
            () -> ConsentPreferences.allowAll().basisForProcessing(null)),
        refused(
            "consentUrl must not be blank",
            () ->
                ConsentPreferences.pending()
                    .basisForProcessing(BasisForProcessing.CONSENT)
                    .build()),
        refused(
            "consentUrl must be an absolute URI, was '/privacy'",
            () -> ConsentPreferences.allowAll().consentUrl("/privacy")),
        refused(
            "consentUrl must be an absolute URI, was 'http://exa mple.com/'",
            () -> ConsentPreferences.allowAll().consentUrl("http://exa mple.com/")),
        refused(
            "consentVersion must be at most 16 characters, was 17",
            () -> ConsentPreferences.allowAll().consentVersion("v".repeat(17))),
        refused(
            "consentScopes must hold at least one value",
            () ->
                ConsentPreferences.allowAll()
                    .basisForProcessing(BasisForProcessing.CONSENT)
                    .consentUrl("https://e.com/p")
                    .consentVersion("1")
                    .domainsApplied("e.com")
                    .build()),
        refused(
            "domainsApplied must hold at least one value",
            () ->
                ConsentPreferences.allowAll()
                    .basisForProcessing(BasisForProcessing.CONSENT)
                    .consentUrl("https://e.com/p")
                    .consentVersion("1")
                    .consentScopes("necessary")
                    .build()),
        refused(
            "consentScopes item must not be blank",
            () -> ConsentPreferences.allowAll().consentScopes("analytics", " ")),
        refused(
            "consentScopes item must not be blank",
            () -> ConsentPreferences.allowAll().consentScopes("analytics", null)),
        refused(
            "domainsApplied item must be at most 1024 characters, was 1025",
            () -> ConsentPreferences.allowAll().domainsApplied("d".repeat(1025))),
        refused("elapsedTime must not be null", () -> CmpVisible.builder().build()),
        refused(
            "elapsedTime must be between 0 and 9223372036854775807, was -1.0",
            () -> CmpVisible.builder().elapsedTime(-1)),
        refused(
            "elapsedTime must be a finite number, was NaN",
            () -> CmpVisible.builder().elapsedTime(Double.NaN)),
        refused(
            "expected consent, contract, legal_obligation, vital_interests, public_task or"
                + " legitimate_interests, was 'consented'",
            () -> BasisForProcessing.fromCode("consented")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidArguments")
  void isRefusedWithAMessageNamingTheField(String message, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
