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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
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
import org.matomo.java.tracking.MatomoTracker;
import org.matomo.java.tracking.TrackerConfiguration;
import org.matomo.java.tracking.servlet.MatomoTrackerFilter;

/**
 * Jetty 12 servers, bare and behind each contender, loaded by {@code wrk} from a separate process
 * in rotating rounds, with the CPU time each request costs the JVM's threads by kind. Each server
 * serves a hello page ({@code /hello}), a realistic page ({@code /products}: {@link
 * ProductListing}, FreeMarker) and a JSON endpoint ({@code /api}, GET and POST). The contenders:
 * our {@link SnowplowFilter} (default configuration; requests with the consent cookie "all" and
 * browser-tracker cookies, or with no cookie at all), the Matomo Java tracker's {@code
 * MatomoTrackerFilter} (3.4.0, Java 11 sender), the filter a user would write with the Snowplow
 * Java tracker 1.0.1 ({@link SnowplowJavaFilter}), an empty filter, and (for the realistic page) a
 * {@link WriterWrappingFilter}, the title capture's writer without the capture. Each tracker sends
 * to its own endpoint of a {@link LoopbackCollector}; at the end the events each endpoint received
 * are checked against the requests served.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar
 * io.github.snowplowjakarta.benchmarks.FilterOverhead [rounds] [seconds] [connections] [fixed
 * rate]}: with a fixed rate (requests/s, or {@code half}: half of the bare server's median
 * requests/s for that endpoint in the saturation part), a second part measures latency at that rate
 * with {@link FixedRateLoad}. System properties: {@code servers} picks servers by name
 * (comma-separated; see {@link #targets}); {@code fixed.rate.template} sets the realistic page's
 * rate (a number or {@code half}; default: {@code half} when the fixed rate is, else the realistic
 * page is left out of the fixed-rate part); {@code load.sleeps} counts wrk's sleeps and CPU (see
 * {@link #wrk}) and the collector process's CPU; {@code fixed.servers} picks the fixed-rate part's
 * servers (default: all but the other trackers' hello pages); {@code fixed.only} skips wrk; {@code
 * load.cpus} pins wrk and a collector process of its own to those CPUs; {@code template.items} sets
 * the products on the realistic page (36); {@code warmup.seconds} (5); {@code batch.events} sets
 * our emitter's batch size; {@code busy.nanos} sets how long the busy filter of {@code busy page}
 * and {@code busy api} works before the chain (1 300 ns).
 */
public final class FilterOverhead {
  private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("^\\s*([0-9]+) requests in");
  private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");
  private static final Pattern PERCENTILE =
      Pattern.compile("^\\s+(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$");
  private static final String COOKIES =
      "sp_consent=all; _sp_id.dc78=c8e4b7a2-3f1d-4e5a-9b6c-7d8e9f0a1b2c.1700000000.3.1700000500."
          + "1699990000.0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e.aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee."
          + "ffffffff-1111-4222-8333-444444444444.1700000000123.7; _sp_ses.dc78=*";

  /** What a browser sends on a first visit: no cookies. */
  private static final List<String> FIRST_VISIT =
      List.of(
          "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/131.0.0.0 Safari/537.36",
          "Referer: https://www.example.org/search?q=tents",
          "Accept-Language: en-GB,en;q=0.9");

  /** A returning visitor who accepted all: the consent cookie and browser-tracker cookies. */
  private static final List<String> RETURNING = with(FIRST_VISIT, "Cookie: " + COOKIES);

  private static final String POST_BODY = "{\"sku\":\"NW-00042\",\"quantity\":1}";

  /** Which tracker a server sends with; each has its own collector endpoint and threads. */
  enum Sender {
    NONE(null),
    OURS("ours"),
    SNOWPLOW_JAVA("snowplow-java"),
    MATOMO("matomo");

    final String endpoint;

    Sender(String endpoint) {
      this.endpoint = endpoint;
    }
  }

  /**
   * One server and request: a name for the tables, what it serves ({@code page}, {@code template},
   * {@code api}, {@code post}), and whether its tracker should send an event for each request.
   */
  record Target(
      String name,
      String kind,
      String url,
      String method,
      List<String> headers,
      Sender sender,
      boolean tracked) {}

  /** Held so that the level set on it stays: Jetty's start and stop lines are noise here. */
  private static final java.util.logging.Logger JETTY_LOG =
      java.util.logging.Logger.getLogger("org.eclipse.jetty");

  private FilterOverhead() {}

  /** A fixed answer: the hello page, or a JSON endpoint (GET, or POST reading the body). */
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

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      request.getInputStream().readAllBytes();
      doGet(request, response);
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int connections = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    String fixedRate = args.length > 3 ? args[3] : null;
    JETTY_LOG.setLevel(java.util.logging.Level.WARNING);
    String[] endpoints =
        Arrays.stream(Sender.values())
            .filter(s -> s.endpoint != null)
            .map(s -> s.endpoint)
            .toArray(String[]::new);
    CollectorHandle collector = CollectorHandle.start(endpoints);
    Emitter.Builder emitterBuilder = Emitter.builder(collector.uri(Sender.OURS.endpoint));
    if (Integer.getInteger("batch.events") != null) {
      emitterBuilder.batchSize(Integer.getInteger("batch.events"));
    }
    Emitter emitter = emitterBuilder.build();
    Tracker tracker =
        Tracker.builder(
                TrackerSettings.builder().appId("bench").platform(Platform.WEB).build(), emitter)
            .build();
    SnowplowJavaFilter snowplowJava =
        new SnowplowJavaFilter(
            "bench-java", collector.uri(Sender.SNOWPLOW_JAVA.endpoint).toString());
    // As the Matomo tracker's README configures it; the token is needed because the servlet
    // request sets the visitor's IP address.
    MatomoTracker matomo =
        new MatomoTracker(
            TrackerConfiguration.builder()
                .apiEndpoint(URI.create(collector.uri(Sender.MATOMO.endpoint) + "/matomo.php"))
                .defaultSiteId(1)
                .defaultAuthToken("ee6e3dd9ed1b61f5328cf5978b5a8c71")
                .logFailedTracking(true)
                .build());
    int items = Integer.getInteger("template.items", 36);
    Map<String, Server> servers = new LinkedHashMap<>();
    servers.put("bare", server(null, items));
    servers.put("ours", server(new SnowplowFilter(tracker), items));
    servers.put(
        "empty", server((request, response, chain) -> chain.doFilter(request, response), items));
    servers.put("matomo", server(new MatomoTrackerFilter(matomo), items));
    servers.put("snowplow-java", server(snowplowJava, items));
    servers.put("busy", server(new BusyFilter(Long.getLong("busy.nanos", 1_300)), items));
    servers.put("wrapping", server(new WriterWrappingFilter(), items));
    Map<String, Target> targets = targets(servers);
    String only = System.getProperty("servers");
    if (only != null) {
      List<String> chosen = List.of(only.split(","));
      for (String name : chosen) {
        if (!targets.containsKey(name)) {
          throw new IllegalArgumentException(
              "servers: unknown name \"" + name + "\"; known: " + targets.keySet());
        }
      }
      targets.keySet().retainAll(chosen);
    }
    Path postScript = Files.createTempFile("wrk-post", ".lua");
    postScript.toFile().deleteOnExit();
    Files.writeString(
        postScript,
        "wrk.method = \"POST\"\nwrk.body = '"
            + POST_BODY
            + "'\nwrk.headers[\"Content-Type\"] = \"application/json\"\n");
    Map<String, long[]> served = new HashMap<>(); // requests, non-2xx answers
    targets.keySet().forEach(name -> served.put(name, new long[2]));
    int warmup = Integer.getInteger("warmup.seconds", 5);
    System.out.printf(
        "%d servers; about %d s of load (%d s warm-up, %d rounds of %d s%s)%n",
        targets.size(),
        targets.size()
            * (warmup
                + rounds * seconds * (Boolean.getBoolean("fixed.only") ? 0 : 1)
                + (fixedRate != null ? rounds * seconds : 0)),
        warmup,
        rounds,
        seconds,
        fixedRate != null ? ", then the same at a fixed rate" : "");
    List<String> order = new ArrayList<>(targets.keySet());
    // One request to each server first: the Matomo tracker creates its sender lazily without
    // synchronisation, and concurrent first requests each create one (an HTTP client and a
    // thread pool), the orphans losing what they queued.
    for (String name : order) {
      wrk(targets.get(name), 1, 1, postScript, served.get(name));
      settle(targets, served, collector, null);
    }
    for (String name : order) {
      wrk(targets.get(name), warmup, connections, postScript, served.get(name));
      settle(targets, served, collector, null);
    }
    // From here on, each tracker must deliver what it owes: what it lost warming up is reported
    // at the end, and no longer awaited.
    Map<String, long[]> baseline = baseline(targets, served, collector);
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    if (!Boolean.getBoolean("fixed.only")) {
      Map<String, List<double[]>> cpu = new LinkedHashMap<>();
      targets.keySet().forEach(name -> cpu.put(name, new ArrayList<>()));
      targets.keySet().forEach(name -> results.put(name, new ArrayList<>()));
      for (int round = 0; round < rounds; round++) {
        Collections.rotate(order, 1);
        for (String name : order) {
          long[] counts = served.get(name);
          long before = counts[0];
          CpuUse.Snapshot cpuBefore = CpuUse.snapshot();
          long collectorBefore = collector.processCpuNanos();
          double[] load = wrk(targets.get(name), seconds, connections, postScript, counts);
          settle(targets, served, collector, baseline);
          cpu.get(name).add(CpuUse.perRequest(cpuBefore, CpuUse.snapshot(), counts[0] - before));
          double[] run = Arrays.copyOf(load, load.length + 1);
          run[load.length] =
              collectorBefore < 0
                  ? Double.NaN
                  : (collector.processCpuNanos() - collectorBefore) / 1000.0 / (counts[0] - before);
          results.get(name).add(run);
          System.out.printf(
              "round %d  %-20s %,10.0f req/s  p50 %6.0f µs  p90 %6.0f µs  p99 %6.0f µs%s%n",
              round + 1,
              name,
              run[0],
              run[1],
              run[3],
              run[4],
              Double.isNaN(run[5])
                  ? ""
                  : String.format(
                      "  wrk sleeps/request %.3f, CPU µs/request: wrk %.1f, collector %.1f",
                      run[5], run[6], run[7]));
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
      if (Boolean.getBoolean("load.sleeps")) {
        System.out.println();
        printMedians(
            results,
            "%.3f",
            new int[] {5, 6, 7},
            "median of",
            "wrk sleeps/req",
            "wrk µs/req",
            "collector µs/req");
      }
      System.out.println();
      printMedians(cpu, "%10.2f", CpuUse.COLUMNS_ALL, CpuUse.HEADINGS);
      printRoundRatios(targets, results);
      printAdded(targets, cpu, "at saturation");
    }
    if (fixedRate != null) {
      atFixedRate(
          targets, rounds, seconds, connections, fixedRate, results, served, collector, baseline);
    }
    for (Server server : servers.values()) {
      server.stop();
    }
    // Stopping the servers destroyed the Matomo and Snowplow Java filters, which closed their
    // trackers (sending what they held); ours is given to the filter, so flushed here.
    emitter.flush(Duration.ofSeconds(30));
    Thread.sleep(2000);
    String emitterStats = emitter.stats().toString();
    emitter.close(Duration.ofSeconds(10));
    Map<String, long[]> received = collector.close();
    verify(targets, served, received, baseline);
    System.out.println("our emitter: " + emitterStats);
    CpuUse.printThreads();
  }

  /**
   * Waits (at most 60 s, and while events still arrive) until every tracker has delivered what the
   * requests served so far should have made it send, less what one may hold back until its next
   * batch (50 events), and the trackers' and collector's threads are quiet. A tracker that queues
   * its sending (Matomo's asynchronous requests have no bound) thus finishes before the next
   * server's run, and the CPU it spends catching up counts for the run that queued it.
   */
  private static void settle(
      Map<String, Target> targets,
      Map<String, long[]> served,
      CollectorHandle collector,
      Map<String, long[]> baseline)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    long total = -1;
    long changed = System.nanoTime();
    while (true) {
      Map<String, long[]> received = collector.counts();
      long now = received.values().stream().mapToLong(counts -> counts[0]).sum();
      if (now != total) {
        total = now;
        changed = System.nanoTime();
      }
      String behind = null;
      for (Sender sender : Sender.values()) {
        long expected = expected(sender, targets, served);
        long got = received.getOrDefault(String.valueOf(sender.endpoint), new long[2])[0];
        if (baseline != null && sender.endpoint != null) {
          long[] before = baseline.get(sender.endpoint);
          expected -= before[0];
          got -= before[1];
        }
        if (sender.endpoint != null && got < expected - 50) {
          behind = sender.endpoint + " " + got + " of " + expected;
        }
      }
      if (behind == null) {
        CpuUse.awaitQuiet();
        return;
      }
      if (System.nanoTime() > deadline || System.nanoTime() - changed > 3_000_000_000L) {
        // Dropped or lost: the check at the end reports it.
        System.out.println("(behind, and nothing arrives: " + behind + ")");
        return;
      }
      Thread.sleep(100);
    }
  }

  /** For each tracker's endpoint: the events it should have sent so far, and those received. */
  private static Map<String, long[]> baseline(
      Map<String, Target> targets, Map<String, long[]> served, CollectorHandle collector)
      throws IOException {
    Map<String, long[]> received = collector.counts();
    Map<String, long[]> baseline = new HashMap<>();
    for (Sender sender : Sender.values()) {
      if (sender.endpoint != null) {
        baseline.put(
            sender.endpoint,
            new long[] {
              expected(sender, targets, served),
              received.getOrDefault(sender.endpoint, new long[2])[0]
            });
      }
    }
    return baseline;
  }

  /** The events a tracker should have sent for the requests served so far. */
  private static long expected(
      Sender sender, Map<String, Target> targets, Map<String, long[]> served) {
    long expected = 0;
    for (Target target : targets.values()) {
      if (target.sender == sender && target.tracked) {
        expected += served.get(target.name)[0];
      }
    }
    return expected;
  }

  /** Every server this harness can load, by the name {@code -Dservers} picks it with. */
  static Map<String, Target> targets(Map<String, Server> servers) {
    Map<String, Target> targets = new LinkedHashMap<>();
    add(targets, "bare page", servers.get("bare"), "/hello", RETURNING, Sender.NONE, false);
    add(targets, "with filter", servers.get("ours"), "/hello", RETURNING, Sender.OURS, true);
    add(targets, "filter default", servers.get("ours"), "/hello", FIRST_VISIT, Sender.OURS, true);
    add(targets, "empty filter", servers.get("empty"), "/hello", RETURNING, Sender.NONE, false);
    add(targets, "matomo page", servers.get("matomo"), "/hello", RETURNING, Sender.MATOMO, true);
    add(
        targets,
        "sp-java page",
        servers.get("snowplow-java"),
        "/hello",
        RETURNING,
        Sender.SNOWPLOW_JAVA,
        true);
    add(targets, "bare template", servers.get("bare"), "/products", RETURNING, Sender.NONE, false);
    add(targets, "template filter", servers.get("ours"), "/products", RETURNING, Sender.OURS, true);
    add(
        targets,
        "template default",
        servers.get("ours"),
        "/products",
        FIRST_VISIT,
        Sender.OURS,
        true);
    add(
        targets,
        "template matomo",
        servers.get("matomo"),
        "/products",
        RETURNING,
        Sender.MATOMO,
        true);
    add(
        targets,
        "template sp-java",
        servers.get("snowplow-java"),
        "/products",
        RETURNING,
        Sender.SNOWPLOW_JAVA,
        true);
    add(
        targets,
        "template empty",
        servers.get("empty"),
        "/products",
        RETURNING,
        Sender.NONE,
        false);
    if (servers.containsKey("wrapping")) {
      add(
          targets,
          "template wrapped",
          servers.get("wrapping"),
          "/products",
          RETURNING,
          Sender.NONE,
          false);
    }
    add(targets, "bare api", servers.get("bare"), "/api", RETURNING, Sender.NONE, false);
    add(targets, "api with filter", servers.get("ours"), "/api", RETURNING, Sender.OURS, false);
    add(targets, "bare post", servers.get("bare"), "POST /api", RETURNING, Sender.NONE, false);
    add(
        targets,
        "post with filter",
        servers.get("ours"),
        "POST /api",
        RETURNING,
        Sender.OURS,
        false);
    if (servers.containsKey("busy")) {
      add(targets, "busy page", servers.get("busy"), "/hello", RETURNING, Sender.NONE, false);
      add(targets, "busy api", servers.get("busy"), "/api", RETURNING, Sender.NONE, false);
    }
    return targets;
  }

  private static void add(
      Map<String, Target> targets,
      String name,
      Server server,
      String request,
      List<String> headers,
      Sender sender,
      boolean tracked) {
    String method = request.startsWith("POST ") ? "POST" : "GET";
    String path = request.substring(request.indexOf('/'));
    String kind =
        switch (path) {
          case "/hello" -> "page";
          case "/products" -> "template";
          default -> method.equals("POST") ? "post" : "api";
        };
    targets.put(name, new Target(name, kind, url(server, path), method, headers, sender, tracked));
  }

  /** The bare server's target for a kind of request. */
  private static String bareOf(String kind) {
    return switch (kind) {
      case "page" -> "bare page";
      case "template" -> "bare template";
      case "api" -> "bare api";
      default -> "bare post";
    };
  }

  /**
   * Each server's req/s against its bare server's in the same round, median (min–max) over the
   * rounds. A server's rounds run minutes apart; on a host whose speed drifts, the ratio within a
   * round cancels the drift that each server's own median keeps.
   */
  private static void printRoundRatios(
      Map<String, Target> targets, Map<String, List<double[]>> results) {
    System.out.printf(
        "%nreq/s vs the bare server's in the same round   median      min      max%n");
    for (Target target : targets.values()) {
      List<double[]> bare = results.get(bareOf(target.kind));
      if (bare == null || target.name.equals(bareOf(target.kind))) {
        continue;
      }
      List<double[]> runs = results.get(target.name);
      List<double[]> ratios = new ArrayList<>();
      for (int round = 0; round < runs.size(); round++) {
        ratios.add(new double[] {runs.get(round)[0] / bare.get(round)[0]});
      }
      System.out.printf(
          "%-46s %6.2f   %6.2f   %6.2f%n",
          target.name,
          median(ratios, 0),
          ratios.stream().mapToDouble(ratio -> ratio[0]).min().orElseThrow(),
          ratios.stream().mapToDouble(ratio -> ratio[0]).max().orElseThrow());
    }
  }

  /**
   * For each tracked page: the CPU a page view adds to the request threads and the tracker's own
   * sending threads, against the bare page of the same round; and the same for the whole JVM less
   * the collector (GC and JIT included). Medians over the rounds. Our rows also as a share of the
   * cheaper of the other two trackers.
   */
  private static void printAdded(
      Map<String, Target> targets, Map<String, List<double[]>> cpu, String load) {
    System.out.printf(
        "%nCPU a tracked request adds %s, µs (Jetty + its tracker's threads, and whole JVM less"
            + " collector, each minus the bare page's in the same round; medians over the rounds)%n",
        load);
    System.out.printf(
        "%-20s %12s %12s %12s %14s%n",
        "server", "Jetty+sender", "added", "added JVM", "vs cheaper peer");
    for (String kind : List.of("page", "template")) {
      String bare = bareOf(kind);
      if (!cpu.containsKey(bare)) {
        continue;
      }
      List<double[]> bareRuns = cpu.get(bare);
      Map<String, double[]> added = new LinkedHashMap<>();
      for (Target target : targets.values()) {
        if (!target.kind.equals(kind) || !target.tracked || !cpu.containsKey(target.name)) {
          continue;
        }
        List<double[]> runs = cpu.get(target.name);
        List<double[]> rounds = new ArrayList<>();
        for (int round = 0; round < runs.size(); round++) {
          double[] run = runs.get(round);
          double[] bareRun = bareRuns.get(round);
          double own = run[CpuUse.JETTY] + run[CpuUse.senderColumn(target.sender)];
          rounds.add(
              new double[] {
                own,
                own - bareRun[CpuUse.JETTY],
                run[CpuUse.JVM]
                    - run[CpuUse.COLLECTOR]
                    - (bareRun[CpuUse.JVM] - bareRun[CpuUse.COLLECTOR])
              });
        }
        added.put(
            target.name, new double[] {median(rounds, 0), median(rounds, 1), median(rounds, 2)});
      }
      double cheaperPeer = Double.NaN;
      for (Target target : targets.values()) {
        double[] row = added.get(target.name);
        if (row != null && target.sender != Sender.OURS) {
          cheaperPeer = Double.isNaN(cheaperPeer) ? row[1] : Math.min(cheaperPeer, row[1]);
        }
      }
      for (var entry : added.entrySet()) {
        double[] row = entry.getValue();
        boolean ours = targets.get(entry.getKey()).sender == Sender.OURS;
        System.out.printf(
            "%-20s %12.2f %12.2f %12.2f %14s%n",
            entry.getKey(),
            row[0],
            row[1],
            row[2],
            ours && !Double.isNaN(cheaperPeer) ? String.format("%.2f", row[1] / cheaperPeer) : "");
      }
    }
  }

  /** Latency at a fixed rate below saturation, each server in turn, rounds rotating. */
  private static void atFixedRate(
      Map<String, Target> targets,
      int rounds,
      int seconds,
      int connections,
      String fixedRate,
      Map<String, List<double[]>> saturation,
      Map<String, long[]> served,
      CollectorHandle collector,
      Map<String, long[]> baseline)
      throws Exception {
    Map<String, Double> rates = new LinkedHashMap<>();
    String fixedServers = System.getProperty("fixed.servers");
    for (Target target : targets.values()) {
      if (fixedServers != null
          ? !List.of(fixedServers.split(",")).contains(target.name)
          : target.kind.equals("page")
              && target.sender.endpoint != null
              && target.sender != Sender.OURS) {
        continue;
      }
      String setting =
          target.kind.equals("template")
              // A hello page's rate would bury the listing: it has a rate of its own.
              ? System.getProperty("fixed.rate.template", fixedRate.equals("half") ? "half" : "0")
              : fixedRate;
      double rate;
      if (setting.equals("half")) {
        List<double[]> bare = saturation.get(bareOf(target.kind));
        if (bare == null) {
          throw new IllegalArgumentException(
              "fixed rate \"half\" needs the saturation runs of " + bareOf(target.kind));
        }
        rate = Math.round(median(bare, 0) / 2);
      } else {
        rate = Double.parseDouble(setting);
      }
      if (rate > 0) {
        rates.put(target.name, rate);
      }
    }
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    rates.keySet().forEach(name -> results.put(name, new ArrayList<>()));
    Map<String, List<double[]>> cpu = new LinkedHashMap<>();
    rates.keySet().forEach(name -> cpu.put(name, new ArrayList<>()));
    PooledLatency pooled = new PooledLatency();
    Path histogramFile = Files.createTempFile("fixed-rate", ".hdr");
    List<String> order = new ArrayList<>(rates.keySet());
    System.out.printf("%nat a fixed rate (requests/s): %s%n", rates);
    for (int round = 0; round < rounds; round++) {
      Collections.rotate(order, 1);
      for (String name : order) {
        long[] gcBefore = gcCountAndMillis();
        CpuUse.Snapshot cpuBefore = CpuUse.snapshot();
        double[] load =
            fixedRate(
                targets.get(name), rates.get(name).intValue(), seconds, connections, histogramFile);
        long[] gcAfter = gcCountAndMillis();
        pooled.add(name, PooledLatency.read(histogramFile));
        served.get(name)[0] += (long) load[6];
        settle(targets, served, collector, baseline);
        cpu.get(name).add(CpuUse.perRequest(cpuBefore, CpuUse.snapshot(), (long) load[6]));
        double[] run = Arrays.copyOf(load, load.length + 2);
        run[load.length] = gcAfter[0] - gcBefore[0];
        run[load.length + 1] = gcAfter[1] - gcBefore[1];
        results.get(name).add(run);
        System.out.printf(
            "round %d  %-20s %,8.0f req/s  p50 %5.0f µs  p90 %5.0f µs  p99 %6.0f µs  p99.9 %6.0f"
                + " µs  GC %3.0f collections %4.0f ms%n",
            round + 1, name, run[0], run[1], run[2], run[3], run[4], run[7], run[8]);
      }
    }
    printMedians(
        results,
        "%,10.0f",
        new int[] {0, 1, 2, 3, 4, 7, 8},
        "median of",
        "req/s",
        "p50 µs",
        "p90 µs",
        "p99 µs",
        "p99.9 µs",
        "GCs",
        "GC ms");
    Files.delete(histogramFile);
    printPooled(targets, rates.keySet(), pooled);
    // Below saturation the load generator idles between responses whatever the server, so the
    // kernel wakes it about as often per request for each; at saturation a slower server pays more.
    printAdded(targets, cpu, "at a fixed rate");
  }

  /**
   * Each server's latencies over all its rounds, and against the bare server of its endpoint the
   * difference with a 95 % interval (paired bootstrap over the rounds).
   */
  private static void printPooled(
      Map<String, Target> targets, Iterable<String> servers, PooledLatency pooled) {
    System.out.printf("%npooled over the rounds     p50 µs     p90 µs     p99 µs   p99.9 µs%n");
    for (String name : servers) {
      long[] all = pooled.pooled(name);
      System.out.printf("%-20s %10d %10d %10d %10d%n", name, all[0], all[1], all[2], all[3]);
    }
    System.out.printf("%nagainst bare, µs (95 %% interval)  p50 / p90 / p99 / p99.9%n");
    for (String name : servers) {
      String bare = bareOf(targets.get(name).kind);
      if (name.equals(bare) || !pooled.has(bare)) {
        continue;
      }
      StringBuilder row = new StringBuilder(String.format("%-20s", name));
      for (double[] difference : pooled.difference(name, bare, 14)) {
        row.append(
            String.format("  %+.0f [%+.0f, %+.0f]", difference[0], difference[1], difference[2]));
      }
      System.out.println(row);
    }
  }

  /**
   * Events each collector endpoint received against the requests its tracker should have sent an
   * event for: a contender that silently sent nothing would look free.
   */
  private static void verify(
      Map<String, Target> targets,
      Map<String, long[]> served,
      Map<String, long[]> received,
      Map<String, long[]> baseline) {
    System.out.printf(
        "%n%-14s %14s %14s %12s %8s %22s%n",
        "endpoint", "tracked req.", "events", "requests", "share", "share after warm-up");
    for (Sender sender : Sender.values()) {
      if (sender.endpoint == null) {
        continue;
      }
      long expected = expected(sender, targets, served);
      long[] got = received.getOrDefault(sender.endpoint, new long[2]);
      double share = expected == 0 ? Double.NaN : got[0] / (double) expected;
      long[] before = baseline.get(sender.endpoint);
      double measured =
          expected == before[0]
              ? Double.NaN
              : (got[0] - before[1]) / (double) (expected - before[0]);
      System.out.printf(
          "%-14s %,14d %,14d %,12d %8.4f %22.4f%s%n",
          sender.endpoint,
          expected,
          got[0],
          got[1],
          share,
          measured,
          expected > before[0] && measured < 0.99
              ? "  EVENTS MISSING: this contender's CPU figures are per request served, not per"
                  + " event"
              : expected == 0 && got[0] > 0 ? "  events for untracked requests" : "");
    }
    for (var entry : served.entrySet()) {
      if (entry.getValue()[1] > 0) {
        System.out.printf(
            "%s: %,d answers not 2xx/3xx of %,d%n",
            entry.getKey(), entry.getValue()[1], entry.getValue()[0]);
      }
    }
  }

  /** One row per server: the median over the rounds of each chosen column. */
  private static void printMedians(
      Map<String, List<double[]>> runs, String format, int[] columns, String... headings) {
    StringBuilder header = new StringBuilder(String.format("%-20s", headings[0]));
    for (int i = 1; i < headings.length; i++) {
      header.append(String.format(" %10s", headings[i]));
    }
    System.out.println(header);
    for (var entry : runs.entrySet()) {
      StringBuilder row = new StringBuilder(String.format("%-20s", entry.getKey()));
      for (int column : columns) {
        row.append(
            String.format(" %10s", String.format(format, median(entry.getValue(), column)).trim()));
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
   * Requests/s, then p50, p90, p99, p99.9 and maximum latency in microseconds, and the requests
   * answered, from {@link FixedRateLoad}; every latency goes to {@code histogramFile}.
   */
  private static double[] fixedRate(
      Target target, int rate, int seconds, int connections, Path histogramFile) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dload.histogram=" + histogramFile,
                "-Dload.method=" + target.method,
                "-Dload.body=" + (target.method.equals("POST") ? POST_BODY : ""),
                "-cp",
                System.getProperty("java.class.path"),
                FixedRateLoad.class.getName(),
                target.url,
                Integer.toString(rate),
                Integer.toString(seconds),
                Integer.toString(connections)));
    command.addAll(target.headers);
    Process process =
        new ProcessBuilder(pinned(command.toArray(String[]::new)))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String line;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      line = out.readLine();
    }
    if (process.waitFor() != 0 || line == null) {
      throw new IllegalStateException("fixed-rate load failed: " + target.name);
    }
    return Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
  }

  static String url(Server server, String path) {
    return "http://127.0.0.1:"
        + ((ServerConnector) server.getConnectors()[0]).getLocalPort()
        + path;
  }

  static Server server(jakarta.servlet.Filter filter, int items) throws Exception {
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
    context.addServlet(new ServletHolder(new ProductListing(items)), "/products");
    if (filter != null) {
      context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    }
    server.setHandler(context);
    server.start();
    return server;
  }

  /**
   * Requests/s, then p50, p75, p90, p99 latency in microseconds, then (with {@code
   * -Dload.sleeps=true}, GNU {@code time} at {@code /usr/bin/time}) how often wrk went to sleep per
   * request and its CPU µs per request, else NaN. Adds the requests answered and those answered
   * other than 2xx/3xx to {@code served}.
   */
  private static double[] wrk(
      Target target, int seconds, int connections, Path postScript, long[] served)
      throws Exception {
    Path sleeps = Boolean.getBoolean("load.sleeps") ? Files.createTempFile("wrk", ".time") : null;
    List<String> command = new ArrayList<>();
    if (sleeps != null) {
      // Its voluntary context switches: each one a sleep the server's response ends.
      command.addAll(List.of("/usr/bin/time", "-f", "%w %U %S", "-o", sleeps.toString()));
    }
    command.addAll(
        List.of(
            "wrk",
            "--latency",
            "-t",
            "1",
            "-c",
            Integer.toString(connections),
            "-d",
            seconds + "s"));
    for (String header : target.headers) {
      command.add("-H");
      command.add(header);
    }
    if (target.method.equals("POST")) {
      command.add("-s");
      command.add(postScript.toString());
    }
    command.add(target.url);
    Process process =
        new ProcessBuilder(pinned(command.toArray(String[]::new)))
            .redirectErrorStream(true)
            .start();
    double[] result = new double[7];
    long total = 0;
    StringBuilder output = new StringBuilder();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        output.append(line).append('\n');
        Matcher requests = REQUESTS.matcher(line);
        if (requests.find()) {
          result[0] = Double.parseDouble(requests.group(1));
        }
        Matcher count = TOTAL.matcher(line);
        if (count.find()) {
          total = Long.parseLong(count.group(1));
        }
        Matcher errors = ERRORS.matcher(line);
        if (errors.find()) {
          served[1] += Long.parseLong(errors.group(1));
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
      throw new IllegalStateException("wrk failed: " + target.name + "\n" + output);
    }
    served[0] += total;
    Arrays.fill(result, 5, result.length, Double.NaN);
    if (sleeps != null) {
      String[] time = Files.readString(sleeps).strip().split(" ");
      result[5] = Long.parseLong(time[0]) / (double) total;
      result[6] = (Double.parseDouble(time[1]) + Double.parseDouble(time[2])) * 1_000_000 / total;
      Files.delete(sleeps);
    }
    return result;
  }

  /**
   * With {@code -Dload.cpus=<list>}, wrk and the collector run on those CPUs ({@code taskset}), so
   * that a server JVM started on the others has its CPUs to itself.
   */
  static List<String> pinned(String... command) {
    List<String> pinned = new ArrayList<>();
    String cpus = System.getProperty("load.cpus");
    if (cpus != null) {
      pinned.addAll(List.of("taskset", "-c", cpus));
    }
    pinned.addAll(List.of(command));
    return pinned;
  }

  private static List<String> with(List<String> list, String more) {
    List<String> copy = new ArrayList<>(list);
    copy.add(more);
    return List.copyOf(copy);
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
