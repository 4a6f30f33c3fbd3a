package io.github.snowplowjakarta.benchmarks;

import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.servlet.SnowplowFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A Jetty 12 hello page bare, behind the filter, and behind an empty filter, and a JSON endpoint
 * bare and behind the filter, loaded by {@code wrk} from a separate process, in alternating runs,
 * with the CPU time each request costs the JVM's threads. Every request carries the consent cookie
 * "all" and browser-tracker cookies; the filter tracks a page view for each page to a loopback
 * collector, and nothing for the JSON.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar
 * io.github.snowplowjakarta.benchmarks.FilterOverhead [rounds] [seconds] [connections] [fixed
 * rate]}: with a fixed rate, a second part measures latency at that rate with {@link
 * FixedRateLoad}. System properties: {@code load.cpus} pins wrk and a collector process of its own
 * to those CPUs; {@code servers} picks some of the servers by name; {@code fixed.only} skips wrk;
 * {@code batch.events} sets the emitter's batch size.
 */
public final class FilterOverhead {
  private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern PERCENTILE =
      Pattern.compile("^\\s+(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$");
  private static final String COOKIES =
      "sp_consent=all; _sp_id.dc78=c8e4b7a2-3f1d-4e5a-9b6c-7d8e9f0a1b2c.1700000000.3.1700000500."
          + "1699990000.0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e.aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee."
          + "ffffffff-1111-4222-8333-444444444444.1700000000123.7; _sp_ses.dc78=*";

  private FilterOverhead() {}

  /** A fixed answer: the hello page, or a JSON endpoint the filter decides consent for only. */
  public static final class Fixed extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final String contentType;
    private final String body;

    Fixed(String contentType, String body) {
      this.contentType = contentType;
      this.body = body;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setContentType(contentType);
      response.getWriter().write(body);
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int connections = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    int fixedRate = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    try (Collector collector = Collector.start()) {
      Emitter.Builder emitterBuilder = Emitter.builder(collector.uri());
      if (Integer.getInteger("batch.events") != null) {
        emitterBuilder.batchSize(Integer.getInteger("batch.events"));
      }
      Emitter emitter = emitterBuilder.build();
      Tracker tracker =
          Tracker.builder(
                  TrackerSettings.builder().appId("bench").platform(Platform.WEB).build(), emitter)
              .build();
      Server bare = server(null);
      Server filtered = server(new SnowplowFilter(tracker));
      Server passThrough = server((request, response, chain) -> chain.doFilter(request, response));
      Map<String, String> servers = new LinkedHashMap<>();
      servers.put("bare page", url(bare, "/hello"));
      servers.put("with filter", url(filtered, "/hello"));
      servers.put("empty filter", url(passThrough, "/hello"));
      servers.put("bare api", url(bare, "/api"));
      servers.put("api with filter", url(filtered, "/api"));
      String only = System.getProperty("servers"); // for profiling: "bare api,api with filter"
      if (only != null) {
        servers.keySet().retainAll(List.of(only.split(",")));
      }
      List<String> order = new ArrayList<>(servers.keySet());
      for (String name : order) {
        wrk(servers.get(name), 3, connections); // warm-up
      }
      if (!Boolean.getBoolean("fixed.only")) {
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        Map<String, List<double[]>> cpu = new LinkedHashMap<>();
        servers.keySet().forEach(name -> cpu.put(name, new ArrayList<>()));
        servers.keySet().forEach(name -> results.put(name, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
          Collections.rotate(order, 1);
          for (String name : order) {
            double[] before = CpuUse.snapshot();
            double[] run = wrk(servers.get(name), seconds, connections);
            cpu.get(name).add(CpuUse.perRequest(before, CpuUse.snapshot(), run[0] * seconds));
            results.get(name).add(run);
            System.out.printf(
                "round %d  %-16s %,10.0f req/s  p50 %6.0f µs  p90 %6.0f µs  p99 %6.0f µs%n",
                round + 1, name, run[0], run[1], run[3], run[4]);
          }
        }
        System.out.println();
        printMedians(
            results,
            "%,12.0f",
            new int[] {0, 1, 3, 4},
            "median of",
            "req/s",
            "p50 µs",
            "p90 µs",
            "p99 µs");
        System.out.println();
        printMedians(
            cpu,
            "%10.2f",
            new int[] {0, 1, 2, 3, 4},
            "CPU µs/request",
            "Jetty",
            "emitter",
            "collector",
            "other",
            "whole JVM");
      }
      if (fixedRate > 0) {
        atFixedRate(servers, rounds, seconds, connections, fixedRate);
      }
      System.out.println("\nevents delivered: " + emitter.stats());
      bare.stop();
      filtered.stop();
      passThrough.stop();
      emitter.close(Duration.ofSeconds(10));
    }
  }

  /** Latency at a fixed rate below saturation, each server in turn, rounds rotating. */
  private static void atFixedRate(
      Map<String, String> servers, int rounds, int seconds, int connections, int rate)
      throws Exception {
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    servers.keySet().forEach(name -> results.put(name, new ArrayList<>()));
    List<String> order = new ArrayList<>(servers.keySet());
    System.out.printf("%nat a fixed %,d requests/s:%n", rate);
    for (int round = 0; round < rounds; round++) {
      Collections.rotate(order, 1);
      for (String name : order) {
        long[] gcBefore = gcCountAndMillis();
        double[] load = fixedRate(servers.get(name), rate, seconds, connections);
        long[] gcAfter = gcCountAndMillis();
        double[] run = Arrays.copyOf(load, load.length + 2);
        run[load.length] = gcAfter[0] - gcBefore[0];
        run[load.length + 1] = gcAfter[1] - gcBefore[1];
        results.get(name).add(run);
        System.out.printf(
            "round %d  %-16s %,8.0f req/s  p50 %5.0f µs  p90 %5.0f µs  p99 %6.0f µs  p99.9 %6.0f"
                + " µs  GC %3.0f collections %4.0f ms%n",
            round + 1, name, run[0], run[1], run[2], run[3], run[4], run[6], run[7]);
      }
    }
    printMedians(
        results,
        "%,10.0f",
        new int[] {0, 1, 2, 3, 4, 6, 7},
        "median of",
        "req/s",
        "p50 µs",
        "p90 µs",
        "p99 µs",
        "p99.9 µs",
        "GCs",
        "GC ms");
  }

  /** One row per server: the median over the rounds of each chosen column. */
  private static void printMedians(
      Map<String, List<double[]>> runs, String format, int[] columns, String... headings) {
    StringBuilder header = new StringBuilder(String.format("%-16s", headings[0]));
    for (int i = 1; i < headings.length; i++) {
      header.append(String.format(" %12s", headings[i]));
    }
    System.out.println(header);
    for (var entry : runs.entrySet()) {
      StringBuilder row = new StringBuilder(String.format("%-16s", entry.getKey()));
      for (int column : columns) {
        row.append(
            String.format(" %12s", String.format(format, median(entry.getValue(), column)).trim()));
      }
      System.out.println(row);
    }
  }

  /** Garbage collections so far, and the milliseconds they took. */
  private static long[] gcCountAndMillis() {
    long[] total = new long[2];
    for (var collector : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      total[0] += Math.max(0, collector.getCollectionCount());
      total[1] += Math.max(0, collector.getCollectionTime());
    }
    return total;
  }

  /**
   * Requests/s, then p50, p90, p99, p99.9 and maximum latency in microseconds, from {@link
   * FixedRateLoad}.
   */
  private static double[] fixedRate(String url, int rate, int seconds, int connections)
      throws Exception {
    Process process =
        new ProcessBuilder(
                pinned(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    FixedRateLoad.class.getName(),
                    url,
                    Integer.toString(rate),
                    Integer.toString(seconds),
                    Integer.toString(connections),
                    "Cookie: " + COOKIES,
                    "User-Agent: Mozilla/5.0 (fixed rate)"))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String line;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      line = out.readLine();
    }
    if (process.waitFor() != 0 || line == null) {
      throw new IllegalStateException("fixed-rate load failed");
    }
    return Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
  }

  private static String url(Server server, String path) {
    return "http://127.0.0.1:"
        + ((ServerConnector) server.getConnectors()[0]).getLocalPort()
        + path;
  }

  private static Server server(jakarta.servlet.Filter filter) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(
        new ServletHolder(
            new Fixed(
                "text/html;charset=utf-8", "<!doctype html><title>Hello</title><h1>Hello</h1>")),
        "/hello");
    context.addServlet(
        new ServletHolder(new Fixed("application/json", "{\"greeting\":\"hello\"}")), "/api");
    if (filter != null) {
      context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    }
    server.setHandler(context);
    server.start();
    return server;
  }

  /** Requests/s, then p50, p75, p90, p99 latency in microseconds. */
  private static double[] wrk(String url, int seconds, int connections) throws Exception {
    Process process =
        new ProcessBuilder(
                pinned(
                    "wrk",
                    "--latency",
                    "-t",
                    "1",
                    "-c",
                    Integer.toString(connections),
                    "-d",
                    seconds + "s",
                    "-H",
                    "Cookie: " + COOKIES,
                    "-H",
                    "User-Agent: Mozilla/5.0 (wrk)",
                    url))
            .redirectErrorStream(true)
            .start();
    double[] result = new double[5];
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        Matcher requests = REQUESTS.matcher(line);
        if (requests.find()) {
          result[0] = Double.parseDouble(requests.group(1));
        }
        Matcher percentile = PERCENTILE.matcher(line);
        if (percentile.find()) {
          double value = Double.parseDouble(percentile.group(2));
          double micros =
              switch (percentile.group(3)) {
                case "us" -> value;
                case "ms" -> value * 1000;
                default -> value * 1_000_000;
              };
          int index =
              switch (percentile.group(1)) {
                case "50" -> 1;
                case "75" -> 2;
                case "90" -> 3;
                default -> 4;
              };
          result[index] = micros;
        }
      }
    }
    if (process.waitFor() != 0 || result[0] == 0) {
      throw new IllegalStateException("wrk failed");
    }
    return result;
  }

  /**
   * With {@code -Dload.cpus=<list>}, wrk and the collector run on those CPUs ({@code taskset}), so
   * that a server JVM started on the others has its CPUs to itself.
   */
  private static List<String> pinned(String... command) {
    List<String> pinned = new ArrayList<>();
    String cpus = System.getProperty("load.cpus");
    if (cpus != null) {
      pinned.addAll(List.of("taskset", "-c", cpus));
    }
    pinned.addAll(List.of(command));
    return pinned;
  }

  /**
   * The loopback collector: in this JVM, or with {@code -Dload.cpus} in a process of its own on the
   * load's CPUs, as a real collector runs on another machine.
   */
  private static final class Collector implements AutoCloseable {
    private final LoopbackCollector inProcess;
    private final Process process;
    private final BufferedReader output;
    private final URI uri;

    private Collector(
        LoopbackCollector inProcess, Process process, BufferedReader output, URI uri) {
      this.inProcess = inProcess;
      this.process = process;
      this.output = output;
      this.uri = uri;
    }

    static Collector start() throws IOException {
      if (System.getProperty("load.cpus") == null) {
        LoopbackCollector collector = new LoopbackCollector();
        return new Collector(collector, null, null, collector.uri());
      }
      Process process =
          new ProcessBuilder(
                  pinned(
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      "-cp",
                      System.getProperty("java.class.path"),
                      LoopbackCollector.class.getName()))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      BufferedReader output =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      return new Collector(null, process, output, URI.create(output.readLine()));
    }

    URI uri() {
      return uri;
    }

    @Override
    public void close() throws IOException {
      if (inProcess != null) {
        System.out.printf(
            "collector: %,d events in %,d requests%n", inProcess.events(), inProcess.requests());
        inProcess.close();
        return;
      }
      process.getOutputStream().close();
      String line;
      while ((line = output.readLine()) != null) {
        System.out.println(line);
      }
    }
  }

  /**
   * CPU time of the JVM's threads by kind (Jetty's request threads, the emitter's, the collector's,
   * the rest) and of the whole process (which also counts GC and JIT threads).
   */
  static final class CpuUse {
    private static final java.lang.management.ThreadMXBean THREADS =
        java.lang.management.ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    static double[] snapshot() {
      double[] nanos = new double[5];
      for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
        if (info == null) {
          continue;
        }
        long time = THREADS.getThreadCpuTime(info.getThreadId());
        if (time < 0) {
          continue;
        }
        String name = info.getThreadName();
        int kind =
            name.startsWith("qtp")
                ? 0
                : name.startsWith("snowplow-emitter")
                    ? 1
                    : name.startsWith("loopback-collector") ? 2 : 3;
        nanos[kind] += time;
      }
      nanos[4] = PROCESS.getProcessCpuTime();
      return nanos;
    }

    static double[] perRequest(double[] before, double[] after, double requests) {
      double[] micros = new double[5];
      for (int i = 0; i < 5; i++) {
        micros[i] = (after[i] - before[i]) / 1000.0 / requests;
      }
      return micros;
    }
  }

  private static double median(List<double[]> runs, int index) {
    List<Double> values = new ArrayList<>();
    runs.forEach(run -> values.add(run[index]));
    Collections.sort(values);
    int middle = values.size() / 2;
    return values.size() % 2 == 1
        ? values.get(middle)
        : (values.get(middle - 1) + values.get(middle)) / 2;
  }
}
