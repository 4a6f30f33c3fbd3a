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

  /** Events given up: the sum of the {@code EventsFailed<Reason>} attributes. */
  long getEventsFailed();

  /** Events not taken or thrown out: the sum of the {@code EventsDropped<Reason>} attributes. */
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

  /** Events dropped: the queue was full. */
  long getEventsDroppedQueueFull();

  /** Events dropped: the emitter was closing or closed. */
  long getEventsDroppedClosed();

  /** Events dropped: the event alone was larger than the whole queue. */
  long getEventsDroppedLargerThanQueue();

  /**
   * Events dropped: the spool went over its bound (its oldest segment dropped) or a record was
   * unreadable.
   */
  long getEventsDroppedSpoolFull();

  /** Events dropped: an unexpected error while queueing. */
  long getEventsDroppedInternalError();

  /** Events failed: the collector refused them with a status not retried (400, 410, 422). */
  long getEventsFailedRefused();

  /** Events failed: the event alone was larger than a collector accepts in one request. */
  long getEventsFailedTooLarge();

  /** Events failed: the spool could not write the event. */
  long getEventsFailedSpoolWrite();

  /** Events failed: still unsent at close, with no spool to keep them. */
  long getEventsFailedUnsentAtClose();

  /** Requests to the collector sent and not yet answered. */
  int getRequestsInFlight();

  /** The events in the requests in flight. */
  long getEventsInFlight();

  /** Requests the collector acknowledged. */
  long getRequestsSucceeded();

  /** The time those requests took, from the start of the request to the end of the answer. */
  double getRequestsSucceededSeconds();

  /** Requests that ended otherwise: no answer, an error status, a refusal. */
  long getRequestsFailed();

  /** The time those requests took, until the answer or the failure. */
  double getRequestsFailedSeconds();

  /** The longest request, of either kind, that ended in the last one to two minutes; 0 if none. */
  double getRequestDurationMaxSeconds();
}
