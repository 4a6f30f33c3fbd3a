package io.github.snowplowjakarta.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.web.consent.ConsentDecision;
import io.github.snowplowjakarta.web.consent.ConsentRequest;
import io.github.snowplowjakarta.web.consent.ConsentSource;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Consent settings other than the defaults: off, resolution, cookie names, sources of one's own.
 */
class ConsentOptionsTest {
  private static final String ONETRUST_YES =
      "OptanonConsent=interactionCount=1&groups=C0001%3A1%2CC0002%3A1";
  private static final String COOKIEBOT_NO =
      "CookieConsent={stamp:%27abc%27%2Cnecessary:true%2Cstatistics:false}";

  /**
   * The example token of Didomi's documentation ("Didomi Cookies: storage",
   * support.didomi.io/en/didomi-cookies-storage-1): custom vendor {@code c:googleana-h7Kc3e7Y} and
   * purpose {@code q4zlJqdcD} enabled.
   */
  static final String DIDOMI_DOC_TOKEN =
      "eyJ1c2VyX2lkIjoiMTc4NDExNGMtZjhiMy02NTkwLWE2ZGYtYjlmYjI0MGJkZWE1IiwiY3JlYXRlZCI6IjIwMjEtMDMtMTdUMTY6NDY6MzIuMzQ0WiIsInVwZGF0ZWQiOiIyMDIxLTAzLTE3VDE2OjQ2OjMyLjM0NFoiLCJ2ZW5kb3JzIjp7ImVuYWJsZWQiOlsiYW1hem9uIiwiZ29vZ2xlIiwiYzpyZXNlYXV4c28tVkZlcEtyTFIiLCJjOnBhcnRlbmFpcmUtWDlTRFdrZzIiLCJjOnBlcnNvbm5hbGktWDNWY3h6UkQiLCJjOmdvb2dsZWFuYS1oN0tjM2U3WSIsImM6cHVibGljaXRlLXRGUkY0ZDM5Il19LCJwdXJwb3NlcyI6eyJlbmFibGVkIjpbInA0ZW05YThtIiwicGFydGVuYWlyZS1jQXNEZThqQyIsIkNMLVQxUmdtNyIsIk05TlJISmUzRyIsInE0emxKcWRjRCJdfSwidmVuZG9yc19saSI6eyJlbmFibGVkIjpbImdvb2dsZSJdfSwidmVyc2lvbiI6Mn0=";

  /** Made for this test: purpose {@code q4zlJqdcD} disabled, the vendor still enabled. */
  static final String DIDOMI_PURPOSE_REFUSED =
      "eyJ1c2VyX2lkIjoieCIsInB1cnBvc2VzIjp7ImRpc2FibGVkIjpbInE0emxKcWRjRCJdfSwidmVuZG9ycyI6eyJlbmFibGVkIjpbImM6Z29vZ2xlYW5hLWg3S2MzZTdZIl19LCJ2ZXJzaW9uIjoyfQ==";

  @RegisterExtension final FilterFixture fixture = FilterFixture.perTest();
  private final TestCollector collector = fixture.collector();
  private TestApp app;

  private String level(String path, String... headers) {
    HttpResponse<String> response = app.get(path, headers);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.headers().firstValue("X-Consent").orElseThrow();
  }

  @Test
  void offByDefaultTracksNothingAndCountsTheApplicationsCalls() {
    app = TestApp.withTracker(collector, Map.of("snowplow.default-level", "off"));

    assertThat(level("/custom")).isEqualTo("off");
    app.flush();
    assertThat(collector.requests()).isEmpty();
    assertThat(app.tracker.withheld()).isEqualTo(1);

    assertThat(level("/custom", "Cookie", "sp_consent=all")).isEqualTo("full");
    app.flush();
    assertThat(collector.acceptedEvents()).hasSize(2);
    assertThat(app.tracker.withheld()).isEqualTo(1);
  }

  /** Issue 26 item 17: the README's default, written out, failed the start-up. */
  @Test
  void everyLevelKeyTakesALevelWithOrWithoutServer() {
    app =
        TestApp.configured(
            Map.of(
                "snowplow.collector-uri", collector.uri().toString(),
                "snowplow.default-level", "anonymous+server",
                "snowplow.consent.granted-level", "anonymous-with-session+server",
                "snowplow.consent.refused-level", "anonymous",
                "snowplow.consent.gpc.cap", "full+server"));

    assertThat(level("/page")).isEqualTo("anonymous+server");
    assertThat(level("/page", "Cookie", ONETRUST_YES)).isEqualTo("anonymous-with-session+server");
    assertThat(level("/page", "Cookie", COOKIEBOT_NO)).isEqualTo("anonymous");
    assertThat(level("/page", "Cookie", "sp_consent=all", "Sec-GPC", "1")).isEqualTo("full+server");
    app.close();

    app =
        TestApp.configured(
            Map.of(
                "snowplow.collector-uri",
                collector.uri().toString(),
                "snowplow.default-level",
                "full"));
    assertThat(level("/page")).isEqualTo("full");
  }

  @Test
  void offIsAMappedValueForTheCookieAndForConsentPlatformsNo() {
    app =
        TestApp.withTracker(
            collector,
            Map.of(
                "snowplow.consent.cookie.values", "all=full,none=off",
                "snowplow.consent.refused-level", "off"));

    assertThat(level("/page", "Cookie", "sp_consent=none")).isEqualTo("off");
    assertThat(level("/page", "Cookie", COOKIEBOT_NO)).isEqualTo("off");
    assertThat(level("/page", "Cookie", "euconsent-v2=...")).as("unreadable").isEqualTo("off");
    app.flush();
    assertThat(collector.requests()).isEmpty();
  }

  @Test
  void gpcCanCapAtOff() {
    app = TestApp.withTracker(collector, Map.of("snowplow.consent.gpc.cap", "off"));

    assertThat(level("/page", "Cookie", "sp_consent=all", "Sec-GPC", "1")).isEqualTo("off");
    app.flush();
    assertThat(collector.requests()).isEmpty();
  }

  @Test
  void theMostRestrictiveWinsByDefaultTheFirstWhenConfigured() {
    app = TestApp.withTracker(collector, Map.of());
    assertThat(level("/page", "Cookie", ONETRUST_YES + "; " + COOKIEBOT_NO))
        .isEqualTo("anonymous+server");
    app.close();

    app = TestApp.withTracker(collector, Map.of("snowplow.consent.resolution", "first"));
    assertThat(level("/page", "Cookie", ONETRUST_YES + "; " + COOKIEBOT_NO)).isEqualTo("full");
  }

  @Test
  void everyConsentPlatformsCookieNameIsConfigurable() {
    app =
        TestApp.withTracker(
            collector,
            Map.of(
                "snowplow.consent.sources", "onetrust,cookiebot,tcf,cookieyes,complianz,klaro",
                "snowplow.consent.onetrust.cookie", "OT",
                "snowplow.consent.cookiebot.cookie", "CB",
                "snowplow.consent.tcf.cookies", "tcf_string",
                "snowplow.consent.cookieyes.cookie", "cy",
                "snowplow.consent.complianz.cookie", "wp_cmplz_statistics",
                "snowplow.consent.klaro.cookie", "klaro_consent"));

    assertThat(level("/page", "Cookie", "OT=interactionCount=1&groups=C0002%3A1"))
        .isEqualTo("full");
    assertThat(level("/page", "Cookie", "CB={necessary:true%2Cstatistics:true}")).isEqualTo("full");
    assertThat(level("/page", "Cookie", "tcf_string=" + ConsentTest.ACCEPT_ALL)).isEqualTo("full");
    assertThat(level("/page", "Cookie", "cy=action:yes,analytics:yes")).isEqualTo("full");
    assertThat(level("/page", "Cookie", "wp_cmplz_statistics=allow")).isEqualTo("full");
    assertThat(level("/page", "Cookie", "klaro_consent=%7B%22snowplow%22%3Atrue%7D"))
        .isEqualTo("full");
    assertThat(
            level("/page", "Cookie", "cmplz_statistics=allow; klaro=%7B%22snowplow%22%3Atrue%7D"))
        .as("the default names are not read")
        .isEqualTo("anonymous+server");
  }

  @Test
  void didomisTokenDecidesByTheConfiguredPurposeOrVendor() {
    app =
        TestApp.withTracker(
            collector,
            Map.of(
                "snowplow.consent.sources", "didomi",
                "snowplow.consent.didomi.id", "c:googleana-h7Kc3e7Y"));
    assertThat(level("/page", "Cookie", "didomi_token=" + DIDOMI_DOC_TOKEN)).isEqualTo("full");
    assertThat(level("/page", "Cookie", "didomi_token=%%%")).isEqualTo("anonymous+server");
    app.close();

    app =
        TestApp.withTracker(
            collector,
            Map.of(
                "snowplow.consent.sources", "didomi",
                "snowplow.consent.didomi.id", "q4zlJqdcD"));
    assertThat(level("/page", "Cookie", "didomi_token=" + DIDOMI_DOC_TOKEN)).isEqualTo("full");
    assertThat(level("/page", "Cookie", "didomi_token=" + DIDOMI_PURPOSE_REFUSED))
        .isEqualTo("anonymous+server");
  }

  /** The application's record, here a request attribute an earlier filter of its own sets. */
  private static final class AttributeSource implements ConsentSource {
    @Override
    public String name() {
      return "attribute";
    }

    @Override
    public Optional<ConsentDecision> decide(ConsentRequest request) {
      Object value =
          request.unwrap(HttpServletRequest.class).orElseThrow().getAttribute("shop.consent");
      return value == null
          ? Optional.empty()
          : Optional.of(
              new ConsentDecision(
                  value.equals("yes")
                      ? Anonymisation.FULL_TRACKING
                      : Anonymisation.ANONYMOUS_WITH_SESSION,
                  "shop consent " + value));
    }
  }

  private static final Filter SETS_ATTRIBUTE =
      (request, response, chain) -> {
        String value = ((jakarta.servlet.http.HttpServletRequest) request).getHeader("X-Shop");
        if (value != null) {
          request.setAttribute("shop.consent", value);
        }
        chain.doFilter(request, response);
      };

  @Test
  void anApplicationsSourceGivenToTheFilterTakesItsPlaceInTheOrder() {
    app =
        TestApp.withTracker(
            collector,
            Map.of(),
            SETS_ATTRIBUTE,
            filter -> filter.consentSource(new AttributeSource()));
    assertThat(level("/page", "X-Shop", "yes")).isEqualTo("full");
    assertThat(level("/page", "X-Shop", "session", "Cookie", "sp_consent=all"))
        .isEqualTo("anonymous-with-session");
    app.close();

    app =
        TestApp.withTracker(
            collector,
            Map.of(
                "snowplow.consent.resolution", "first",
                "snowplow.consent.sources", "attribute,cookie"),
            SETS_ATTRIBUTE,
            filter -> filter.consentSource(new AttributeSource()));
    assertThat(level("/page", "X-Shop", "yes", "Cookie", "sp_consent=none")).isEqualTo("full");
  }

  @Test
  void anApplicationsSourceListedForTheServiceLoaderIsAsked() {
    app = TestApp.withTracker(collector, Map.of());

    assertThat(level("/page", "X-Test-Consent", "yes")).isEqualTo("full");
    assertThat(level("/page", "X-Test-Consent", "no", "Cookie", "sp_consent=all"))
        .isEqualTo("anonymous+server");
  }
}
