package io.github.snowplowjakarta.web.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.Anonymisation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every consent platform's parser on malformed input, directly: it never throws, and a signal that
 * is present but unreadable refuses ({@code R}) rather than deciding nothing ({@code -}).
 */
class ParsersTest {
  private static final Answers ANSWERS = Answers.DEFAULT;
  private static final String R = "refused";
  private static final String G = "granted";
  private static final String NOTHING = "-";

  private static final Map<String, ConsentSource> SOURCES =
      Map.of(
          "cookie",
          new AppCookieConsent(
              "sp_consent",
              Map.of("all", Anonymisation.FULL_TRACKING, "none", Anonymisation.ANONYMOUS_SERVER)),
          "onetrust",
          new OneTrustConsent("OptanonConsent", "OptanonAlertBoxClosed", "C0002", ANSWERS),
          "cookiebot",
          new CookiebotConsent("CookieConsent", "statistics", ANSWERS),
          "tcf",
          new TcfConsent(List.of("euconsent-v2"), ANSWERS),
          "cookieyes",
          new CookieYesConsent("cookieyes-consent", "analytics", ANSWERS),
          "complianz",
          new ComplianzConsent("cmplz_statistics", ANSWERS),
          "klaro",
          new KlaroConsent("klaro", "snowplow", ANSWERS),
          "didomi",
          new DidomiConsent("didomi_token", "analytics", ANSWERS));

  private static Arguments c(String source, String cookie, String expected) {
    return Arguments.of(source, cookie, expected);
  }

  static Stream<Arguments> inputs() {
    String ot = "OptanonConsent=interactionCount=1&groups=";
    return Stream.of(
        c("cookie", "sp_consent=", R),
        c("cookie", "sp_consent=%", R),
        c("cookie", "sp_consent=%E2%82", R),
        c("cookie", "sp_consent=\"all\"", G),
        c("cookie", "sp_consent= all ", G),
        c("onetrust", "OptanonConsent=", NOTHING),
        c("onetrust", "OptanonConsent=&&&=&=", NOTHING),
        c("onetrust", "OptanonConsent=interactionCount=1", R),
        c("onetrust", ot, NOTHING),
        c("onetrust", ot + "C0002", NOTHING),
        c("onetrust", ot + "C0002:", R),
        c("onetrust", ot + "C0002:2", R),
        c("onetrust", ot + "C0002:1:1", R),
        c("onetrust", ot + ":1,:0,,,", NOTHING),
        c("onetrust", ot + "C99999999999999999999:1", NOTHING),
        c("onetrust", ot + "%C0%02:1", NOTHING),
        c("onetrust", ot + "c2:1", G),
        c("onetrust", ot + "0002:0", R),
        c("onetrust", "OptanonConsent=groups=C0002:1; OptanonAlertBoxClosed=", G),
        c("cookiebot", "CookieConsent=", R),
        c("cookiebot", "CookieConsent={", R),
        c("cookiebot", "CookieConsent={statistics:maybe}", R),
        c("cookiebot", "CookieConsent={statistics:truthy}", R),
        c("cookiebot", "CookieConsent={xstatistics:true}", R),
        c("cookiebot", "CookieConsent=" + "a".repeat(5000), R),
        c("cookiebot", "CookieConsent=-1", G),
        c("tcf", "euconsent-v2=", R),
        c("tcf", "euconsent-v2=.", R),
        c("tcf", "euconsent-v2=...", R),
        c("tcf", "euconsent-v2=!!!!", R),
        c("tcf", "euconsent-v2=A", R),
        c("tcf", "euconsent-v2=CAAAAA", R),
        c("tcf", "euconsent-v2=" + "A".repeat(9000), R),
        c("tcf", "euconsent-v2=" + TcfStrings.ACCEPT_ALL + ".", R),
        c("tcf", "euconsent-v2=" + TcfStrings.ACCEPT_ALL + ".Y", R),
        c("tcf", "euconsent-v2=" + TcfStrings.ACCEPT_ALL + ".%%", R),
        c("tcf", "euconsent-v2=" + TcfStrings.ACCEPT_ALL, G),
        c("cookieyes", "cookieyes-consent=", NOTHING),
        c("cookieyes", "cookieyes-consent=,,,:::", NOTHING),
        c("cookieyes", "cookieyes-consent=action:yes", R),
        c("cookieyes", "cookieyes-consent=action:yes,analytics:", R),
        c("cookieyes", "cookieyes-consent=action:yes,analytics:maybe", R),
        c("cookieyes", "cookieyes-consent=action:no,analytics:yes", NOTHING),
        c("cookieyes", "cookieyes-consent=action:,analytics:yes", NOTHING),
        c("complianz", "cmplz_statistics=", R),
        c("complianz", "cmplz_statistics=ALLOW", R),
        c("complianz", "cmplz_statistics=allow", G),
        c("klaro", "klaro=", R),
        c("klaro", "klaro=%7B", R),
        c("klaro", "klaro=[true]", R),
        c("klaro", "klaro=null", R),
        c("klaro", "klaro=%7B%22snowplow%22%3A%22yes%22%7D", R),
        c("klaro", "klaro=%7B%22other%22%3Atrue%7D", NOTHING),
        c("klaro", "klaro=" + "%7B".repeat(3000), R),
        c("didomi", "didomi_token=", R),
        c("didomi", "didomi_token=%%%", R),
        c("didomi", "didomi_token=bnVsbA==", R),
        c("didomi", "didomi_token=e30", NOTHING),
        c("didomi", "didomi_token=eyJwdXJwb3NlcyI6eyJlbmFibGVkIjoiYW5hbHl0aWNzIn19", NOTHING),
        c("didomi", "didomi_token=eyJwdXJwb3NlcyI6eyJlbmFibGVkIjpbImFuYWx5dGljcyJdfX0", G));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("inputs")
  void malformedInputNeverThrowsAndAnUnreadableSignalRefuses(
      String source, String cookie, String expected) {
    Optional<ConsentDecision> decision = SOURCES.get(source).decide(Requests.of(cookie));

    String actual =
        decision.map(d -> d.anonymisation().equals(ANSWERS.granted()) ? G : R).orElse(NOTHING);
    assertThat(actual).isEqualTo(expected);
    decision.ifPresent(d -> assertThat(d.reason()).doesNotContain("%", "{"));
  }
}
