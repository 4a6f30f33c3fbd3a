package io.github.snowplowjakarta.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PooledLatencyTest {
  private static final int ROUNDS = 12;
  private static final int PER_ROUND = 4_000;

  /** About 250 µs with a long tail, each round with a tail of its own size, as on a busy host. */
  private static long latency(Random random, double roundTail) {
    return 200 + (long) (-Math.log(1 - random.nextDouble()) * 50 * roundTail);
  }

  @Test
  void aServerSlowerByAFixedAmountDiffersByItAtEveryPercentile() {
    PooledLatency pooled = new PooledLatency();
    Random random = new Random(1);
    for (int round = 0; round < ROUNDS; round++) {
      double tail = 1 + random.nextDouble() * 3;
      Histogram bare = PooledLatency.histogram();
      Histogram slower = PooledLatency.histogram();
      for (int i = 0; i < PER_ROUND; i++) {
        long value = latency(random, tail);
        bare.recordValue(value);
        slower.recordValue(value + 100);
      }
      pooled.add("bare", bare);
      pooled.add("slower", slower);
    }

    double[][] difference = pooled.difference("slower", "bare", 7);

    assertThat(difference.length).isEqualTo(PooledLatency.PERCENTILES.length);
    for (double[] atPercentile : difference) {
      // 3 significant digits: a value near 1 000 µs is kept to within 1 µs.
      assertThat(atPercentile[0]).isCloseTo(100, within(2.0));
      assertThat(atPercentile[1]).isCloseTo(100, within(2.0));
      assertThat(atPercentile[2]).isCloseTo(100, within(2.0));
    }
  }

  @Test
  void twoServersDrawnAlikeGetAnIntervalAroundNothingThatShowsTheRoundsSpread() {
    PooledLatency pooled = new PooledLatency();
    Random random = new Random(2);
    for (int round = 0; round < ROUNDS; round++) {
      // Both servers of a round see the same host: the tail is the round's.
      double tail = 1 + random.nextDouble() * 3;
      for (String server : new String[] {"a", "b"}) {
        Histogram histogram = PooledLatency.histogram();
        for (int i = 0; i < PER_ROUND; i++) {
          histogram.recordValue(latency(random, tail));
        }
        pooled.add(server, histogram);
      }
    }

    double[] atP99 = pooled.difference("b", "a", 7)[2];

    assertThat(atP99[1]).isLessThan(0);
    assertThat(atP99[2]).isGreaterThan(0);
    assertThat(atP99[1]).isLessThanOrEqualTo(atP99[0]);
    assertThat(atP99[2]).isGreaterThanOrEqualTo(atP99[0]);
  }

  @Test
  void poolsEveryRoundOfAServer() {
    PooledLatency pooled = new PooledLatency();
    for (long value : new long[] {100, 300}) {
      Histogram round = PooledLatency.histogram();
      for (int i = 0; i < 1_000; i++) {
        round.recordValue(value);
      }
      pooled.add("server", round);
    }

    long[] all = pooled.pooled("server");

    assertThat(all[0]).isEqualTo(100);
    assertThat(all[1]).isEqualTo(300);
    assertThat(pooled.has("server")).isTrue();
    assertThat(pooled.has("other")).isFalse();
  }

  @Test
  void refusesServersWithDifferentNumbersOfRounds() {
    PooledLatency pooled = new PooledLatency();
    pooled.add("a", PooledLatency.histogram());
    pooled.add("a", PooledLatency.histogram());
    pooled.add("b", PooledLatency.histogram());

    assertThatThrownBy(() -> pooled.difference("a", "b", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 rounds");
  }

  @Test
  void aHistogramWrittenToAFileReadsBackTheSame(@TempDir Path directory) throws Exception {
    Histogram written = PooledLatency.histogram();
    Random random = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      written.recordValue(latency(random, 2));
    }
    written.recordValue(45_000_000);
    Path file = directory.resolve("round.hdr");

    PooledLatency.write(written, file);

    assertThat(PooledLatency.read(file)).isEqualTo(written);
  }
}
