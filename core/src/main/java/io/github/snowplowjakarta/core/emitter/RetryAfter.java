package io.github.snowplowjakarta.core.emitter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a {@code Retry-After} header: delay seconds or an HTTP date. Whatever the value — any
 * number of digits, a date centuries ahead — the delay is capped before any arithmetic on it.
 */
final class RetryAfter {
  private RetryAfter() {}

  /**
   * The delay asked for, at most {@code max}; null when the header is absent, negative or
   * unreadable.
   */
  static Duration parse(String value, Clock clock, Duration max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim();
    if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // More digits than a long holds is still a delay, and a long one.
      if (text.length() > 18) {
        return max;
      }
      long seconds = Long.parseLong(text);
      return seconds >= max.getSeconds() ? max : Duration.ofSeconds(seconds);
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Instant now = clock.instant();
      if (!at.isAfter(now)) {
        return Duration.ZERO;
      }
      // Compared before subtracting: the date may be centuries ahead.
      return at.isAfter(now.plus(max)) ? max : Duration.between(now, at);
    } catch (DateTimeParseException notADate) {
      return null;
    }
  }
}
