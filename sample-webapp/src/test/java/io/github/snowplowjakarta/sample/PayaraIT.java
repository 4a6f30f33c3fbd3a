package io.github.snowplowjakarta.sample;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.testing.PayaraMicro;
import io.github.snowplowjakarta.testing.TestCollector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sample WAR, as built, deployed to Payara Micro (Jakarta EE 10) in its own process on a
 * loopback port: the server's own CDI and MicroProfile Config, the filter registering itself.
 */
class PayaraIT {
  private final TestCollector collector = TestCollector.start();
  private PayaraMicro payara;

  @BeforeEach
  void deploy() throws Exception {
    Path payaraJar = Path.of(System.getProperty("payara.jar"));
    Path war = Path.of(System.getProperty("sample.war"));
    assertThat(payaraJar).exists();
    assertThat(war).exists();
    Path work = Files.createDirectories(Path.of("target", "payara"));
    payara =
        PayaraMicro.start(
            payaraJar, work, collector.uri(), "--deploy", war.toString(), "--contextroot", "/");
    HttpClient client = HttpClient.newHttpClient();
    await()
        .atMost(ofSeconds(240))
        .pollInterval(ofSeconds(1))
        .ignoreExceptions()
        .until(
            () -> {
              assertThat(payara.isAlive()).as("Payara Micro is running").isTrue();
              // The application answers before the boot has finished, and Payara answers 503
              // to some requests until it has: wait for its "… ready in … (ms)", then for a page
              // only the sample serves (Payara's default web module answers "/" before the
              // application is deployed there).
              return Files.readString(work.resolve("payara.log")).contains(" ready in ")
                  && client
                          .send(
                              HttpRequest.newBuilder(URI.create(payara.base() + "/privacy"))
                                  .build(),
                              HttpResponse.BodyHandlers.discarding())
                          .statusCode()
                      == 200;
            });
  }

  @AfterEach
  void undeploy() throws Exception {
    if (payara != null) {
      payara.close();
    }
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  @Test
  void eachConsentChoiceChangesWhatReachesTheCollector() throws Exception {
    new ConsentJourney(payara.base(), collector).runEveryChoice();

    assertThat(collector.requests())
        .extracting(TestCollector.Request::path)
        .containsOnly(TestCollector.POST_PATH);
  }
}
