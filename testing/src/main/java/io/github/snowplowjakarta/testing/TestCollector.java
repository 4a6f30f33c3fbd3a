package io.github.snowplowjakarta.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A Snowplow collector for tests: a real HTTP server on a loopback port that speaks the tracker
 * protocol (POST {@code /com.snowplowanalytics.snowplow/tp2}, GET {@code /i}), validates every
 * event it receives against the real schemas, records requests and headers, and can be told to
 * fail: any status with any headers, slowly, or by refusing connections.
 */
public final class TestCollector implements AutoCloseable {
  public static final String POST_PATH = "/com.snowplowanalytics.snowplow/tp2";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final IgluSchemas SCHEMAS = new IgluSchemas();
  private static final List<String> ENRICH_CONTENT_TYPES =
      List.of(
          "application/json", "application/json; charset=utf-8", "application/json; charset=UTF-8");

  private int port;
  private final List<String> postPaths = new CopyOnWriteArrayList<>(List.of(POST_PATH));
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<String> validationErrors = new CopyOnWriteArrayList<>();
  private final Deque<Response> scripted = new ArrayDeque<>();
  private volatile Function<Request, Response> responder = request -> Response.ok();
  private HttpServer server;
  private ExecutorService executor;

  /** A recorded request. {@code status} is what the collector answered. */
  public record Request(
      String method,
      String path,
      String query,
      Map<String, List<String>> headers,
      String body,
      List<JsonNode> events,
      int status) {

    public String header(String name) {
      for (Map.Entry<String, List<String>> header : headers.entrySet()) {
        if (header.getKey().equalsIgnoreCase(name)) {
          return header.getValue().get(0);
        }
      }
      return null;
    }

    public boolean anonymous() {
      return header("SP-Anonymous") != null;
    }

    public boolean accepted() {
      return status >= 200 && status < 300;
    }
  }

  /** An answer: status, headers, and how long to wait before giving it. */
  public record Response(int status, Map<String, String> headers, Duration delay) {
    public static Response ok() {
      return new Response(200, Map.of(), Duration.ZERO);
    }

    public static Response status(int status) {
      return new Response(status, Map.of(), Duration.ZERO);
    }

    public Response withHeader(String name, String value) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.put(name, value);
      return new Response(status, all, delay);
    }

    public Response after(Duration delay) {
      return new Response(status, headers, delay);
    }
  }

  private TestCollector(int port) throws IOException {
    this.port = port;
    startServer();
  }

  /** Starts a collector on a free loopback port. */
  public static TestCollector start() {
    try {
      return new TestCollector(0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the test collector", e);
    }
  }

  private void startServer() throws IOException {
    // Without it the JDK server's small writes meet delayed ACKs: 40 ms per request.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "test-collector");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    port = server.getAddress().getPort();
  }

  /** Takes tracker POSTs on this path too, as a collector with a custom path mapping does. */
  public void acceptPostPath(String path) {
    postPaths.add(path);
  }

  /** The base URI to give a tracker, such as {@code http://127.0.0.1:40123}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers the next requests with these responses, in order, then goes back to the responder. */
  public void enqueue(Response... responses) {
    synchronized (scripted) {
      scripted.addAll(List.of(responses));
    }
  }

  /** Answers every request not scripted with {@link #enqueue} by this function. */
  public void respondWith(Function<Request, Response> responder) {
    this.responder = responder;
  }

  /** Stops listening: connections are refused until {@link #restart()}. */
  public void refuseConnections() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Listens again, on the same port. */
  public void restart() {
    try {
      startServer();
    } catch (IOException e) {
      throw new IllegalStateException("cannot restart the test collector on port " + port, e);
    }
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /**
   * Removes and returns the requests received so far, oldest first: a long run checks them as it
   * goes instead of holding them all.
   */
  public List<Request> takeRequests() {
    List<Request> taken = List.copyOf(requests);
    // Requests only ever arrive at the end, so the first ones are those just copied.
    requests.subList(0, taken.size()).clear();
    return taken;
  }

  /** The events of every request the collector accepted. */
  public List<JsonNode> acceptedEvents() {
    List<JsonNode> events = new ArrayList<>();
    for (Request request : requests) {
      if (request.accepted()) {
        events.addAll(request.events());
      }
    }
    return events;
  }

  /** Every schema violation seen in any request; a test expects none. */
  public List<String> validationErrors() {
    return List.copyOf(validationErrors);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery();
      List<JsonNode> events =
          readEvents(
              method, path, query, body, exchange.getRequestHeaders().getFirst("Content-Type"));
      Request partial =
          new Request(method, path, query, copy(exchange.getRequestHeaders()), body, events, 0);
      Response response;
      synchronized (scripted) {
        response = scripted.isEmpty() ? null : scripted.poll();
      }
      if (response == null) {
        response = responder.apply(partial);
      }
      if (!response.delay().isZero()) {
        try {
          TimeUnit.MILLISECONDS.sleep(response.delay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      requests.add(
          new Request(method, path, query, partial.headers(), body, events, response.status()));
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      byte[] answer = "ok".getBytes(StandardCharsets.US_ASCII);
      exchange.sendResponseHeaders(response.status(), answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  private List<JsonNode> readEvents(
      String method, String path, String query, String body, String contentType) {
    List<JsonNode> events = new ArrayList<>();
    if ("POST".equals(method) && postPaths.contains(path)) {
      validationErrors.addAll(SCHEMAS.validatePostBody(body));
      if (!ENRICH_CONTENT_TYPES.contains(contentType)) {
        validationErrors.add("enrich refuses Content-Type " + contentType);
      }
      try {
        MAPPER.readTree(body).path("data").forEach(events::add);
      } catch (IOException e) {
        validationErrors.add("body is not JSON: " + e.getMessage());
      }
    } else if ("GET".equals(method) && "/i".equals(path) && query != null) {
      ObjectNode event = MAPPER.createObjectNode();
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        event.put(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
      validationErrors.addAll(SCHEMAS.validateEvent(event));
      events.add(event);
    } else {
      validationErrors.add("unexpected request " + method + " " + path);
    }
    return events;
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return copy;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
