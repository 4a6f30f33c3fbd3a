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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The collector every contender sends to: a loopback HTTP server that answers 200 at once and
 * counts the events it received (one per {@code "eid"} in a POST body, one per GET).
 */
final class LoopbackCollector implements AutoCloseable {
  private static final String EID = "\"eid\"";

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();

  LoopbackCollector() throws IOException {
    // Without it the JDK server's small writes meet delayed ACKs: 40 ms per request.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    executor =
        Executors.newFixedThreadPool(
            4,
            task -> {
              Thread thread = new Thread(task, "loopback-collector");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  long events() {
    return events.get();
  }

  long requests() {
    return requests.get();
  }

  void reset() {
    events.set(0);
    requests.set(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      String length = exchange.getRequestHeaders().getFirst("Content-Length");
      try (InputStream in = exchange.getRequestBody()) {
        body = length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
      }
      events.addAndGet("GET".equals(exchange.getRequestMethod()) ? 1 : count(body));
      requests.incrementAndGet();
      byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
      exchange.sendResponseHeaders(200, ok.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(ok);
      }
    }
  }

  /**
   * The {@code "eid"}s in the body. Through a Latin-1 string, whose {@code indexOf} the JIT turns
   * into vector instructions: a byte-by-byte loop here took a third of the collector's CPU time, on
   * the cores the contenders share.
   */
  private static int count(byte[] body) {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    int found = 0;
    for (int at = text.indexOf(EID); at >= 0; at = text.indexOf(EID, at + EID.length())) {
      found++;
    }
    return found;
  }

  /**
   * Runs the collector in a process of its own: prints its URI, and its counts when standard input
   * closes.
   */
  public static void main(String[] args) throws IOException {
    try (LoopbackCollector collector = new LoopbackCollector()) {
      System.out.println(collector.uri());
      System.out.flush();
      while (System.in.read() >= 0) {
        // until the parent closes our standard input
      }
      System.out.printf(
          "collector: %,d events in %,d requests%n", collector.events(), collector.requests());
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
