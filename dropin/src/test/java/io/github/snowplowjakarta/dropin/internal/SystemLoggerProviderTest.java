package io.github.snowplowjakarta.dropin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider as SLF4J finds it, through the service file, before relocation: what is logged
 * through SLF4J arrives in java.util.logging, at the matching level, formatted.
 */
class SystemLoggerProviderTest {
  private static final String NAME =
      "dropin.test." + SystemLoggerProviderTest.class.getSimpleName();

  private final java.util.logging.Logger julLogger = java.util.logging.Logger.getLogger(NAME);
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void capture() {
    julLogger.setUseParentHandlers(false);
    julLogger.addHandler(handler);
    julLogger.setLevel(Level.INFO);
  }

  @AfterEach
  void release() {
    julLogger.removeHandler(handler);
    julLogger.setUseParentHandlers(true);
    julLogger.setLevel(null);
  }

  @Test
  void slf4jFindsThisProvider() {
    assertThat(LoggerFactory.getILoggerFactory().getClass().getEnclosingClass())
        .isEqualTo(SystemLoggerProvider.class);
  }

  @Test
  void eachLevelArrivesAtItsJavaUtilLoggingLevelFormatted() {
    julLogger.setLevel(Level.ALL);
    Logger logger = LoggerFactory.getLogger(NAME);

    logger.error("error {}", 1);
    logger.warn("warn {} {}", 1, 2);
    logger.info("info {} {} {}", 1, 2, 3);
    logger.debug("debug");
    logger.trace("trace {}", "t");

    assertThat(records)
        .extracting(LogRecord::getLevel, LogRecord::getMessage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Level.SEVERE, "error 1"),
            org.assertj.core.groups.Tuple.tuple(Level.WARNING, "warn 1 2"),
            org.assertj.core.groups.Tuple.tuple(Level.INFO, "info 1 2 3"),
            org.assertj.core.groups.Tuple.tuple(Level.FINE, "debug"),
            org.assertj.core.groups.Tuple.tuple(Level.FINER, "trace t"));
    assertThat(records).extracting(LogRecord::getLoggerName).containsOnly(NAME);
  }

  @Test
  void aThrowableGoesWithTheRecord() {
    Logger logger = LoggerFactory.getLogger(NAME);
    IllegalStateException failure = new IllegalStateException("boom");

    logger.warn("connection to {} failed", "collector", failure);
    logger.error("plain", failure);

    assertThat(records).extracting(LogRecord::getThrown).containsExactly(failure, failure);
    assertThat(records.get(0).getMessage()).isEqualTo("connection to collector failed");
  }

  @Test
  void levelsBelowTheConfiguredOneAreOffAndNotFormatted() {
    Logger logger = LoggerFactory.getLogger(NAME);
    Object neverFormatted =
        new Object() {
          @Override
          public String toString() {
            throw new AssertionError("formatted although DEBUG is off");
          }
        };

    logger.debug("{}", neverFormatted);
    logger.trace("{}", neverFormatted);

    assertThat(logger.isDebugEnabled()).isFalse();
    assertThat(logger.isInfoEnabled()).isTrue();
    assertThat(records).isEmpty();

    julLogger.setLevel(Level.FINE);
    assertThat(logger.isDebugEnabled()).isTrue();
    assertThat(logger.isTraceEnabled()).isFalse();
  }

  @Test
  void oneLoggerPerName() {
    assertThat(LoggerFactory.getLogger(NAME)).isSameAs(LoggerFactory.getLogger(NAME));
  }
}
