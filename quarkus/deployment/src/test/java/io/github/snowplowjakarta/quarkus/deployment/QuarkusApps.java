package io.github.snowplowjakarta.quarkus.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.snowplowjakarta.testing.TestCollector;
import io.quarkus.test.QuarkusUnitTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The test applications' common set-up. */
final class QuarkusApps {
  private static final String COLLECTOR = "snowplow.test.collector";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private QuarkusApps() {}

  /**
   * A test application on a flat class path, as in the CDI module's ArC tests: the modules of this
   * build are then in the class loader where ArC defines the beans it generates for them.
   */
  static QuarkusUnitTest test() {
    return new QuarkusUnitTest()
        .overrideConfigKey("quarkus.test.flat-class-path", "true")
        // A free port, not 8081: other builds on the machine may be serving there.
        .overrideConfigKey("quarkus.http.test-port", "0");
  }

  /**
   * Starts the test collector of the running test class, before its application, so that its URI is
   * the application's {@code snowplow.collector-uri}. JUnit and Quarkus each load the test class
   * and this one (Quarkus in its own class loader): JUnit's copy starts the collector, and both
   * reach it through the system properties, the application's copy by reflection ({@link
   * #requests()}).
   */
  static void startCollector() {
    if (System.getProperties().get(COLLECTOR) == null) {
      TestCollector collector = TestCollector.start();
      System.getProperties().put(COLLECTOR, collector);
      System.setProperty("snowplow.collector-uri", collector.uri().toString());
    }
  }

  /** What the collector received, one entry per request, oldest first. */
  static List<Received> requests() {
    List<Received> received = new ArrayList<>();
    for (Object request : (List<?>) call(collector(), "requests")) {
      List<JsonNode> events = new ArrayList<>();
      for (Object event : (List<?>) call(request, "events")) {
        events.add(parse(event.toString()));
      }
      received.add(new Received((Boolean) call(request, "anonymous"), events));
    }
    return received;
  }

  /** Every event the collector accepted. */
  static List<JsonNode> events() {
    return requests().stream().flatMap(r -> r.events().stream()).toList();
  }

  @SuppressWarnings("unchecked")
  static List<String> validationErrors() {
    return (List<String>) call(collector(), "validationErrors");
  }

  /** One request to the collector: its events, and whether it carried {@code SP-Anonymous}. */
  record Received(boolean anonymous, List<JsonNode> events) {}

  /** Closes the collector once the application has stopped, and forgets it. */
  static void closeCollector() {
    Object running = System.getProperties().remove(COLLECTOR);
    System.clearProperty("snowplow.collector-uri");
    if (running != null) {
      call(running, "close");
    }
  }

  private static Object collector() {
    Object running = System.getProperties().get(COLLECTOR);
    if (running == null) {
      throw new IllegalStateException("no test collector: startCollector() first");
    }
    return running;
  }

  private static Object call(Object target, String method) {
    try {
      Method found = target.getClass().getMethod(method);
      found.setAccessible(true);
      return found.invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HttpResponse<String> get(URI uri, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
