package io.github.snowplowjakarta.core.emitter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A collector that answers badly on purpose, over a raw loopback socket: the first {@code
 * misbehaving} requests get {@link Misbehaviour}'s answer (a body that never ends, a reset, a huge
 * body, a slow drip), every later one a proper {@code 200}. It records the event ids of every
 * request it read, and of those it answered properly.
 */
final class RawHttpServer implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What to do with a request, given its socket's output. */
  interface Misbehaviour {
    void answer(Socket socket, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Misbehaviour misbehaviour;
  private final AtomicInteger misbehaving;
  private final List<String> deliveredIds = new CopyOnWriteArrayList<>();
  private final List<String> misansweredIds = new CopyOnWriteArrayList<>();
  final AtomicLong bytesWritten = new AtomicLong();

  RawHttpServer(int misbehaving, Misbehaviour misbehaviour) throws IOException {
    this.misbehaviour = misbehaviour;
    this.misbehaving = new AtomicInteger(misbehaving);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Ids of the events in requests answered with a proper 200. */
  List<String> deliveredIds() {
    return List.copyOf(deliveredIds);
  }

  /** Ids of the events in requests answered badly. */
  List<String> misansweredIds() {
    return List.copyOf(misansweredIds);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (true) {
        List<String> ids = readRequest(in);
        if (ids == null) {
          return;
        }
        if (misbehaving.getAndDecrement() > 0) {
          misansweredIds.addAll(ids);
          misbehaviour.answer(socket, out);
          return;
        }
        deliveredIds.addAll(ids);
        out.write(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // The client went away: what this server is for.
    }
  }

  /** Reads one request; the event ids of its body, or null at the end of the connection. */
  private static List<String> readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      head.write(b);
      matched = (b == '\r' || b == '\n') && (matched % 2 == 0) == (b == '\r') ? matched + 1 : 0;
    }
    if (matched < 4) {
      return null;
    }
    int length = 0;
    for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    List<String> ids = new CopyOnWriteArrayList<>();
    for (JsonNode event : MAPPER.readTree(body).path("data")) {
      ids.add(event.path("eid").asText());
    }
    return ids;
  }

  /** Writes and counts. */
  void write(OutputStream out, byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    bytesWritten.addAndGet(bytes.length);
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
