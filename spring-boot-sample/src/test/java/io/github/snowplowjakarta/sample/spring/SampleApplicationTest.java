package io.github.snowplowjakarta.sample.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The sample as it runs: its page views and API events reach its own collector endpoint. */
class SampleApplicationTest {
  private final HttpClient client = HttpClient.newHttpClient();

  private String get(int port, String path, String cookie) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void thePagesAndTheApiAreTrackedToTheBuiltInCollector() throws Exception {
    int port;
    // The sample's collector URI names its port, so it must be known before it starts.
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    try (ConfigurableApplicationContext context =
        SpringApplication.run(
            SampleApplication.class, "--sample.port=" + port, "--server.address=127.0.0.1")) {
      assertThat(get(port, "/", "sp_consent=all")).contains("Tracked as:");
      get(port, "/api/cart", "sp_consent=none");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(get(port, "/events", null))
                      .contains("<td>pv</td>", "add-to-cart", "checkout", "spring-sample"));
    }
  }
}
