package io.github.snowplowjakarta.core.emitter.chaos;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.emitter.EmitterStats;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.encoding.PayloadEncoder;
import io.github.snowplowjakarta.core.testing.Fixtures;
import java.net.URI;
import java.time.Duration;

/**
 * A process for {@link HostileCollectorChaosTest}, run with a small heap: tracks events into one
 * emitter, flushes, prints its stats on one line and exits 0 if everything was delivered. Its JVM
 * exits at the first {@link OutOfMemoryError}, anywhere.
 *
 * <p>Arguments: collector URI, events.
 */
public final class HostileChild {
  private HostileChild() {}

  public static void main(String[] args) {
    URI collector = URI.create(args[0]);
    int events = Integer.parseInt(args[1]);
    PayloadEncoder encoder = new PayloadEncoder(TrackerSettings.of("chaos-hostile-child"));
    Emitter emitter =
        Emitter.builder(collector)
            .batchSize(5)
            .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
            .connectTimeout(Duration.ofSeconds(2))
            .responseTimeout(Duration.ofSeconds(30))
            .build();
    for (int i = 0; i < events; i++) {
      emitter.add(
          encoder
              .encode(
                  Structured.builder().category("chaos").action("child").build(),
                  Fixtures.fullSubject(),
                  Anonymisation.FULL_TRACKING)
              .get(0));
    }
    boolean flushed = emitter.flush(Duration.ofSeconds(60));
    EmitterStats stats = emitter.stats();
    emitter.close(Duration.ofSeconds(2));
    System.out.println("flushed=" + flushed + " " + stats);
    System.exit(flushed ? 0 : 2);
  }
}
