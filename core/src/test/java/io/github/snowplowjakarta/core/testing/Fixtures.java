package io.github.snowplowjakarta.core.testing;

import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.event.BasisForProcessing;
import io.github.snowplowjakarta.core.event.CmpVisible;
import io.github.snowplowjakarta.core.event.ConsentDocument;
import io.github.snowplowjakarta.core.event.ConsentGranted;
import io.github.snowplowjakarta.core.event.ConsentPreferences;
import io.github.snowplowjakarta.core.event.ConsentWithdrawn;
import io.github.snowplowjakarta.core.event.EcommerceTransaction;
import io.github.snowplowjakarta.core.event.EcommerceTransactionItem;
import io.github.snowplowjakarta.core.event.Event;
import io.github.snowplowjakarta.core.event.PagePing;
import io.github.snowplowjakarta.core.event.PageView;
import io.github.snowplowjakarta.core.event.SelfDescribing;
import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import io.github.snowplowjakarta.core.event.Structured;
import java.io.File;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Events, subjects and id sources for tests. */
public final class Fixtures {
  public static final long NOW_MILLIS = 1_700_000_000_000L;
  public static final Clock FIXED_CLOCK =
      Clock.fixed(Instant.ofEpochMilli(NOW_MILLIS), ZoneOffset.UTC);
  public static final Instant TRUE_TIMESTAMP = Instant.ofEpochMilli(1_699_999_999_000L);

  public static final String USER_ID = "user-42@example.com";
  public static final String DOMAIN_USER_ID = "c8e4b7a2-3f1d-4e5a-9b6c-7d8e9f0a1b2c";
  public static final String SESSION_ID = "0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e";
  public static final int SESSION_INDEX = 3;
  public static final String NETWORK_USER_ID = "ecdff4d0-9175-40ac-a8bb-325c49733607";
  public static final String IP_ADDRESS = "203.0.113.7";

  public static final String WEB_PAGE_SCHEMA =
      "iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0";
  public static final String GDPR_SCHEMA =
      "iglu:com.snowplowanalytics.snowplow/gdpr/jsonschema/1-0-0";
  public static final String TIMING_SCHEMA =
      "iglu:com.snowplowanalytics.snowplow/timing/jsonschema/1-0-0";

  private Fixtures() {}

  /** Ids 00000000-0000-4000-8000-000000000001, …2, … in order. */
  public static Supplier<UUID> sequentialIds() {
    AtomicLong next = new AtomicLong();
    return () -> new UUID(0x4000L, 0x8000000000000000L | next.incrementAndGet());
  }

  /** A subject with every value set. */
  public static Subject fullSubject() {
    return Subject.builder()
        .userId(USER_ID)
        .domainUserId(DOMAIN_USER_ID)
        .sessionId(SESSION_ID)
        .sessionIndex(SESSION_INDEX)
        .networkUserId(NETWORK_USER_ID)
        .ipAddress(IP_ADDRESS)
        .userAgent("Mozilla/5.0 (X11; Linux x86_64) Test/1.0")
        .language("en-GB")
        .timezone("Europe/London")
        .screenResolution(1920, 1080)
        .viewport(1280, 720)
        .colourDepth(24)
        .pageUrl("https://shop.example.com/basket")
        .referrer("https://search.example.org/?q=shoes")
        .build();
  }

  public static SelfDescribingJson webPage() {
    return SelfDescribingJson.of(
        WEB_PAGE_SCHEMA, ordered("id", "a86c42e5-b831-45c8-b706-e214c26b4b3d"));
  }

  public static SelfDescribingJson gdpr() {
    return SelfDescribingJson.of(
        GDPR_SCHEMA, ordered("basisForProcessing", "consent", "documentId", "privacy-2024"));
  }

  public static PageView pageView() {
    return PageView.builder()
        .url("https://shop.example.com/products/42?colour=red")
        .title("Red shoes")
        .referrer("https://shop.example.com/")
        .entity(webPage())
        .entity(gdpr())
        .trueTimestamp(TRUE_TIMESTAMP)
        .build();
  }

  public static PagePing pagePing() {
    return PagePing.builder()
        .url("https://shop.example.com/products/42")
        .title("Red shoes")
        .referrer("https://shop.example.com/")
        .offsets(0, 120, 40, 1880)
        .entity(webPage())
        .entity(gdpr())
        .trueTimestamp(TRUE_TIMESTAMP)
        .build();
  }

  public static Structured structured() {
    return Structured.builder()
        .category("shop")
        .action("add-to-basket")
        .label("red shoes")
        .property("size 42")
        .value(49.95)
        .entity(webPage())
        .entity(gdpr())
        .trueTimestamp(TRUE_TIMESTAMP)
        .build();
  }

  public static SelfDescribing selfDescribing() {
    return SelfDescribing.builder()
        .data(
            SelfDescribingJson.of(
                TIMING_SCHEMA,
                ordered("category", "checkout", "variable", "render", "timing", 123.5)))
        .entity(webPage())
        .entity(gdpr())
        .trueTimestamp(TRUE_TIMESTAMP)
        .build();
  }

  public static EcommerceTransaction transaction() {
    return EcommerceTransaction.builder()
        .orderId("order-1001")
        .totalValue(104.9)
        .affiliation("web shop")
        .taxValue(17.48)
        .shipping(5)
        .city("London")
        .state("Greater London")
        .country("GB")
        .currency("GBP")
        .item(
            EcommerceTransactionItem.builder()
                .sku("SHOE-42-RED")
                .name("Red shoes")
                .category("shoes")
                .price(49.95)
                .quantity(2)
                .entity(webPage())
                .build())
        .entity(webPage())
        .entity(gdpr())
        .trueTimestamp(TRUE_TIMESTAMP)
        .build();
  }

  public static final ConsentDocument PRIVACY_POLICY =
      ConsentDocument.of("privacy-policy", "2024-05")
          .withName("Privacy policy")
          .withDescription("How the shop uses your data");

  public static ConsentGranted consentGranted() {
    return ConsentGranted.builder()
        .document(PRIVACY_POLICY)
        .expiry(Instant.parse("2025-11-14T22:13:20Z"))
        .entity(webPage())
        .entity(gdpr())
        .trueTimestamp(TRUE_TIMESTAMP)
        .build();
  }

  public static ConsentWithdrawn consentWithdrawn() {
    return ConsentWithdrawn.builder()
        .all(false)
        .document(PRIVACY_POLICY)
        .entity(webPage())
        .entity(gdpr())
        .trueTimestamp(TRUE_TIMESTAMP)
        .build();
  }

  /** Everything withdrawn, no document named. */
  public static ConsentWithdrawn consentWithdrawnAll() {
    return ConsentWithdrawn.builder()
        .all(true)
        .entity(webPage())
        .entity(gdpr())
        .trueTimestamp(TRUE_TIMESTAMP)
        .build();
  }

  public static ConsentPreferences consentPreferences() {
    return ConsentPreferences.allowSelected()
        .basisForProcessing(BasisForProcessing.CONSENT)
        .consentUrl("https://shop.example.com/privacy")
        .consentVersion("2024-05")
        .consentScopes("necessary", "analytics")
        .domainsApplied("shop.example.com")
        .gdprApplies(true)
        .entity(webPage())
        .entity(gdpr())
        .trueTimestamp(TRUE_TIMESTAMP)
        .build();
  }

  public static CmpVisible cmpVisible() {
    return CmpVisible.builder()
        .elapsedTime(1.5)
        .entity(webPage())
        .entity(gdpr())
        .trueTimestamp(TRUE_TIMESTAMP)
        .build();
  }

  /** A map that keeps its keys in the order given, so encoded output is repeatable. */
  public static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** One event of each type, each with two entities and a true timestamp. */
  public static List<Event> everyEventType() {
    return List.of(
        pageView(),
        pagePing(),
        structured(),
        selfDescribing(),
        transaction(),
        consentGranted(),
        consentWithdrawn(),
        consentWithdrawnAll(),
        consentPreferences(),
        cmpVisible());
  }

  /**
   * A class path for a child JVM that runs one of our test classes: on the module path, surefire
   * puts the main classes and their dependencies on the module path and only the test classes on
   * the class path, so the child gets both, all on its class path.
   */
  public static String childClassPath() {
    String modulePath = System.getProperty("jdk.module.path", "");
    String classPath = System.getProperty("java.class.path");
    return modulePath.isEmpty() ? classPath : classPath + File.pathSeparator + modulePath;
  }
}
