package io.github.snowplowjakarta.core.emitter;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryDelayTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
  private final RetryDelay delay =
      new RetryDelay(ofMillis(500), ofSeconds(60), ofSeconds(600), CLOCK);

  private static long millis(long nanos) {
    return Duration.ofNanos(nanos).toMillis();
  }

  @Test
  void doublesWithEqualJitterUpToTheCap() {
    for (int i = 0; i < 1000; i++) {
      assertThat(millis(delay.nanos(1, null))).isBetween(250L, 500L);
      assertThat(millis(delay.nanos(2, null))).isBetween(500L, 1000L);
      assertThat(millis(delay.nanos(4, null))).isBetween(2000L, 4000L);
      assertThat(millis(delay.nanos(20, null))).isBetween(30_000L, 60_000L);
      assertThat(millis(delay.nanos(Integer.MAX_VALUE, null))).isBetween(30_000L, 60_000L);
    }
  }

  @Test
  void aRetryAfterLongerThanTheBackoffIsHonoured() {
    assertThat(delay.nanos(1, "120")).isEqualTo(ofSeconds(120).toNanos());
    assertThat(delay.nanos(1, "Mon, 23 Nov 2026 10:01:30 GMT")).isEqualTo(ofSeconds(90).toNanos());
  }

  @Test
  void aRetryAfterNeverShortensTheBackoffNorExceedsItsCap() {
    for (int i = 0; i < 1000; i++) {
      assertThat(millis(delay.nanos(1, "0"))).isBetween(250L, 500L);
      assertThat(millis(delay.nanos(1, "Mon, 23 Nov 2026 09:00:00 GMT"))).isBetween(250L, 500L);
    }
    assertThat(delay.nanos(1, "86400")).isEqualTo(ofSeconds(600).toNanos());
    assertThat(millis(delay.nanos(1, "soon"))).isBetween(250L, 500L);
  }

  @Test
  void largeSettingsDoNotOverflow() {
    RetryDelay large = new RetryDelay(ofSeconds(30), Duration.ofDays(1), ofSeconds(600), CLOCK);

    for (int attempts = 1; attempts < 100; attempts++) {
      assertThat(large.nanos(attempts, null))
          .isPositive()
          .isLessThanOrEqualTo(Duration.ofDays(1).toNanos());
    }
  }
}
