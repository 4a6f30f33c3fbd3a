package io.github.snowplowjakarta.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load: GET requests at a fixed rate over keep-alive connections, with the latency of
 * each in microseconds. wrk measures at saturation, where latency is queueing; at a fixed rate
 * below it, latency is what a request costs. A request held back by a slow previous one is timed
 * from when it should have gone (no coordinated omission).
 *
 * <p>{@code java -cp benchmarks.jar io.github.snowplowjakarta.benchmarks.FixedRateLoad <url>
 * <requests/s> <seconds> <connections> [header...]}; prints {@code requests/s p50 p90 p99 p99.9 max
 * requests}. {@code -Dload.method=POST -Dload.body=<JSON>} sends POST requests with that body;
 * {@code -Dload.histogram=<file>} also writes every latency there as a {@link PooledLatency}
 * histogram.
 */
public final class FixedRateLoad {
  private static final AtomicBoolean FAILED = new AtomicBoolean();

  private FixedRateLoad() {}

  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    double rate = Double.parseDouble(args[1]);
    int seconds = Integer.parseInt(args[2]);
    int connections = Integer.parseInt(args[3]);
    String method = System.getProperty("load.method", "GET");
    byte[] body = System.getProperty("load.body", "").getBytes(StandardCharsets.UTF_8);
    StringBuilder request =
        new StringBuilder(method)
            .append(' ')
            .append(url.getRawPath())
            .append(" HTTP/1.1\r\nHost: ")
            .append(url.getHost())
            .append(':')
            .append(url.getPort())
            .append("\r\n");
    for (int i = 4; i < args.length; i++) {
      request.append(args[i]).append("\r\n");
    }
    if (body.length > 0) {
      request.append("Content-Type: application/json\r\nContent-Length: ");
      request.append(body.length).append("\r\n");
    }
    byte[] head = request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] bytes = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, bytes, head.length, body.length);
    long interval = Math.round(connections * 1e9 / rate);
    long start = System.nanoTime() + 100_000_000L;
    long end = start + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    List<long[]> results = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      long first = start + c * interval / connections;
      long[] latencies = new long[(int) ((end - first) / interval) + 1];
      results.add(latencies);
      Socket socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(url.getHost(), url.getPort()));
      Thread thread = new Thread(() -> run(socket, bytes, first, interval, latencies), "load-" + c);
      thread.setUncaughtExceptionHandler(
          (failed, e) -> {
            e.printStackTrace();
            FAILED.set(true);
          });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (FAILED.get()) {
      System.exit(1);
    }
    long[] all = results.stream().flatMapToLong(Arrays::stream).filter(l -> l > 0).toArray();
    Arrays.sort(all);
    System.out.printf(
        "%.0f %d %d %d %d %d %d%n",
        all.length / (double) seconds,
        percentile(all, 0.50),
        percentile(all, 0.90),
        percentile(all, 0.99),
        percentile(all, 0.999),
        all[all.length - 1],
        all.length);
    String histogramFile = System.getProperty("load.histogram");
    if (histogramFile != null) {
      Histogram histogram = PooledLatency.histogram();
      for (long latency : all) {
        histogram.recordValue(latency);
      }
      PooledLatency.write(histogram, Path.of(histogramFile));
    }
  }

  private static void run(
      Socket socket, byte[] request, long first, long interval, long[] latencies) {
    try (socket) {
      OutputStream out = socket.getOutputStream();
      Responses responses = new Responses(socket.getInputStream());
      long previousDone = 0;
      for (int i = 0; i < latencies.length; i++) {
        long due = first + i * interval;
        long now;
        while ((now = System.nanoTime()) < due) {
          LockSupport.parkNanos(due - now);
        }
        long from = previousDone > due ? due : now;
        out.write(request);
        responses.skipOne();
        previousDone = System.nanoTime();
        latencies[i] = Math.max(1, (previousDone - from) / 1000);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads responses off a connection: headers, then a Content-Length or chunked body. */
  private static final class Responses {
    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;

    Responses(InputStream in) {
      this.in = in;
    }

    void skipOne() throws IOException {
      long length = -1;
      boolean chunked = false;
      String line;
      while (!(line = line()).isEmpty()) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lower.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        }
      }
      if (chunked) {
        long size;
        while ((size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0) {
          skip(size);
          line();
        }
        while (!line().isEmpty()) {
          // trailers
        }
      } else if (length >= 0) {
        skip(length);
      } else {
        throw new IOException("neither Content-Length nor chunked");
      }
    }

    private int next() throws IOException {
      if (position == limit) {
        fill();
      }
      return buffer[position++] & 0xff;
    }

    private void fill() throws IOException {
      limit = in.read(buffer, 0, buffer.length);
      position = 0;
      if (limit < 0) {
        limit = 0;
        throw new IOException("connection closed");
      }
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = next()) != '\n') {
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }

    private void skip(long bytes) throws IOException {
      while (bytes > 0) {
        if (position == limit) {
          fill();
        }
        int step = (int) Math.min(bytes, limit - position);
        position += step;
        bytes -= step;
      }
    }
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }
}
