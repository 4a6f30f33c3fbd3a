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
import java.util.function.Supplier;

/**
 * A collector that answers badly on purpose, over a raw loopback socket: the first {@code
 * misbehaving} requests get {@link Misbehaviour}'s answer (a body that never ends, a reset, a huge
 * body, a slow drip), every later one a proper {@code 200}; or each request what a chooser picks, a
 * proper {@code 200} when it picks null. It records the event ids of every request it read, and of
 * those it answered properly. Public for the chaos tests.
 */
public final class RawHttpServer implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What to do with a request, given its socket's output. */
  public interface Misbehaviour {
    void answer(Socket socket, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Supplier<Misbehaviour> chooser;
  private final List<String> deliveredIds = new CopyOnWriteArrayList<>();
  private final List<String> misansweredIds = new CopyOnWriteArrayList<>();
  public final AtomicLong bytesWritten = new AtomicLong();

  RawHttpServer(int misbehaving, Misbehaviour misbehaviour) throws IOException {
    this(firstOnes(misbehaving, misbehaviour));
  }

  /** Each request gets the chooser's answer, or a proper {@code 200} if it chose null. */
  public RawHttpServer(Supplier<Misbehaviour> chooser) throws IOException {
    this.chooser = chooser;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  private static Supplier<Misbehaviour> firstOnes(int count, Misbehaviour misbehaviour) {
    AtomicInteger left = new AtomicInteger(count);
    return () -> left.getAndDecrement() > 0 ? misbehaviour : null;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Ids of the events in requests answered with a proper 200. */
  public List<String> deliveredIds() {
    return List.copyOf(deliveredIds);
  }

  /** Ids of the events in requests answered badly. */
  public List<String> misansweredIds() {
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
        Misbehaviour misbehaviour = chooser.get();
        if (misbehaviour != null) {
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
  public void write(OutputStream out, byte[] bytes) throws IOException {
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
