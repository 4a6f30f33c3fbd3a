package io.github.snowplowjakarta.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A logger that writes at most one message a minute and says how many it held back, so a collector
 * outage or a flood of bad input cannot flood the application's log. Not API, may change.
 */
public final class ThrottledLogger {
  private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Logger logger;
  private final AtomicLong nextAllowedNanos = new AtomicLong(System.nanoTime());
  private final AtomicLong suppressed = new AtomicLong();

  public ThrottledLogger(Class<?> owner) {
    this.logger = System.getLogger(owner.getName());
  }

  public void log(Level level, String message, Throwable error) {
    if (!logger.isLoggable(level)) {
      return;
    }
    long now = System.nanoTime();
    long allowed = nextAllowedNanos.get();
    if (now - allowed < 0 || !nextAllowedNanos.compareAndSet(allowed, now + INTERVAL_NANOS)) {
      suppressed.incrementAndGet();
      return;
    }
    long held = suppressed.getAndSet(0);
    String text = held == 0 ? message : message + " (" + held + " similar messages suppressed)";
    if (error == null) {
      logger.log(level, text);
    } else {
      logger.log(level, text, error);
    }
  }

  public void log(Level level, String message) {
    log(level, message, null);
  }
}
