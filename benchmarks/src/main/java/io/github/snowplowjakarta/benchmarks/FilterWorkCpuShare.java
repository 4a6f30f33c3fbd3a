package io.github.snowplowjakarta.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * {@link FilterWorkBenchmark}'s methods timed by the thread's CPU time, in batches that take turns,
 * for a machine other work shares: JMH's wall-clock averages then swing with the load (each
 * benchmark runs at another moment), while CPU time per operation in interleaved batches keeps the
 * parts comparable with each other. Prints the median and quartiles of each part.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar \
 *   io.github.snowplowjakarta.benchmarks.FilterWorkCpuShare [rounds]</pre>
 */
public final class FilterWorkCpuShare {
  private static final int BATCH = 20_000;
  private static final int WARM_UP_ROUNDS = 10;
  static volatile Object sink;

  private FilterWorkCpuShare() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    FilterWorkBenchmark work = new FilterWorkBenchmark();
    work.setUp();
    String[] names = {
      "decideConsent",
      "andTrackThePageView",
      "personCheckOnABrowser",
      "personCheckOnACrawler",
      "readTheTitle"
    };
    Supplier<?>[] parts = {
      work::decideConsent,
      work::andTrackThePageView,
      work::personCheckOnABrowser,
      work::personCheckOnACrawler,
      () -> {
        try {
          return work.readTheTitle();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[][] nanosPerOp = new double[parts.length][rounds];
    try {
      for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
        for (int part = 0; part < parts.length; part++) {
          long start = threads.getCurrentThreadCpuTime();
          for (int i = 0; i < BATCH; i++) {
            sink = parts[part].get();
          }
          long cpu = threads.getCurrentThreadCpuTime() - start;
          if (round >= 0) {
            nanosPerOp[part][round] = cpu / (double) BATCH;
          }
        }
      }
    } finally {
      work.tearDown();
    }
    for (int part = 0; part < parts.length; part++) {
      double[] sorted = nanosPerOp[part].clone();
      Arrays.sort(sorted);
      System.out.printf(
          "%-24s median %7.0f ns CPU/op (quartiles %7.0f, %7.0f)%n",
          names[part], sorted[rounds / 2], sorted[rounds / 4], sorted[3 * rounds / 4]);
    }
  }
}
