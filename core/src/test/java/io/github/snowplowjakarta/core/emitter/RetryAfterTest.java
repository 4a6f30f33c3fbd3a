package io.github.snowplowjakarta.core.emitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
  private static final Duration MAX = Duration.ofMinutes(10);

  @Test
  void readsDelaySeconds() {
    assertThat(RetryAfter.parse("120", CLOCK, MAX)).isEqualTo(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", CLOCK, MAX)).isEqualTo(Duration.ZERO);
  }

  @Test
  void readsAnHttpDate() {
    assertThat(RetryAfter.parse("Mon, 23 Nov 2026 10:01:30 GMT", CLOCK, MAX))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(RetryAfter.parse("Mon, 23 Nov 2026 09:00:00 GMT", CLOCK, MAX))
        .isEqualTo(Duration.ZERO);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"-5", "soon", "1.5", "Tomorrow, 99 Foo 2026"})
  void ignoresWhatItCannotRead(String value) {
    assertThat(RetryAfter.parse(value, CLOCK, MAX)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "601",
        "99999999999",
        "9223372036854775807",
        "99999999999999999999999999",
        "Fri, 31 Dec 9999 23:59:59 GMT",
        "Thu, 01 Jan 2263 00:00:00 GMT"
      })
  void aDelayOfAnySizeIsCappedBeforeAnyArithmetic(String value) {
    assertThat(RetryAfter.parse(value, CLOCK, MAX)).isEqualTo(MAX);
  }
}
