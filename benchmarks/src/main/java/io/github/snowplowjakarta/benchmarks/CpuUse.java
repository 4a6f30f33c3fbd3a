package io.github.snowplowjakarta.benchmarks;

import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of the JVM's threads by kind, told apart by name: Jetty's request threads ({@code
 * qtp…}); our emitter's ({@code snowplow-emitter-N-M}, its HTTP client's I/O thread included); the
 * Snowplow Java tracker's ({@code snowplow-emitter-pool-N-request-thread-M} and OkHttp's {@code
 * OkHttp …}, {@code Okio Watchdog}); the Matomo tracker's ({@code MatomoJavaTracker-N}, its
 * executor, and the JDK HTTP client's {@code HttpClient-N-SelectorManager}); the collector's
 * ({@code loopback-collector} and the JDK server's {@code HTTP-Dispatcher}); other Java threads;
 * and the whole process, which also counts GC, JIT and other VM threads.
 */
final class CpuUse {
  static final int JETTY = 0;
  static final int COLLECTOR = 4;
  static final int JVM = 6;
  static final int[] COLUMNS_ALL = {0, 1, 2, 3, 4, 5, 6, 7};
  static final String[] HEADINGS = {
    "CPU µs/request",
    "Jetty",
    "ours",
    "sp-java",
    "matomo",
    "collector",
    "other",
    "whole JVM",
    "GC+JIT+VM"
  };
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  /**
   * Waits (at most 20 s) until the trackers' and the collector's threads are quiet: under 1 ms of
   * CPU in each of three consecutive 100 ms windows. A tracker that queues what it sends (Matomo's
   * asynchronous requests have no bound) drains before the next server's run, and the CPU it spends
   * draining counts for the run that queued it.
   */
  static void awaitQuiet() throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    long previous = senderNanos();
    int quiet = 0;
    while (quiet < 3 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      long now = senderNanos();
      quiet = now - previous < 1_000_000 ? quiet + 1 : 0;
      previous = now;
    }
    if (quiet < 3) {
      System.out.println("(the trackers were still busy 20 s after the run)");
    }
  }

  private static long senderNanos() {
    long nanos = 0;
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && kind(info.getThreadName()) != JETTY && kind(info.getThreadName()) < 5) {
        nanos += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
      }
    }
    return nanos;
  }

  static int senderColumn(FilterOverhead.Sender sender) {
    return switch (sender) {
      case OURS -> 1;
      case SNOWPLOW_JAVA -> 2;
      case MATOMO -> 3;
      case NONE -> throw new IllegalArgumentException("no sender");
    };
  }

  static int kind(String name) {
    if (name.startsWith("qtp")) {
      return JETTY;
    }
    if (name.startsWith("snowplow-emitter-pool-")
        || name.startsWith("OkHttp")
        || name.startsWith("Okio")) {
      return 2;
    }
    if (name.startsWith("snowplow-emitter-")) {
      return 1;
    }
    if (name.startsWith("MatomoJavaTracker-") || name.startsWith("HttpClient-")) {
      return 3;
    }
    if (name.startsWith("loopback-collector") || name.equals("HTTP-Dispatcher")) {
      return COLLECTOR;
    }
    return 5;
  }

  /** Each live thread's CPU nanoseconds so far, by thread id, and the whole process's. */
  record Snapshot(Map<Long, Long> threads, Map<Long, Integer> kinds, long process) {}

  static Snapshot snapshot() {
    Map<Long, Long> threads = new HashMap<>();
    Map<Long, Integer> kinds = new HashMap<>();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long time = THREADS.getThreadCpuTime(info.getThreadId());
      if (time >= 0) {
        threads.put(info.getThreadId(), time);
        kinds.put(info.getThreadId(), kind(info.getThreadName()));
      }
    }
    return new Snapshot(threads, kinds, PROCESS.getProcessCpuTime());
  }

  /**
   * Microseconds per request by kind, the whole process's, and the process's less all Java threads'
   * (GC, JIT, other VM threads, and threads that ended during the run, whose last CPU time cannot
   * be read).
   */
  static double[] perRequest(Snapshot before, Snapshot after, double requests) {
    double[] nanos = new double[8];
    double threads = 0;
    for (var entry : after.threads.entrySet()) {
      long used = entry.getValue() - before.threads.getOrDefault(entry.getKey(), 0L);
      nanos[after.kinds.get(entry.getKey())] += used;
      threads += used;
    }
    nanos[JVM] = after.process - before.process;
    nanos[7] = nanos[JVM] - threads;
    double[] micros = new double[nanos.length];
    for (int i = 0; i < nanos.length; i++) {
      micros[i] = nanos[i] / 1000.0 / requests;
    }
    return micros;
  }

  /**
   * The live threads' CPU seconds so far by name (digits folded) and kind, to check the
   * classification: a tracker's threads must not land in another's column.
   */
  static void printThreads() {
    Map<String, Double> seconds = new TreeMap<>();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long time = THREADS.getThreadCpuTime(info.getThreadId());
      if (time > 0) {
        String name = info.getThreadName();
        String key =
            String.format("%-10s %s", HEADINGS[kind(name) + 1], name.replaceAll("[0-9]+", "N"));
        seconds.merge(key, time / 1e9, Double::sum);
      }
    }
    System.out.println("\nlive threads by kind and name, CPU seconds:");
    seconds.forEach(
        (name, time) -> {
          if (time >= 0.01) {
            System.out.printf("  %-60s %8.2f%n", name, time);
          }
        });
  }
}
