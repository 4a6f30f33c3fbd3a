package io.github.snowplowjakarta.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.testing.TestCollector;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed and hostile cookies and headers: the page still answers, nothing of ours complains. */
class HostileInputTest {
  private static final Logger OURS = Logger.getLogger("io.github.snowplowjakarta");

  @RegisterExtension final FilterFixture fixture = FilterFixture.perTest();
  private final TestCollector collector = fixture.collector();
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
  private TestApp app;

  @BeforeEach
  void start() {
    OURS.addHandler(capture);
    app =
        TestApp.withTracker(
            collector,
            Map.of(
                "snowplow.trusted-proxies", "127.0.0.1",
                "snowplow.consent.sources",
                    "cookie,onetrust,cookiebot,tcf,cookieyes,complianz,klaro,gpc,dnt"));
  }

  @AfterEach
  void stop() {
    OURS.removeHandler(capture);
  }

  static Stream<Arguments> hostileRequests() {
    Random random = new Random(7);
    StringBuilder printable = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      printable.append((char) (0x21 + random.nextInt(0x5d)));
    }
    String noise = printable.toString().replace(";", "").replace("\"", "");
    String big = "x".repeat(10 * 1024);
    return Stream.of(
        Arguments.of("random cookie noise", new String[] {"Cookie", "a=" + noise}),
        Arguments.of(
            "random noise as every consent cookie",
            new String[] {
              "Cookie",
              "sp_consent="
                  + noise.substring(0, 50)
                  + "; OptanonConsent="
                  + noise.substring(50, 400)
                  + "; CookieConsent="
                  + noise.substring(400, 800)
                  + "; euconsent-v2="
                  + noise.substring(800, 900)
                  + "; cookieyes-consent="
                  + noise.substring(900, 1000)
                  + "; klaro="
                  + noise.substring(1000, 1200)
                  + "; cmplz_statistics="
                  + noise.substring(1200, 1300)
            }),
        Arguments.of(
            "10 kB cookies", new String[] {"Cookie", "_sp_id.1fff=" + big + "; klaro=" + big}),
        Arguments.of(
            "invalid percent-encoding",
            new String[] {
              "Cookie",
              "sp_consent=%E0%A4%A; klaro=%7B%22snowplow%22%3A%ZZ; OptanonConsent=groups=C0002%3"
            }),
        Arguments.of(
            "broken UTF-8", new String[] {"Cookie", "klaro=%C3%28%A0%A1; sp_consent=%FF%FE"}),
        Arguments.of(
            "wrong field counts",
            new String[] {
              "Cookie",
              "sp_consent=all; _sp_id.1fff=a.b.c; _sp_id.2222=1.2.3.4.5.6.7.8.9.10.11; _sp_ses.1fff=*"
            }),
        Arguments.of(
            "invalid UUIDs",
            new String[] {
              "Cookie",
              "sp_consent=all; _sp_id.1fff=user.1.2.3.4.not-a-uuid.x.y.z.w; _sp_ses.1fff=*"
            }),
        Arguments.of(
            "huge numbers",
            new String[] {
              "Cookie",
              "sp_consent=all; _sp_id.1fff=u.99999999999999999999.99999999999999999999.9.9.0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e; _sp_ses.1fff=*"
            }),
        Arguments.of("truncated TC string", new String[] {"Cookie", "euconsent-v2=CPx"}),
        Arguments.of("TC string not base64", new String[] {"Cookie", "euconsent-v2=!!!...***"}),
        Arguments.of(
            "hostile forwarding headers",
            new String[] {
              "X-Forwarded-For",
              "999.1.1.1, localhost, [::1, " + noise.substring(0, 100),
              "Forwarded",
              "for=\"[broken; for=unknown; by=_hidden"
            }),
        Arguments.of(
            "hostile language and agent",
            new String[] {"Accept-Language", noise.substring(0, 300), "User-Agent", big}),
        Arguments.of(
            "hostile referrer", new String[] {"Referer", "http://%zz/" + noise.substring(0, 500)}),
        Arguments.of(
            "privacy headers with junk",
            new String[] {"Sec-GPC", noise.substring(0, 20), "DNT", "yes please"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileRequests")
  void thePageAnswersAndNothingOfOursComplains(String name, String[] headers) {
    assertThat(app.get("/page?q=%E0%A4&token=1", headers).statusCode()).isEqualTo(200);
    app.flush();

    assertThat(collector.acceptedEvents()).hasSize(1);
    assertThat(collector.validationErrors()).isEmpty();
    assertThat(warnings).extracting(LogRecord::getMessage).isEmpty();
  }
}
