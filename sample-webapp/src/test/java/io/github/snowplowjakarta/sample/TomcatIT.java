package io.github.snowplowjakarta.sample;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.testing.TestCollector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample WAR, as built, on a real Tomcat 11 distribution in its own process, deployed at {@code
 * /shop}: alone (the filter, no CDI), and with what the README's Tomcat section tells a user to add
 * for CDI (Weld's servlet integration and a {@code beans.xml}). Tomcat's log must hold no warning
 * or error that names our classes or threads, nor SLF4J's.
 */
class TomcatIT {
  static final String CONTEXT = "/shop";

  private static final TestCollector collector = TestCollector.start();
  private static StandaloneTomcat tomcat;

  @BeforeAll
  static void start() throws Exception {
    tomcat =
        StandaloneTomcat.start(
            "tomcat-it",
            Map.of(
                "SNOWPLOW_COLLECTOR_URI",
                collector.uri().toString(),
                "SNOWPLOW_EMITTER_FLUSH_INTERVAL",
                "200ms"));
  }

  @AfterAll
  static void stop() {
    if (tomcat != null) {
      tomcat.close();
    }
    collector.close();
  }

  static Path sampleWar() {
    Path war = Path.of(System.getProperty("sample.war"));
    assertThat(war).exists();
    return war;
  }

  /** The README's steps: Weld's servlet integration in WEB-INF/lib, a beans.xml in WEB-INF. */
  static Path sampleWarWithWeld() throws Exception {
    Path weld = Path.of(System.getProperty("weld.servlet.jar"));
    assertThat(weld).exists();
    Path beansXml = Files.createTempFile("beans", ".xml");
    Files.writeString(
        beansXml,
        """
        <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0"
               bean-discovery-mode="annotated"/>
        """);
    return StandaloneTomcat.warWith(
        sampleWar(),
        Path.of("target", "tomcat", "shop-weld.war").toAbsolutePath(),
        Map.of(
            "WEB-INF/lib/weld-servlet-shaded.jar", weld,
            "WEB-INF/beans.xml", beansXml));
  }

  @AfterEach
  void undeployAndCheckTheLog() throws Exception {
    tomcat.undeploy(CONTEXT);
    await()
        .atMost(ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(tomcat.ourThreads())
                    .as("threads of ours still running after undeploy")
                    .isEmpty());
    await()
        .atMost(ofSeconds(60))
        .pollInterval(ofSeconds(2))
        .untilAsserted(
            () ->
                assertThat(tomcat.leakedApplications())
                    .as("stopped applications whose class loader a full GC did not clear")
                    .isEmpty());
    assertThat(collector.validationErrors()).isEmpty();
    assertThat(tomcat.problems("io.github.snowplowjakarta", "snowplow-emitter"))
        .as("warnings and errors in Tomcat's log that name our classes or threads")
        .isEmpty();
    assertThat(tomcat.problems("SLF4J"))
        .as("SLF4J's warnings in Tomcat's log (the sample ships an SLF4J provider)")
        .isEmpty();
  }

  @Test
  void withoutCdiTheFilterTracksEveryConsentChoiceAndNoPageFails() throws Exception {
    tomcat.deploy(CONTEXT, sampleWar());

    // The shop's add-to-cart and order go through the filter's tracker for the request; only the
    // @Tracked event needs CDI.
    new ConsentJourney(tomcat.url(CONTEXT), collector, false, "filter-").runEveryChoice();

    HttpClient browser = HttpClient.newHttpClient();
    for (String page : new String[] {"/", "/product", "/basket", "/privacy", "/events"}) {
      HttpResponse<String> response =
          browser.send(
              HttpRequest.newBuilder(URI.create(tomcat.url(CONTEXT) + page)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(page).isEqualTo(200);
      assertThat(response.body()).as(page).contains("href='/shop/product'");
    }
  }

  @Test
  void withWeldTheFullConsentJourney() throws Exception {
    tomcat.deploy(CONTEXT, sampleWarWithWeld());

    new ConsentJourney(tomcat.url(CONTEXT), collector, true, "weld-").runEveryChoice();
  }
}
