package io.github.snowplowjakarta.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestCollectorTest {
  private static final String VALID =
      "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4\","
          + "\"data\":[{\"e\":\"pv\",\"p\":\"web\",\"tv\":\"test-1\",\"eid\":"
          + "\"c8e4b7a2-3f1d-4e5a-9b6c-7d8e9f0a1b2c\",\"url\":\"https://example.org/\"}]}";

  private final TestCollector collector = TestCollector.start();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stop() {
    collector.close();
  }

  private HttpResponse<String> post(String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(collector.uri() + TestCollector.POST_PATH))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aValidBatchIsAcceptedAndRecordedWithItsHeaders() throws Exception {
    assertThat(post(VALID, "SP-Anonymous", "*").statusCode()).isEqualTo(200);

    assertThat(collector.validationErrors()).isEmpty();
    assertThat(collector.acceptedEvents()).hasSize(1);
    assertThat(collector.acceptedEvents().get(0).get("url").asText())
        .isEqualTo("https://example.org/");
    assertThat(collector.requests().get(0).anonymous()).isTrue();
  }

  @Test
  void whatBreaksASchemaIsReported() throws Exception {
    post(VALID.replace("\"p\":\"web\"", "\"p\":7"));
    post(VALID.replace("\"url\"", "\"not_a_field\""));
    post(VALID.replace("\"e\":\"pv\",", ""));

    assertThat(collector.validationErrors()).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void scriptedAnswersComeFirstThenTheUsualOne() throws Exception {
    collector.enqueue(
        TestCollector.Response.status(503).withHeader("Retry-After", "7"),
        TestCollector.Response.status(400));

    HttpResponse<String> unavailable = post(VALID);
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(post(VALID).statusCode()).isEqualTo(400);
    assertThat(post(VALID).statusCode()).isEqualTo(200);
    assertThat(collector.acceptedEvents()).hasSize(1);
  }

  @Test
  void refusedConnectionsUntilRestarted() throws Exception {
    collector.refuseConnections();
    assertThatThrownBy(() -> post(VALID)).isInstanceOf(IOException.class);

    collector.restart();
    assertThat(post(VALID).statusCode()).isEqualTo(200);
  }
}
