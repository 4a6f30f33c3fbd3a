package io.github.snowplowjakarta.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark measures what it says: each operation tracks one page view. */
class VertxWorkBenchmarkTest {
  @Test
  void eachOperationTracksOnePageView() throws Exception {
    for (String visitor : new String[] {"returning", "first"}) {
      VertxWorkBenchmark benchmark = new VertxWorkBenchmark();
      benchmark.visitor = visitor;
      benchmark.setUp();
      try {
        for (int i = 0; i < 3; i++) {
          benchmark.trackThePageView();
        }
        assertThat(benchmark.emitter.stats().accepted()).as(visitor).isEqualTo(3);
      } finally {
        benchmark.tearDown();
      }
    }
  }
}
