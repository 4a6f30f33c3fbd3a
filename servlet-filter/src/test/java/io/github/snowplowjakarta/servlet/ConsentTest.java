package io.github.snowplowjakarta.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TestCollector.Request;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import io.github.snowplowjakarta.web.consent.Levels;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every consent source, granted and refused, through a real request: what leaves, and the header.
 */
class ConsentTest {
  private static final String IDENTITY = PageViewTest.SP_ID + "; " + PageViewTest.SP_SES;
  private static final String FULL = "full";
  private static final String SESSION = "anonymous-with-session";
  private static final String NONE = "anonymous+server";

  @RegisterExtension static final FilterFixture FIXTURE = FilterFixture.perClass();
  private static final TestCollector collector = FIXTURE.collector();
  private static TestApp app;

  @BeforeAll
  static void start() {
    app =
        TestApp.withTracker(
            collector,
            Map.of(
                "snowplow.consent.sources",
                "cookie,onetrust,cookiebot,tcf,cookieyes,complianz,klaro,gpc,dnt"));
  }

  private static Arguments signal(String name, String expected, String... headers) {
    return Arguments.of(name, expected, headers);
  }

  static final String ACCEPT_ALL =
      "CQTQT4AQTQT4AAGABCENBvFsAP_gAELAABp4IzQHwAFAANAAqABwAEAALQAZAA0ACKAEwAKQAYgA3gBzAEIAI4ATQApACEAFDAPaAhsBGoC2gF5gMZAZIA0IBqIELgIzAIRADAAUAI4AhAA4SAYABUADgAIIAZABoAEwAN4AhABNAHtAXmAyQCFw6AWABUADgAIIAZABoAEwAMQAbwBNAHtAXmAyQhACADEAG8lAGAA4AEwAMQB7QF5gMkKQCQAKgAcABAADQAJgAYgD2gLzAZIVAAgAKKAAQAZA.YAAAAAAAAAAA";
  static final String REJECT_ALL =
      "CQEyKcAQEyKcAAGABBENBGFgAAAAAEPgABBoAAAOWgJAAkABkAEcARwAnAByADnAIAAQcAjgBdQFSgLUAXQAvMBggDFgHLABBQAIC6CgAEAjgAAA.YAAAAAAAAAAA";
  static final String DIDOMI_ALL =
      "CQbB_cAQbB_cAAHABBENCFFsAP_gAAAAAAAAHXwCAAIAAqABaAFsAUgBZgF5gOvAAAAKSgAwABBd8pABgACC75CADAAEF3x0AGAAILvhIAMAAQXf.f_wAAAAAAAAA";

  static String manyCookies(int count) {
    StringBuilder cookies = new StringBuilder();
    for (int i = 0; i < count; i++) {
      cookies.append(i == 0 ? "" : "; ").append("c").append(i).append("=v").append(i);
    }
    return cookies.toString();
  }

  private static String tcf(String... segments) {
    return "euconsent-v2=" + String.join(".", segments);
  }

  static Stream<Arguments> signals() {
    String oneTrust =
        "OptanonConsent=isGpcEnabled=0&datestamp=Mon+Nov+23+2026&version=202411.1.0&interactionCount=1&groups=";
    return Stream.of(
        signal("no signal", NONE),
        signal("app cookie all", FULL, "Cookie", "sp_consent=all"),
        signal("app cookie session", SESSION, "Cookie", "sp_consent=session"),
        signal("app cookie none", NONE, "Cookie", "sp_consent=none"),
        signal("app cookie unknown value", NONE, "Cookie", "sp_consent=maybe"),
        signal("OneTrust granted", FULL, "Cookie", oneTrust + "C0001%3A1%2CC0002%3A1%2CC0004%3A0"),
        signal("OneTrust refused", NONE, "Cookie", oneTrust + "C0001%3A1%2CC0002%3A0"),
        signal("OneTrust unencoded", FULL, "Cookie", oneTrust + "C0001:1,C0002:1"),
        signal(
            "OneTrust before any interaction",
            NONE,
            "Cookie",
            "OptanonConsent=interactionCount=0&groups=C0001%3A1%2CC0002%3A1"),
        signal(
            "Cookiebot statistics",
            FULL,
            "Cookie",
            "CookieConsent={stamp:%27abc%27%2Cnecessary:true%2Cpreferences:false%2Cstatistics:true%2Cmarketing:false%2Cmethod:%27explicit%27%2Cver:1}"),
        signal(
            "Cookiebot no statistics",
            NONE,
            "Cookie",
            "CookieConsent={stamp:%27abc%27%2Cnecessary:true%2Cstatistics:false%2Cmarketing:true}"),
        signal("Cookiebot not required here", FULL, "Cookie", "CookieConsent=-1"),
        signal("Cookiebot necessary only", NONE, "Cookie", "CookieConsent=0"),
        signal("TCF purposes 1 and 8", FULL, "Cookie", tcf(TcStrings.core(2, 4, Set.of(1, 8)))),
        signal("TCF purposes 1 and 9", FULL, "Cookie", tcf(TcStrings.core(2, 5, Set.of(1, 9)))),
        signal("TCF purpose 1 only", NONE, "Cookie", tcf(TcStrings.core(2, 4, Set.of(1, 2, 3)))),
        signal("TCF no storage", NONE, "Cookie", tcf(TcStrings.core(2, 4, Set.of(8, 9)))),
        signal(
            "TCF publisher segment wins",
            NONE,
            "Cookie",
            tcf(TcStrings.core(2, 4, Set.of(1, 8)), TcStrings.publisher(Set.of(1)))),
        signal(
            "TCF publisher grants",
            FULL,
            "Cookie",
            tcf(TcStrings.core(2, 4, Set.of()), TcStrings.publisher(Set.of(1, 8)))),
        signal(
            "TCF policy version 3 decides nothing",
            NONE,
            "Cookie",
            tcf(TcStrings.core(2, 3, Set.of(1, 8)))),
        signal(
            "TCF version 1 decides nothing",
            NONE,
            "Cookie",
            tcf(TcStrings.core(1, 4, Set.of(1, 8)))),
        signal(
            "CookieYes yes",
            FULL,
            "Cookie",
            "cookieyes-consent=consentid:abc,consent:yes,action:yes,necessary:yes,analytics:yes"),
        signal(
            "CookieYes no",
            NONE,
            "Cookie",
            "cookieyes-consent=consentid:abc,consent:no,action:yes,necessary:yes,analytics:no"),
        signal(
            "CookieYes undecided",
            NONE,
            "Cookie",
            "cookieyes-consent=consentid:abc,consent:no,action:,analytics:yes"),
        signal("Complianz allow", FULL, "Cookie", "cmplz_statistics=allow"),
        signal("Complianz deny", NONE, "Cookie", "cmplz_statistics=deny"),
        signal(
            "Klaro yes", FULL, "Cookie", "klaro=%7B%22snowplow%22%3Atrue%2C%22ads%22%3Afalse%7D"),
        signal("Klaro no", NONE, "Cookie", "klaro=%7B%22snowplow%22%3Afalse%7D"),
        signal("Klaro other service only", NONE, "Cookie", "klaro=%7B%22ads%22%3Atrue%7D"),
        signal(
            "the more restrictive of two decisions wins",
            SESSION,
            "Cookie",
            "cmplz_statistics=allow; sp_consent=session"),
        // The failures (issue 11): each of these went wrong before.
        signal(
            "a consent cookie past the 200th cookie still decides",
            NONE,
            "Cookie",
            oneTrust
                + "C0001%3A1%2CC0002%3A1; OptanonAlertBoxClosed=2026-11-23T10:00:00.000Z; "
                + manyCookies(200)
                + "; sp_consent=none"),
        signal(
            "duplicates: the most restrictive value wins",
            NONE,
            "Cookie",
            "sp_consent=all; sp_consent=none"),
        signal(
            "conflicts: OneTrust yes and Cookiebot no refuse",
            NONE,
            "Cookie",
            oneTrust
                + "C0001%3A1%2CC0002%3A1; CookieConsent={stamp:%27abc%27%2Cnecessary:true%2Cstatistics:false}"),
        signal(
            "an unreadable TCF string outvotes a yes",
            NONE,
            "Cookie",
            "sp_consent=all; euconsent-v2=..."),
        signal(
            "a malformed Cookiebot value outvotes a yes",
            NONE,
            "Cookie",
            "sp_consent=all; CookieConsent={stamp:%27abc%27%2Cnecessary:true}"),
        signal(
            "an unknown value of the application's cookie outvotes a CMP's yes",
            NONE,
            "Cookie",
            "cmplz_statistics=allow; sp_consent=maybe"),
        // Captured from transfermarkt.com (Sourcepoint, CMP id 6, policy version 5), published in a
        // public GitHub scraper's Cookie header: accept-all with an empty publisher segment.
        signal("TCF accept-all with an empty publisher segment", FULL, "Cookie", tcf(ACCEPT_ALL)),
        // Captured from news.sky.com (Sourcepoint, policy version 5): reject-all, empty publisher.
        signal("TCF reject-all with an empty publisher segment", NONE, "Cookie", tcf(REJECT_ALL)),
        // Captured from idealista.com (Didomi, CMP id 7, policy version 5), published in a public
        // GitHub scraper's Cookie header: accept-all with a publisher segment that consents.
        signal("TCF accept-all whose publisher segment consents", FULL, "Cookie", tcf(DIDOMI_ALL)),
        signal(
            "OneTrust numeric group ids",
            FULL,
            "Cookie",
            "OptanonConsent=interactionCount=1&groups=1%3A1%2C2%3A1%2C3%3A0%2C4%3A0"),
        signal(
            "OneTrust awaiting reconsent: a yes decides nothing",
            NONE,
            "Cookie",
            oneTrust + "C0001%3A1%2CC0002%3A1&AwaitingReconsent=true"),
        signal(
            "OneTrust awaiting reconsent: a no still refuses",
            NONE,
            "Cookie",
            "sp_consent=all; " + oneTrust + "C0001%3A1%2CC0002%3A0&AwaitingReconsent=true"),
        signal(
            "CookieYes action no decides nothing",
            NONE,
            "Cookie",
            "cookieyes-consent=consentid:abc,consent:yes,action:no,necessary:yes,analytics:yes"),
        signal("GPC caps full consent", NONE, "Cookie", "sp_consent=all", "Sec-GPC", "1"),
        signal("GPC 0 caps nothing", FULL, "Cookie", "sp_consent=all", "Sec-GPC", "0"),
        signal("DNT caps when it is a source", NONE, "Cookie", "sp_consent=all", "DNT", "1"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("signals")
  void theSignalDecidesWhatLeaves(String name, String expected, String[] headers) {
    Anonymisation anonymisation = Levels.parse(expected);
    String[] withIdentity = withIdentityCookies(headers);
    String marker = "/consent/" + name.replaceAll("[^a-zA-Z0-9]", "-");
    int before = collector.requests().size();

    assertThat(app.get(marker, withIdentity).statusCode()).isEqualTo(200);
    app.flush();

    Request request =
        collector.requests().subList(before, collector.requests().size()).stream()
            .filter(r -> r.events().stream().anyMatch(e -> e.get("url").asText().endsWith(marker)))
            .findFirst()
            .orElseThrow();
    JsonNode pv =
        request.events().stream()
            .filter(e -> e.get("url").asText().endsWith(marker))
            .findFirst()
            .orElseThrow();
    Map<String, String> fields = TrackerPayloads.fields(pv);
    assertThat(fields.containsKey("duid"))
        .as("duid")
        .isEqualTo(anonymisation.sendsUserIdentifiers());
    assertThat(fields.containsKey("sid"))
        .as("sid")
        .isEqualTo(anonymisation.sendsSessionIdentifiers());
    assertThat(fields.containsKey("vid"))
        .as("vid")
        .isEqualTo(anonymisation.sendsSessionIdentifiers());
    assertThat(fields.containsKey("ip"))
        .as("ip")
        .isEqualTo(anonymisation.sendsNetworkIdentifiers());
    assertThat(request.anonymous())
        .as("SP-Anonymous")
        .isEqualTo(anonymisation.serverAnonymisation());
    assertThat(
            TrackerPayloads.entities(pv, "iglu:com.snowplowanalytics.snowplow/client_session/")
                .isEmpty())
        .as("client_session entity")
        .isEqualTo(anonymisation.level() != Anonymisation.Level.ANONYMOUS_WITH_SESSION);
  }

  private static String[] withIdentityCookies(String[] headers) {
    String[] result = headers.clone();
    for (int i = 0; i < result.length; i += 2) {
      if (result[i].equals("Cookie")) {
        result[i + 1] = result[i + 1] + "; " + IDENTITY;
        return result;
      }
    }
    String[] extended = new String[result.length + 2];
    System.arraycopy(result, 0, extended, 0, result.length);
    extended[result.length] = "Cookie";
    extended[result.length + 1] = IDENTITY;
    return extended;
  }
}
