package io.github.snowplowjakarta.quarkus.deployment;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.Structured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

/** Reads the {@code snowplow} readiness check over HTTP while its collector is down. */
final class HealthChecks {
  private HealthChecks() {}

  /** A loopback collector URI nothing listens on. */
  static String deadCollector() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Tracks an event the dead collector cannot take, then waits until the check says the collector
   * is unavailable; returns the check.
   */
  static JsonNode afterAnOutage(Tracker tracker, URI ready) {
    tracker.track(Structured.builder().category("shop").action("checkout").build());
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> snowplowCheck(ready),
            check ->
                check != null && check.path("data").path("cdi.collectorUnavailable").asBoolean());
  }

  /** The {@code snowplow} check of the readiness endpoint's answer, or null if it has none. */
  static JsonNode snowplowCheck(URI ready) throws IOException {
    JsonNode answer = new ObjectMapper().readTree(QuarkusApps.get(ready).body());
    for (JsonNode check : answer.path("checks")) {
      if (check.path("name").asText().equals("snowplow")) {
        return check;
      }
    }
    return null;
  }
}
