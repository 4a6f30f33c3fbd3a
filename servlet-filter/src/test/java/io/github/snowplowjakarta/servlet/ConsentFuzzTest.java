package io.github.snowplowjakarta.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import io.github.snowplowjakarta.web.consent.Levels;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/**
 * Property fuzzing of the consent decision and the request reading, in-process: generated {@code
 * Cookie} headers (consent cookies of every platform, valid, undecided, duplicated and malformed,
 * among up to 300 other cookies, sometimes over the size the filter reads) and privacy headers go
 * through Jetty's in-memory connector into the filter and the test pages, and the events to the
 * test collector. For every request: no exception escapes and nothing of ours logs a warning; the
 * level chosen is exactly the most restrictive decisive signal (so never more permissive); no event
 * carries a field its level forbids, and a request at {@code off} sends none.
 *
 * <p>{@value #DEFAULT_COUNT} requests in {@code mvn verify}; the seed is printed. The long run:
 *
 * <pre>
 * mvn -B -pl servlet-filter -am verify -Dtest=ConsentFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dsnowplow.fuzz.count=1000000 [-Dsnowplow.fuzz.seed=N]
 * </pre>
 */
class ConsentFuzzTest {
  private static final int DEFAULT_COUNT = 10_000;
  private static final int BATCH = 1_000;
  private static final Logger OURS = Logger.getLogger("io.github.snowplowjakarta");

  private static final Anonymisation FULL = Anonymisation.FULL_TRACKING;
  private static final Anonymisation SESSION = Anonymisation.ANONYMOUS_WITH_SESSION;
  private static final Anonymisation NO = Anonymisation.ANONYMOUS_SERVER;
  private static final Anonymisation OFF = Anonymisation.OFF;
  private static final String DIDOMI_ID = "c:googleana-h7Kc3e7Y";
  private static final String DIDOMI_VENDOR_REFUSED =
      Base64.getEncoder()
          .encodeToString(
              ("{\"vendors\":{\"disabled\":[\"" + DIDOMI_ID + "\"]},\"version\":2}").getBytes());

  /** A consent cookie and what it decides: a level, or null for nothing. */
  private record Part(String cookie, Anonymisation level, Anonymisation levelIfBannerClosed) {
    Part(String cookie, Anonymisation level) {
      this(cookie, level, level);
    }
  }

  private static final String OT = "OptanonConsent=isGpcEnabled=0&version=202411.1.0&";

  private static final List<List<Part>> PLATFORMS =
      List.of(
          List.of(
              new Part("sp_consent=all", FULL),
              new Part("sp_consent=session", SESSION),
              new Part("sp_consent=none", NO),
              new Part("sp_consent=off", OFF),
              new Part("sp_consent=maybe", OFF),
              new Part("sp_consent=", OFF)),
          List.of(
              new Part(OT + "interactionCount=1&groups=C0001%3A1%2CC0002%3A1", FULL),
              new Part(OT + "interactionCount=2&groups=C0001:1,C0002:0", NO),
              new Part(OT + "interactionCount=1&groups=1%3A1%2C2%3A1", FULL),
              new Part(OT + "interactionCount=0&groups=C0002%3A1", null, FULL),
              new Part(OT + "interactionCount=1&groups=C0002%3A1&AwaitingReconsent=true", null),
              new Part(OT + "interactionCount=1&groups=C0002%3A0&AwaitingReconsent=true", NO),
              new Part(OT + "interactionCount=1&groups=C0002%3Ax", NO),
              new Part(OT + "interactionCount=1", NO),
              new Part(OT + "interactionCount=1&groups=C0004%3A1", null)),
          List.of(
              new Part("CookieConsent={stamp:%27a%27%2Cnecessary:true%2Cstatistics:true}", FULL),
              new Part("CookieConsent={stamp:%27a%27%2Cnecessary:true%2Cstatistics:false}", NO),
              new Part("CookieConsent=-1", FULL),
              new Part("CookieConsent=0", NO),
              new Part("CookieConsent={necessary:true}", NO),
              new Part("CookieConsent={statistics:" + "x".repeat(5000) + "}", NO)),
          List.of(
              new Part("euconsent-v2=" + ConsentTest.ACCEPT_ALL, FULL),
              new Part("euconsent-v2=" + ConsentTest.REJECT_ALL, NO),
              new Part("eupubconsent-v2=" + ConsentTest.DIDOMI_ALL, FULL),
              new Part("euconsent-v2=.", NO),
              new Part("euconsent-v2=...", NO),
              new Part("euconsent-v2=", NO),
              new Part("euconsent-v2=%%", NO),
              new Part("euconsent-v2=" + ConsentTest.ACCEPT_ALL.substring(0, 20), NO),
              new Part("euconsent-v2=" + TcStrings.core(1, 4, java.util.Set.of(1, 8)), NO)),
          List.of(
              new Part("cookieyes-consent=consentid:a,consent:yes,action:yes,analytics:yes", FULL),
              new Part("cookieyes-consent=consentid:a,consent:no,action:yes,analytics:no", NO),
              new Part("cookieyes-consent=consentid:a,consent:yes,action:no,analytics:yes", null),
              new Part("cookieyes-consent=consentid:a,action:,analytics:yes", null),
              new Part("cookieyes-consent=action:yes,analytics:", NO)),
          List.of(
              new Part("cmplz_statistics=allow", FULL),
              new Part("cmplz_statistics=deny", NO),
              new Part("cmplz_statistics=yes", NO)),
          List.of(
              new Part("klaro=%7B%22snowplow%22%3Atrue%7D", FULL),
              new Part("klaro=%7B%22snowplow%22%3Afalse%7D", NO),
              new Part("klaro=%7B%22ads%22%3Atrue%7D", null),
              new Part("klaro=%7B", NO)),
          List.of(
              new Part("didomi_token=" + ConsentOptionsTest.DIDOMI_DOC_TOKEN, FULL),
              new Part("didomi_token=" + DIDOMI_VENDOR_REFUSED, NO),
              new Part("didomi_token=%%%", NO)));

  private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /** One generated request and the level its signals call for. */
  private record Case(String request, Anonymisation expected, String path) {}

  @Test
  void noSignalCanBeTrickedIntoMoreTrackingThanItsMostRestrictivePartAllows() throws Exception {
    int count = Integer.getInteger("snowplow.fuzz.count", DEFAULT_COUNT);
    long seed = Long.getLong("snowplow.fuzz.seed", new Random().nextLong());
    System.out.println("ConsentFuzzTest: " + count + " requests, -Dsnowplow.fuzz.seed=" + seed);
    Random random = new Random(seed);

    OURS.addHandler(capture);
    try (TestCollector collector = TestCollector.start()) {
      Emitter emitter = Emitter.builder(collector.uri()).build();
      Tracker tracker =
          Tracker.builder(
                  TrackerSettings.builder().appId("shop").platform(Platform.WEB).build(), emitter)
              .build();
      ServletContextHandler context = TestApp.context();
      FilterHolder filter = new FilterHolder(new SnowplowFilter(tracker));
      filter.setAsyncSupported(true);
      Map.of(
              "snowplow.consent.sources",
              "cookie,onetrust,cookiebot,tcf,cookieyes,complianz,klaro,didomi,gpc,dnt",
              "snowplow.consent.didomi.id",
              DIDOMI_ID,
              "snowplow.consent.cookie.values",
              "all=full,session=anonymous-with-session,none=anonymous+server,off=off",
              "snowplow.cookie.manage",
              "true",
              "snowplow.trusted-proxies",
              "127.0.0.1",
              // The user agents are random: page views of bots are counted here too, so every
              // level decided has its events to check.
              "snowplow.track.bots",
              "track")
          .forEach(filter::setInitParameter);
      context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
      Server server = new Server();
      HttpConfiguration http = new HttpConfiguration();
      http.setRequestHeaderSize(128 * 1024);
      LocalConnector connector = new LocalConnector(server, new HttpConnectionFactory(http));
      server.addConnector(connector);
      server.setHandler(context);
      server.start();
      try {
        long started = System.nanoTime();
        int expectedEvents = 0;
        LocalConnector.LocalEndPoint connection = connector.connect();
        for (int start = 0; start < count; start += BATCH) {
          Map<String, Anonymisation> levels = new HashMap<>();
          int batchEvents = 0;
          for (int n = start; n < Math.min(count, start + BATCH); n++) {
            Case generated = generate(random, n);
            connection.addInputAndExecute(
                java.nio.ByteBuffer.wrap(
                    generated.request().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
            HttpTester.Response response =
                HttpTester.parseResponse(connection.getResponse(false, 10, TimeUnit.SECONDS));
            assertThat(response).as("%s", generated.request()).isNotNull();
            assertThat(response.getStatus()).as("%s", generated.request()).isEqualTo(200);
            Anonymisation actual = Levels.parse(response.get("X-Consent"));
            assertThat(Levels.atMostAsPermissive(actual, generated.expected()))
                .as("never more permissive: %s", generated.request())
                .isTrue();
            assertThat(actual).as("%s", generated.request()).isEqualTo(generated.expected());
            levels.put("n=" + n, actual);
            if (actual.tracks()) {
              batchEvents += generated.path().startsWith("/current") ? 2 : 1;
            }
          }
          assertThat(emitter.flush(Duration.ofSeconds(30))).as("%s", emitter.stats()).isTrue();
          int received = 0;
          for (TestCollector.Request request : collector.takeRequests()) {
            for (JsonNode event : request.events()) {
              received++;
              checkEvent(event, request, levels);
            }
          }
          assertThat(received).isEqualTo(batchEvents);
          expectedEvents += batchEvents;
          assertThat(warnings).isEmpty();
        }
        System.out.println(
            "ConsentFuzzTest: "
                + count
                + " requests, "
                + expectedEvents
                + " events checked in "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds()
                + " s");
        assertThat(collector.validationErrors()).isEmpty();
        assertThat(expectedEvents).isPositive();
        assertThat(tracker.withheld()).as("off requests' application calls").isPositive();
      } finally {
        server.stop();
        emitter.close(Duration.ofSeconds(5));
        OURS.removeHandler(capture);
      }
    }
  }

  private static void checkEvent(
      JsonNode event, TestCollector.Request request, Map<String, Anonymisation> levels) {
    String url = event.path("url").asText();
    String key = url.substring(url.lastIndexOf('n'));
    Anonymisation level = levels.get(key);
    assertThat(level).as("event of a known request: %s", url).isNotNull();
    assertThat(level.tracks()).as("an off request sends nothing").isTrue();
    Map<String, String> fields = TrackerPayloads.fields(event);
    if (!level.sendsUserIdentifiers()) {
      assertThat(fields).doesNotContainKeys("duid", "uid");
    }
    if (!level.sendsSessionIdentifiers()) {
      assertThat(fields).doesNotContainKeys("sid", "vid");
      assertThat(
              TrackerPayloads.entities(
                  event, "iglu:com.snowplowanalytics.snowplow/client_session/"))
          .isEmpty();
    }
    if (!level.sendsNetworkIdentifiers()) {
      assertThat(fields).doesNotContainKeys("ip", "tnuid", "nuid");
    }
    assertThat(request.anonymous()).isEqualTo(level.serverAnonymisation());
  }

  private static Case generate(Random random, int n) {
    List<String> cookies = new ArrayList<>();
    Anonymisation bound = null;
    boolean bannerClosed = random.nextInt(10) == 0;
    if (bannerClosed) {
      cookies.add("OptanonAlertBoxClosed=2026-11-23T10:00:00.000Z");
    }
    for (List<Part> platform : PLATFORMS) {
      int copies = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
      for (int i = 0; i < copies; i++) {
        Part part = platform.get(random.nextInt(platform.size()));
        cookies.add(part.cookie());
        Anonymisation level = bannerClosed ? part.levelIfBannerClosed() : part.level();
        if (level != null) {
          bound = bound == null ? level : Levels.mostAnonymous(bound, level);
        }
      }
    }
    int others = random.nextInt(8) == 0 ? random.nextInt(300) : random.nextInt(10);
    for (int i = 0; i < others; i++) {
      cookies.add(otherCookie(random));
    }
    if (random.nextInt(3) == 0) {
      cookies.add(identityCookie(random));
    }
    boolean oversized = random.nextInt(500) == 0;
    if (oversized) {
      cookies.add("big=" + "b".repeat(70 * 1024));
    }
    Collections.shuffle(cookies, random);

    List<String> headers = new ArrayList<>();
    String separator = random.nextBoolean() ? "; " : ";";
    if (!cookies.isEmpty()) {
      if (random.nextInt(5) == 0 && cookies.size() > 1) {
        int split = 1 + random.nextInt(cookies.size() - 1);
        headers.add("Cookie: " + String.join(separator, cookies.subList(0, split)));
        headers.add("Cookie: " + String.join(separator, cookies.subList(split, cookies.size())));
      } else {
        headers.add("Cookie: " + String.join(separator, cookies));
      }
    }
    String testHeader = pick(random, null, null, null, "yes", "no", "maybe");
    if (testHeader != null) {
      headers.add("X-Test-Consent: " + testHeader);
      if (!testHeader.equals("maybe")) {
        Anonymisation level = testHeader.equals("yes") ? FULL : NO;
        bound = bound == null ? level : Levels.mostAnonymous(bound, level);
      }
    }
    Anonymisation expected = bound == null ? NO : bound;
    if (oversized) {
      // Nothing in the header is read: the most restrictive level a cookie could have given.
      expected = OFF;
    }
    String gpc = pick(random, null, null, "1", "0", " 1 ", "yes");
    if (gpc != null) {
      headers.add("Sec-GPC: " + gpc);
      if (gpc.trim().equals("1")) {
        expected = Levels.mostAnonymous(expected, NO);
      }
    }
    String dnt = pick(random, null, null, null, "1", "0");
    if (dnt != null) {
      headers.add("DNT: " + dnt);
      if (dnt.equals("1")) {
        expected = Levels.mostAnonymous(expected, NO);
      }
    }
    headers.add("User-Agent: " + printable(random, 80));
    if (random.nextBoolean()) {
      headers.add("Referer: http://" + printable(random, 30).replace(' ', '-'));
    }
    if (random.nextBoolean()) {
      headers.add("Accept-Language: " + printable(random, 20));
    }
    if (random.nextBoolean()) {
      headers.add("X-Forwarded-For: " + pick(random, "203.0.113.7", "junk", ",,", "::1, 10.0.0.1"));
    }
    String path = random.nextInt(5) == 0 ? "/current?n=" + n : "/fuzz/page?n=" + n;
    StringBuilder request =
        new StringBuilder("GET " + TestApp.CONTEXT + path + " HTTP/1.1\r\nHost: shop.example\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    request.append("\r\n");
    return new Case(request.toString(), expected, path);
  }

  private static String otherCookie(Random random) {
    StringBuilder name = new StringBuilder("f");
    for (int i = random.nextInt(8); i >= 0; i--) {
      name.append("abcdefghijklmnopqrstuvwxyz0123456789_-.".charAt(random.nextInt(39)));
    }
    String value = printable(random, 40).replace(";", "");
    return random.nextInt(10) == 0 ? name + "=\"" + value + "\"" : name + "=" + value;
  }

  private static String identityCookie(Random random) {
    return pick(
        random,
        "_sp_id.1fff=a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d.1700000000.3.1700000100.1699990000."
            + "7ed8a6bf-48f4-4d7c-9a4a-1b2c3d4e5f60..."
            + "1700000000000.5; _sp_ses.1fff=*",
        "_sp_id.1fff=....",
        "_sp_id.dc78=" + printable(random, 60).replace(";", ""),
        "_sp_ses.1fff=*");
  }

  private static String printable(Random random, int maxLength) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
      text.append((char) (' ' + random.nextInt(95)));
    }
    return text.toString().trim();
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
