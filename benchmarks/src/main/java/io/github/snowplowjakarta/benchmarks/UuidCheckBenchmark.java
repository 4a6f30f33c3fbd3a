package io.github.snowplowjakarta.benchmarks;

import io.github.snowplowjakarta.core.internal.Checks;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Checking that a string is a UUID, on random UUIDs (the filter checks a few per page view: the
 * browser tracker's ids, the page view's own): {@code Checks.isUuid} against the check it replaced,
 * which asked per character whether it was a digit or a letter and left at the first that was
 * neither.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class UuidCheckBenchmark {
  private final String[] uuids = new String[1024];
  private int next;

  @Setup
  public void makeUuids() {
    for (int i = 0; i < uuids.length; i++) {
      uuids[i] = UUID.randomUUID().toString();
    }
  }

  private String nextUuid() {
    next = (next + 1) & (uuids.length - 1);
    return uuids[next];
  }

  @Benchmark
  public boolean isUuid() {
    return Checks.isUuid(nextUuid());
  }

  @Benchmark
  public boolean characterByCharacter() {
    String value = nextUuid();
    if (value.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = value.charAt(i);
      boolean ok =
          i == 8 || i == 13 || i == 18 || i == 23
              ? c == '-'
              : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
