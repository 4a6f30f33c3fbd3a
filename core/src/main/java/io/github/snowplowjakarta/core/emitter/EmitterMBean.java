package io.github.snowplowjakarta.core.emitter;

import io.github.snowplowjakarta.core.internal.MBeanNames;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * An emitter's figures for JMX. A read takes the emitter's counters and nothing else: no lock the
 * tracking threads wait for. Registered under a name of its own while the emitter runs, so that the
 * platform MBean server never keeps an undeployed application's classes.
 */
final class EmitterMBean implements EmitterMXBean {
  private static final Logger LOG = System.getLogger(Emitter.class.getName());
  private static final AtomicBoolean REGISTRATION_FAILURE_LOGGED = new AtomicBoolean();
  private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]*@");
  private static final Pattern QUERY =
      Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^\\s?#]*)[?#]\\S*");

  private final Emitter emitter;
  private final String name;
  private final String collector;
  private final int capacity;
  private final Clock clock;
  private volatile ObjectName registered;

  EmitterMBean(Emitter emitter, String name, EmitterSettings settings) {
    this.emitter = emitter;
    this.name = name;
    this.collector = redact(settings.collector().toString());
    this.capacity = settings.queueCapacity();
    this.clock = settings.clock();
  }

  /** Registers it with the platform MBean server; a failure is logged once, never thrown. */
  void register() {
    try {
      registered = MBeanNames.register(this, "Emitter", name);
    } catch (Exception | LinkageError e) {
      if (REGISTRATION_FAILURE_LOGGED.compareAndSet(false, true)) {
        LOG.log(
            Level.WARNING,
            "Snowplow emitter '" + name + "' not visible in JMX: " + e + " (tracking goes on)");
      }
    }
  }

  /** Takes it out of the platform MBean server, if it is there. */
  void unregister() {
    ObjectName objectName = registered;
    registered = null;
    if (objectName == null) {
      return;
    }
    try {
      MBeanNames.unregister(objectName);
    } catch (Exception | LinkageError e) {
      LOG.log(Level.WARNING, "Snowplow emitter '" + name + "' not removed from JMX: " + e);
    }
  }

  /** Text about a request, without what a URI may carry of credentials or query. */
  static String redact(String text) {
    if (text == null) {
      return null;
    }
    String noUser = USER_INFO.matcher(text).replaceAll("$1");
    return QUERY.matcher(noUser).replaceAll("$1");
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getCollector() {
    return collector;
  }

  @Override
  public long getEventsAccepted() {
    return emitter.stats().accepted();
  }

  @Override
  public long getEventsSent() {
    return emitter.stats().sent();
  }

  @Override
  public long getEventsFailed() {
    return emitter.counters.lost(false);
  }

  @Override
  public long getEventsDropped() {
    return emitter.counters.lost(true);
  }

  @Override
  public long getRetries() {
    return emitter.stats().retried();
  }

  @Override
  public long getQueueSize() {
    return emitter.stats().queueDepth();
  }

  @Override
  public long getQueueCapacity() {
    return capacity;
  }

  @Override
  public long getInternalErrors() {
    return emitter.stats().internalErrors();
  }

  @Override
  public long getLastSuccessTime() {
    return emitter.counters.lastSuccessMillis;
  }

  @Override
  public long getSecondsSinceLastSuccess() {
    long last = emitter.counters.lastSuccessMillis;
    return Math.max(0, (clock.millis() - (last == 0 ? emitter.startedMillis : last)) / 1000);
  }

  @Override
  public long getClientRestarts() {
    return emitter.stats().clientRestarts();
  }

  @Override
  public boolean isSpooled() {
    return emitter.stats().spool() != null;
  }

  @Override
  public long getSpoolBytes() {
    SpoolStats spool = emitter.stats().spool();
    return spool == null ? 0 : spool.bytes();
  }

  @Override
  public long getSpoolSegments() {
    SpoolStats spool = emitter.stats().spool();
    return spool == null ? 0 : spool.segments();
  }

  @Override
  public long getSpoolRecoveredEvents() {
    SpoolStats spool = emitter.stats().spool();
    return spool == null ? 0 : spool.recovered();
  }

  @Override
  public long getSpoolSkippedRecords() {
    SpoolStats spool = emitter.stats().spool();
    return spool == null ? 0 : spool.skipped();
  }

  @Override
  public String getSpoolUnavailable() {
    SpoolStats spool = emitter.stats().spool();
    return spool == null ? null : spool.unavailable();
  }

  @Override
  public String getLastError() {
    return redact(emitter.stats().lastError());
  }

  @Override
  public String getMisconfiguration() {
    return redact(emitter.stats().misconfiguration());
  }

  @Override
  public long getEventsDroppedQueueFull() {
    return emitter.counters.lost(LossReason.QUEUE_FULL);
  }

  @Override
  public long getEventsDroppedClosed() {
    return emitter.counters.lost(LossReason.CLOSED);
  }

  @Override
  public long getEventsDroppedLargerThanQueue() {
    return emitter.counters.lost(LossReason.LARGER_THAN_QUEUE);
  }

  @Override
  public long getEventsDroppedSpoolFull() {
    return emitter.counters.lost(LossReason.SPOOL_FULL);
  }

  @Override
  public long getEventsDroppedInternalError() {
    return emitter.counters.lost(LossReason.INTERNAL_ERROR);
  }

  @Override
  public long getEventsFailedRefused() {
    return emitter.counters.lost(LossReason.REFUSED);
  }

  @Override
  public long getEventsFailedTooLarge() {
    return emitter.counters.lost(LossReason.TOO_LARGE);
  }

  @Override
  public long getEventsFailedSpoolWrite() {
    return emitter.counters.lost(LossReason.SPOOL_WRITE);
  }

  @Override
  public long getEventsFailedUnsentAtClose() {
    return emitter.counters.lost(LossReason.UNSENT_AT_CLOSE);
  }

  @Override
  public int getRequestsInFlight() {
    return emitter.counters.requestsInFlight;
  }

  @Override
  public long getEventsInFlight() {
    return emitter.counters.eventsInFlight;
  }

  @Override
  public long getRequestsSucceeded() {
    return emitter.counters.requestsSucceeded.get();
  }

  @Override
  public double getRequestsSucceededSeconds() {
    return emitter.counters.succeededNanos.get() / 1e9;
  }

  @Override
  public long getRequestsFailed() {
    return emitter.counters.requestsFailed.get();
  }

  @Override
  public double getRequestsFailedSeconds() {
    return emitter.counters.failedNanos.get() / 1e9;
  }

  @Override
  public double getRequestDurationMaxSeconds() {
    return emitter.counters.recentMaxNanos(System.nanoTime()) / 1e9;
  }
}
