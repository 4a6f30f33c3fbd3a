package io.github.snowplowjakarta.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.web.WebTrackingMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.server.RMIServerSocketFactory;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The privacy officer's figures through a real filter on Jetty, read by a JMX client: page views
 * and events by level and by what decided it.
 */
class ConsentFiguresTest {
  private static final MBeanServer PLATFORM = ManagementFactory.getPlatformMBeanServer();

  @RegisterExtension final FilterFixture fixture = FilterFixture.perTest();
  private final TestCollector collector = fixture.collector();

  private static ObjectName figuresOf(TestApp app) throws Exception {
    return new ObjectName("io.github.snowplowjakarta:type=WebTracking,name=" + app.emitter.name());
  }

  private static JMXConnectorServer loopbackConnectorServer() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    RMIServerSocketFactory sockets = port -> new ServerSocket(port, 50, loopback);
    JMXConnectorServer server =
        JMXConnectorServerFactory.newJMXConnectorServer(
            new JMXServiceURL("rmi", "127.0.0.1", 0),
            Map.of(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets),
            PLATFORM);
    server.start();
    return server;
  }

  @Test
  void visitorsCountByLevelAndByWhatDecidedItWithTheApplicationsEvents() throws Exception {
    TestApp app = TestApp.withTracker(collector, Map.of("snowplow.consent.sources", "cookie,gpc"));
    // /custom: a page view and an event the application tracks through the request's tracker.
    app.get("/custom", "Cookie", "sp_consent=all", "Sec-GPC", "1"); // GPC lowers a yes
    app.get("/custom", "Cookie", "sp_consent=none"); // the banner refused
    app.get("/custom"); // no choice
    app.get("/custom", "Cookie", "sp_consent=all");
    app.get("/custom", "Cookie", "sp_consent=all");
    app.tracker.track(Structured.builder().category("job").action("nightly").build());
    app.flush();

    JMXConnectorServer server = loopbackConnectorServer();
    try (JMXConnector client = JMXConnectorFactory.connect(server.getAddress())) {
      MBeanServerConnection jmx = client.getMBeanServerConnection();
      WebTrackingMXBean figures = JMX.newMXBeanProxy(jmx, figuresOf(app), WebTrackingMXBean.class);

      assertThat(figures.getName()).isEqualTo(app.emitter.name());
      // test-header: the tests' own source, listed for the ServiceLoader.
      assertThat(figures.getConsentSources())
          .containsExactly(
              "cookie", "gpc", "test-header", "default", "unreadable", "undecided", "no-request");
      assertThat(figures.getLevels()).contains("full", "anonymous+server", "off");
      assertThat(figures.pageViews("anonymous+server", "gpc")).isEqualTo(1);
      assertThat(figures.pageViews("anonymous+server", "cookie")).isEqualTo(1);
      assertThat(figures.pageViews("anonymous+server", "default")).isEqualTo(1);
      assertThat(figures.pageViews("full", "cookie")).isEqualTo(2);
      assertThat(sum(figures.getPageViews())).isEqualTo(5);
      // Each request's page view and its application event; the job's, outside any request.
      assertThat(figures.events("anonymous+server", "gpc")).isEqualTo(2);
      assertThat(figures.events("anonymous+server", "cookie")).isEqualTo(2);
      assertThat(figures.events("anonymous+server", "default")).isEqualTo(2);
      assertThat(figures.events("full", "cookie")).isEqualTo(4);
      assertThat(figures.events("anonymous+server", "no-request")).isEqualTo(1);
      assertThat(sum(figures.getEvents())).isEqualTo(11);
      assertThat(collector.acceptedEvents()).hasSize(11);
    } finally {
      server.stop();
    }
  }

  @Test
  void eventsTrackedThroughTheCurrentRequestAndARecordedConsentCountAsTheirLevelSays()
      throws Exception {
    TestApp app = TestApp.withTracker(collector, Map.of("snowplow.consent.sources", "cookie,gpc"));
    app.get("/current", "Cookie", "sp_consent=none");
    // Granted during the request: the consent event and the rest of the request at the new
    // level, decided as the next request will be, by the cookie.
    app.get("/record-consent?choice=all&type=ALLOW_ALL");
    app.flush();
    WebTrackingMXBean figures =
        JMX.newMXBeanProxy(PLATFORM, figuresOf(app), WebTrackingMXBean.class);

    assertThat(figures.events("anonymous+server", "cookie")).isEqualTo(2); // page view, event
    assertThat(figures.events("full", "cookie")).isEqualTo(3); // consent, event, page view
    assertThat(figures.pageViews("full", "cookie")).isEqualTo(1);
    assertThat(sum(figures.getEvents())).isEqualTo(5);
  }

  @Test
  void theFiguresLeaveJmxWithTheFilter() throws Exception {
    TestApp app = TestApp.withTracker(collector, Map.of());
    ObjectName name = figuresOf(app);
    assertThat(PLATFORM.isRegistered(name)).isTrue();

    app.close();

    assertThat(PLATFORM.isRegistered(name)).isFalse();
  }

  @Test
  void theReadmeListsEveryAttribute() throws Exception {
    TestApp app = TestApp.withTracker(collector, Map.of());
    String readme = Files.readString(Path.of("../README.md"));
    int start = readme.indexOf("**Page views and events by consent**");
    String part = readme.substring(start, readme.indexOf("\n## ", start));
    Set<String> documented = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `([A-Z]\\w+)`(?:, `([A-Z]\\w+)`)? \\|").matcher(part);
    while (row.find()) {
      documented.add(row.group(1));
      if (row.group(2) != null) {
        documented.add(row.group(2));
      }
    }
    Set<String> attributes = new TreeSet<>();
    for (MBeanAttributeInfo attribute : PLATFORM.getMBeanInfo(figuresOf(app)).getAttributes()) {
      attributes.add(attribute.getName());
    }
    assertThat(documented).isEqualTo(attributes);
  }

  private static long sum(long[] counts) {
    long sum = 0;
    for (long count : counts) {
      sum += count;
    }
    return sum;
  }
}
