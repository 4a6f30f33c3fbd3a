package io.github.snowplowjakarta.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Latencies at a fixed rate, pooled over the rounds of each server. The p99 of one short run moves
 * by milliseconds with a single garbage collection or a busy host; pooled over many rounds it
 * settles, and the rounds give an interval for the difference between two servers: a paired
 * bootstrap that resamples round numbers, so the drift of the host between rounds, which both
 * servers of a round share, stays paired.
 */
final class PooledLatency {
  static final double[] PERCENTILES = {50, 90, 99, 99.9};
  private static final long HIGHEST_MICROS = 60_000_000L;
  private static final int SIGNIFICANT_DIGITS = 3;
  private static final int RESAMPLES = 2_000;

  private final Map<String, List<Histogram>> rounds = new LinkedHashMap<>();

  /** An empty histogram of microseconds, 3 significant digits, up to a minute. */
  static Histogram histogram() {
    return new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
  }

  static void write(Histogram histogram, Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    Files.write(file, Arrays.copyOf(buffer.array(), length));
  }

  static Histogram read(Path file) throws IOException {
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Files.readAllBytes(file)), 0);
    } catch (DataFormatException e) {
      throw new IOException("not a histogram: " + file, e);
    }
  }

  void add(String server, Histogram round) {
    rounds.computeIfAbsent(server, name -> new ArrayList<>()).add(round);
  }

  boolean has(String server) {
    return rounds.containsKey(server);
  }

  /** The server's latencies of every round together, at each of {@link #PERCENTILES}. */
  long[] pooled(String server) {
    Histogram all = sum(rounds.get(server), null);
    return Arrays.stream(PERCENTILES).mapToLong(all::getValueAtPercentile).toArray();
  }

  /**
   * The difference of {@code server}'s pooled percentiles from {@code baseline}'s: for each of
   * {@link #PERCENTILES}, the difference, then the 2.5th and 97.5th percentile of the difference
   * over paired bootstrap resamples of the rounds. Both need the same number of rounds.
   */
  double[][] difference(String server, String baseline, long seed) {
    List<Histogram> ours = rounds.get(server);
    List<Histogram> base = rounds.get(baseline);
    if (ours.size() != base.size()) {
      throw new IllegalArgumentException(
          server + " has " + ours.size() + " rounds, " + baseline + " " + base.size());
    }
    long[] a = pooled(server);
    long[] b = pooled(baseline);
    double[][] samples = new double[PERCENTILES.length][RESAMPLES];
    Random random = new Random(seed);
    int n = ours.size();
    for (int resample = 0; resample < RESAMPLES; resample++) {
      int[] picked = random.ints(n, 0, n).toArray();
      Histogram x = sum(ours, picked);
      Histogram y = sum(base, picked);
      for (int p = 0; p < PERCENTILES.length; p++) {
        samples[p][resample] =
            x.getValueAtPercentile(PERCENTILES[p]) - y.getValueAtPercentile(PERCENTILES[p]);
      }
    }
    double[][] result = new double[PERCENTILES.length][];
    for (int p = 0; p < PERCENTILES.length; p++) {
      Arrays.sort(samples[p]);
      result[p] =
          new double[] {
            a[p] - b[p],
            samples[p][(int) (RESAMPLES * 0.025)],
            samples[p][(int) (RESAMPLES * 0.975) - 1]
          };
    }
    return result;
  }

  /** The rounds picked (all of them when null), with repeats, added up. */
  private static Histogram sum(List<Histogram> histograms, int[] picked) {
    Histogram total = histogram();
    if (picked == null) {
      histograms.forEach(total::add);
    } else {
      for (int index : picked) {
        total.add(histograms.get(index));
      }
    }
    return total;
  }
}
