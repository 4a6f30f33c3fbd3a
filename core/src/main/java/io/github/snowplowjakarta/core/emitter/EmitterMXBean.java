package io.github.snowplowjakarta.core.emitter;

/**
 * What JMX shows of one emitter, registered as {@code
 * io.github.snowplowjakarta:type=Emitter,name=<emitter name>} while the emitter runs. Counts are in
 * events since the emitter started. The attributes are API, as operators' alert rules name them; it
 * is public, in an exported package, because JMX reads it by reflection.
 */
public interface EmitterMXBean {
  /** The emitter's name, as in the object name. */
  String getName();

  /** The collector's URI, without credentials or query. */
  String getCollector();

  long getEventsAccepted();

  long getEventsSent();

  long getEventsFailed();

  long getEventsDropped();

  long getRetries();

  /**
   * Events accepted and not yet settled: queued, in flight, waiting for a retry or in the spool.
   */
  long getQueueSize();

  long getQueueCapacity();

  /** Unexpected errors the emitter contained and logged. */
  long getInternalErrors();

  /** When the collector last acknowledged a request, in epoch milliseconds; 0 if never. */
  long getLastSuccessTime();

  /** Seconds since the collector last acknowledged a request, or since the start if none did. */
  long getSecondsSinceLastSuccess();

  /** Times the HTTP client was found dead and replaced. */
  long getClientRestarts();

  /** Whether the emitter was given a spool (in use or not: see {@link #getSpoolUnavailable}). */
  boolean isSpooled();

  /** The size of the spool's segment files; 0 without a spool. */
  long getSpoolBytes();

  /** The spool's segment files; 0 without a spool. */
  long getSpoolSegments();

  /** Events an earlier run left in the spool, found when it opened. */
  long getSpoolRecoveredEvents();

  /** Spool records lost to damage: corrupt or torn on the disk, or unreadable. */
  long getSpoolSkippedRecords();

  /** Why the spool could not be opened, events being kept in memory only; null otherwise. */
  String getSpoolUnavailable();

  /** The last delivery error, without credentials or query strings; null if none. */
  String getLastError();

  /** What the collector's answers say is wrong with the settings; null while nothing is. */
  String getMisconfiguration();
}
