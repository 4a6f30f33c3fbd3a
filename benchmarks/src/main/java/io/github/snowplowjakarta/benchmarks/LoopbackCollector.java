package io.github.snowplowjakarta.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The collector every contender sends to: loopback HTTP endpoints, one port per name, that answer
 * at once on any path and count the events each received. A Snowplow POST counts one event per
 * {@code "eid"} in its body; a Matomo bulk POST ({@code /matomo.php}, {@code {"requests":["?…",
 * …]}}) one per query; any GET (a Snowplow {@code /i} or a Matomo {@code /matomo.php?…}) one.
 * Matomo's endpoint answers 204 without a body, as Matomo does; the others 200 "ok".
 */
final class LoopbackCollector implements AutoCloseable {
  private static final String EID = "\"eid\"";
  private static final String MATOMO_QUERY = "\"?";
  private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

  private final ExecutorService executor;
  private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

  /** One endpoint, named "collector". */
  LoopbackCollector() throws IOException {
    this("collector");
  }

  /** One endpoint, on a port of its own, per name. */
  LoopbackCollector(String... names) throws IOException {
    // Without it the JDK server's small writes meet delayed ACKs: 40 ms per request.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    // The JDK server keeps at most 200 idle connections and closes the rest: a client that opens
    // one per concurrent request (Matomo's asynchronous sends) then meets closed connections.
    System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
    executor =
        Executors.newFixedThreadPool(
            4,
            task -> {
              Thread thread = new Thread(task, "loopback-collector");
              thread.setDaemon(true);
              return thread;
            });
    try {
      for (String name : names) {
        endpoints.put(name, new Endpoint(executor));
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The first endpoint's URI. */
  URI uri() {
    return endpoints.values().iterator().next().uri();
  }

  URI uri(String name) {
    return endpoint(name).uri();
  }

  /** Events received by all endpoints. */
  long events() {
    return endpoints.values().stream().mapToLong(e -> e.events.get()).sum();
  }

  /** Requests received by all endpoints. */
  long requests() {
    return endpoints.values().stream().mapToLong(e -> e.requests.get()).sum();
  }

  long events(String name) {
    return endpoint(name).events.get();
  }

  long requests(String name) {
    return endpoint(name).requests.get();
  }

  void reset() {
    endpoints
        .values()
        .forEach(
            endpoint -> {
              endpoint.events.set(0);
              endpoint.requests.set(0);
            });
  }

  /** One line per endpoint: {@code collector <name> <events> <requests>}. */
  String counts() {
    StringBuilder lines = new StringBuilder();
    endpoints.forEach(
        (name, endpoint) ->
            lines
                .append("collector ")
                .append(name)
                .append(' ')
                .append(endpoint.events.get())
                .append(' ')
                .append(endpoint.requests.get())
                .append('\n'));
    return lines.toString();
  }

  private Endpoint endpoint(String name) {
    Endpoint endpoint = endpoints.get(name);
    if (endpoint == null) {
      throw new IllegalArgumentException("no endpoint named " + name);
    }
    return endpoint;
  }

  private static final class Endpoint {
    private final HttpServer server;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    Endpoint(ExecutorService executor) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
      server.setExecutor(executor);
      server.createContext("/", this::handle);
      server.start();
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        byte[] body;
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try (InputStream in = exchange.getRequestBody()) {
          body = length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
        }
        boolean matomo = exchange.getRequestURI().getPath().endsWith("/matomo.php");
        events.addAndGet(
            "GET".equals(exchange.getRequestMethod())
                ? 1
                : count(body, matomo ? MATOMO_QUERY : EID));
        requests.incrementAndGet();
        if (matomo) {
          exchange.sendResponseHeaders(204, -1);
          return;
        }
        exchange.sendResponseHeaders(200, OK.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(OK);
        }
      }
    }
  }

  /**
   * The tokens in the body. Through a Latin-1 string, whose {@code indexOf} the JIT turns into
   * vector instructions: a byte-by-byte loop here took a third of the collector's CPU time, on the
   * cores the contenders share.
   */
  private static int count(byte[] body, String token) {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    int found = 0;
    for (int at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length())) {
      found++;
    }
    return found;
  }

  /**
   * Runs the collector in a process of its own, one endpoint per argument (default "collector"):
   * prints each endpoint's URI on a line of its own, in order; then for each line read from
   * standard input its {@link #counts()} and a line "end"; and once more when standard input
   * closes.
   */
  public static void main(String[] args) throws IOException {
    try (LoopbackCollector collector =
        new LoopbackCollector(args.length == 0 ? new String[] {"collector"} : args)) {
      collector.endpoints.values().forEach(endpoint -> System.out.println(endpoint.uri()));
      System.out.flush();
      int read;
      while ((read = System.in.read()) >= 0) {
        if (read == '\n') {
          System.out.print(collector.counts() + "end\n");
          System.out.flush();
        }
      }
      System.out.print(collector.counts());
      System.out.flush();
    }
  }

  @Override
  public void close() {
    endpoints.values().forEach(endpoint -> endpoint.server.stop(0));
    executor.shutdownNow();
  }
}
