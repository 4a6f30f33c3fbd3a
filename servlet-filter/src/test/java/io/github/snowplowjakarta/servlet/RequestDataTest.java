package io.github.snowplowjakarta.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the filter reads from a request: browser-tracker cookies and the client address. */
class RequestDataTest {
  private static final String DUID = PageViewTest.DUID;
  private static final String SID = PageViewTest.SID;

  @RegisterExtension final FilterFixture fixture = FilterFixture.perTest();
  private final TestCollector collector = fixture.collector();
  private TestApp app;

  private Map<String, String> pageView(String... headers) {
    int before = collector.acceptedEvents().size();
    app.get("/page", headers);
    app.flush();
    List<JsonNode> events = collector.acceptedEvents();
    assertThat(events).hasSize(before + 1);
    return TrackerPayloads.fields(events.get(before));
  }

  @Test
  void readsTheSixFieldCookieOfOlderBrowserTrackers() {
    app = TestApp.withTracker(collector, Map.of());

    Map<String, String> pv =
        pageView(
            "Cookie",
            "sp_consent=all; _sp_id.2a0b="
                + DUID
                + ".1700000000.5.1700000500.1699990000."
                + SID
                + "; _sp_ses.2a0b=*");

    assertThat(pv).containsEntry("duid", DUID).containsEntry("sid", SID).containsEntry("vid", "5");
  }

  @Test
  void readsTheAnonymousFormWithItsEmptyUserId() {
    app = TestApp.withTracker(collector, Map.of());

    Map<String, String> pv =
        pageView(
            "Cookie",
            "sp_consent=all; _sp_id.1fff=.1700000000.2.1700000500.1699990000."
                + SID
                + "..undefined.1700000000123.3; _sp_ses.1fff=*");

    assertThat(pv).doesNotContainKey("duid").containsEntry("sid", SID).containsEntry("vid", "2");
  }

  @Test
  void anExpiredSessionIsNotSent() {
    app = TestApp.withTracker(collector, Map.of());

    Map<String, String> pv = pageView("Cookie", "sp_consent=all; " + PageViewTest.SP_ID);

    assertThat(pv).containsEntry("duid", DUID).doesNotContainKeys("sid", "vid");
  }

  @Test
  void theMostRecentlyUpdatedIdCookieWins() {
    app = TestApp.withTracker(collector, Map.of());
    String older = "_sp_id.aaaa=olderuser.1600000000.1.1600000100.1600000000." + SID;
    String newer = "_sp_id.bbbb=" + DUID + ".1700000000.4.1700000900.1700000000." + SID;

    Map<String, String> pv =
        pageView("Cookie", "sp_consent=all; " + older + "; " + newer + "; _sp_ses.bbbb=*");

    assertThat(pv).containsEntry("duid", DUID).containsEntry("vid", "4");
  }

  @Test
  void theCookiePrefixIsConfigurable() {
    app = TestApp.withTracker(collector, Map.of("snowplow.cookie.prefix", "_shop_"));

    Map<String, String> pv =
        pageView(
            "Cookie",
            "sp_consent=all; "
                + PageViewTest.SP_ID.replace("_sp_", "_shop_")
                + "; _shop_ses.1fff=*");

    assertThat(pv).containsEntry("duid", DUID).containsEntry("sid", SID);
  }

  @Test
  void theCollectorCookieIsReadAsNetworkUserIdOnlyWhenAsked() {
    app = TestApp.withTracker(collector, Map.of("snowplow.cookie.read-network-id", "true"));
    String nuid = "ecdff4d0-9175-40ac-a8bb-325c49733607";

    assertThat(pageView("Cookie", "sp_consent=all; sp=" + nuid)).containsEntry("tnuid", nuid);
    assertThat(pageView("Cookie", "sp_consent=none; sp=" + nuid)).doesNotContainKey("tnuid");
  }

  @Test
  void forwardedAddressesAreBelievedOnlyFromTrustedProxies() {
    app =
        TestApp.withTracker(collector, Map.of("snowplow.trusted-proxies", "127.0.0.1, 10.0.0.0/8"));

    assertThat(pageView("Cookie", "sp_consent=all", "X-Forwarded-For", "203.0.113.9, 10.1.2.3"))
        .containsEntry("ip", "203.0.113.9");
    assertThat(pageView("Cookie", "sp_consent=all", "X-Forwarded-For", "198.51.100.1, 203.0.113.9"))
        .containsEntry("ip", "203.0.113.9");
    assertThat(pageView("Cookie", "sp_consent=all", "X-Forwarded-For", "evil.example.com"))
        .containsEntry("ip", "127.0.0.1");
    assertThat(pageView("Cookie", "sp_consent=all", "X-Forwarded-For", "999.1.1.1"))
        .containsEntry("ip", "127.0.0.1");
    // The proxies write X-Forwarded-For: a Forwarded header can only come from the client.
    assertThat(
            pageView(
                "Cookie",
                "sp_consent=all",
                "Forwarded",
                "for=1.2.3.4",
                "X-Forwarded-For",
                "203.0.113.9"))
        .containsEntry("ip", "203.0.113.9");
  }

  @Test
  void theForwardedHeaderIsReadWhenTheProxiesWriteIt() {
    app =
        TestApp.withTracker(
            collector,
            Map.of(
                "snowplow.trusted-proxies",
                "127.0.0.1",
                "snowplow.trusted-proxies.header",
                "Forwarded"));

    assertThat(
            pageView(
                "Cookie",
                "sp_consent=all",
                "Forwarded",
                "for=192.0.2.60;proto=https, for=\"[2001:db8:cafe::17]:4711\""))
        .containsEntry("ip", "2001:db8:cafe::17");
    assertThat(pageView("Cookie", "sp_consent=all", "X-Forwarded-For", "203.0.113.9"))
        .containsEntry("ip", "127.0.0.1");
  }

  @Test
  void forwardedAddressesFromAnUntrustedPeerAreIgnored() {
    app = TestApp.withTracker(collector, Map.of("snowplow.trusted-proxies", "10.0.0.1"));

    assertThat(pageView("Cookie", "sp_consent=all", "X-Forwarded-For", "203.0.113.9"))
        .containsEntry("ip", "127.0.0.1");
  }

  /** Puts a signed-in user on every request, as a container's security layer would. */
  public static final class SignedIn implements jakarta.servlet.Filter {
    @Override
    public void doFilter(
        jakarta.servlet.ServletRequest request,
        jakarta.servlet.ServletResponse response,
        jakarta.servlet.FilterChain chain)
        throws java.io.IOException, jakarta.servlet.ServletException {
      chain.doFilter(
          new jakarta.servlet.http.HttpServletRequestWrapper(
              (jakarta.servlet.http.HttpServletRequest) request) {
            @Override
            public java.security.Principal getUserPrincipal() {
              return () -> "alice@example.com";
            }
          },
          response);
    }
  }

  private TestApp signedInApp(Map<String, String> initParams) {
    var context = TestApp.context();
    var emitter = io.github.snowplowjakarta.core.emitter.Emitter.builder(collector.uri()).build();
    var tracker =
        io.github.snowplowjakarta.core.Tracker.builder(
                io.github.snowplowjakarta.core.TrackerSettings.of("shop"), emitter)
            .build();
    var types = java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST);
    context.addFilter(SignedIn.class, "/*", types);
    var snowplow = new org.eclipse.jetty.ee10.servlet.FilterHolder(new SnowplowFilter(tracker));
    initParams.forEach(snowplow::setInitParameter);
    context.addFilter(snowplow, "/*", types);
    return TestApp.start(context, emitter);
  }

  @Test
  void theUserIdComesFromThePrincipalOnlyWhenAskedAndConsented() {
    app = signedInApp(Map.of("snowplow.user-id.from-principal", "true"));
    assertThat(pageView("Cookie", "sp_consent=all")).containsEntry("uid", "alice@example.com");
    assertThat(pageView("Cookie", "sp_consent=session")).doesNotContainKey("uid");
    app.close();

    app = signedInApp(Map.of());
    assertThat(pageView("Cookie", "sp_consent=all")).doesNotContainKey("uid");
  }
}
