package io.github.snowplowjakarta.sample;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.snowplowjakarta.testing.PayaraMicro;
import io.github.snowplowjakarta.testing.TestCollector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sample WAR, as built, deployed to Payara Micro (Jakarta EE 10) in its own process on a
 * loopback port: the server's own CDI, MicroProfile Config and MicroProfile Health, the filter
 * registering itself.
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

  /** Payara's MicroProfile Health readiness answer: its status code and the check named so. */
  private record Readiness(int statusCode, JsonNode check) {}

  private Readiness readiness(HttpClient client) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(payara.base() + "/health/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode check = null;
    for (JsonNode each : new ObjectMapper().readTree(response.body()).path("checks")) {
      if (each.path("name").asText().equals("snowplow")) {
        check = each;
      }
    }
    return new Readiness(response.statusCode(), check);
  }

  /** The figure of the check's data for the emitter that sent the filter's page views. */
  private static JsonNode figure(JsonNode check, String name) {
    for (var field : (Iterable<Map.Entry<String, JsonNode>>) check.path("data")::fields) {
      if (field.getKey().endsWith("." + name)) {
        String emitter = field.getKey().substring(0, field.getKey().length() - name.length());
        if (check.path("data").path(emitter + "sent").asLong() > 0) {
          return field.getValue();
        }
      }
    }
    return null;
  }

  @Test
  void theReadinessCheckShowsACollectorOutageAndStaysUp() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest page = HttpRequest.newBuilder(URI.create(payara.base() + "/privacy")).build();
    client.send(page, HttpResponse.BodyHandlers.discarding());
    await().atMost(ofSeconds(30)).until(() -> !collector.acceptedEvents().isEmpty());

    Readiness healthy = readiness(client);
    assertThat(healthy.statusCode()).isEqualTo(200);
    assertThat(healthy.check()).as("the snowplow check in /health/ready").isNotNull();
    assertThat(healthy.check().path("status").asText()).isEqualTo("UP");
    assertThat(healthy.check().path("data").path("emitters").asLong()).isPositive();
    await()
        .atMost(ofSeconds(30))
        .until(() -> figure(readiness(client).check(), "collectorUnavailable") != null);
    assertThat(figure(readiness(client).check(), "collector").asText())
        .isEqualTo(collector.uri().toString());

    collector.refuseConnections();
    client.send(page, HttpResponse.BodyHandlers.discarding());
    await()
        .atMost(ofSeconds(60))
        .until(() -> figure(readiness(client).check(), "collectorUnavailable").asBoolean());
    Readiness outage = readiness(client);
    assertThat(outage.statusCode()).isEqualTo(200);
    assertThat(outage.check().path("status").asText()).isEqualTo("UP");
    assertThat(figure(outage.check(), "queueDepth").asLong()).isPositive();
    assertThat(figure(outage.check(), "lastError").asText()).isNotEmpty();
    collector.restart();
  }
}
