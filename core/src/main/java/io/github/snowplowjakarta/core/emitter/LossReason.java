package io.github.snowplowjakarta.core.emitter;

import java.util.Locale;

/**
 * Why an emitter gave up an event: every place it does names one of these. The first five count as
 * {@linkplain EmitterStats#dropped() dropped} (not taken, or thrown out before the collector had a
 * say), the rest as {@linkplain EmitterStats#failed() failed}. {@link #tag()} is the {@code
 * error.type} of the Micrometer meters, {@link #attribute()} the JMX attribute.
 */
public enum LossReason {
  /** The queue (or, with {@link OverflowPolicy#DROP_OLDEST}, room for a newer event) was full. */
  QUEUE_FULL(true),
  /** The emitter was closing or closed. */
  CLOSED(true),
  /** The event alone is larger than the whole queue may hold ({@code maxQueueBytes}). */
  LARGER_THAN_QUEUE(true),
  /** The spool went over its bound and dropped its oldest segment, or a record was unreadable. */
  SPOOL_FULL(true),
  /** An unexpected error while queueing the event, logged and counted as an internal error. */
  INTERNAL_ERROR(true),
  /** The collector refused the request with a status that is not retried (400, 410, 422). */
  REFUSED(false),
  /** The event alone is larger than a collector accepts in one request. */
  TOO_LARGE(false),
  /** The spool could not write the event (a full disk, say). */
  SPOOL_WRITE(false),
  /** Still unsent when the emitter closed, with no spool to keep it for the next start. */
  UNSENT_AT_CLOSE(false);

  private final boolean dropped;
  private final String tag;
  private final String attribute;

  LossReason(boolean dropped) {
    this.dropped = dropped;
    this.tag = name().toLowerCase(Locale.ROOT);
    StringBuilder camel = new StringBuilder(dropped ? "EventsDropped" : "EventsFailed");
    for (String word : tag.split("_")) {
      camel.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
    }
    this.attribute = camel.toString();
  }

  /** True if it counts as dropped, false if as failed. */
  public boolean dropped() {
    return dropped;
  }

  /** {@code dropped} or {@code failed}: the {@code outcome} tag of the Micrometer meter. */
  public String outcome() {
    return dropped ? "dropped" : "failed";
  }

  /** Its name in lower case, {@code queue_full} say: the {@code error.type} tag. */
  public String tag() {
    return tag;
  }

  /** The JMX attribute counting it, {@code EventsDroppedQueueFull} say. */
  public String attribute() {
    return attribute;
  }
}
