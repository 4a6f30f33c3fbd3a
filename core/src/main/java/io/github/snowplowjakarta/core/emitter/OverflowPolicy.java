package io.github.snowplowjakarta.core.emitter;

/** What the emitter drops when its queue is full. Every drop is counted and logged. */
public enum OverflowPolicy {
  /** Keep what is queued; drop the event being added. */
  DROP_NEWEST,
  /** Make room by dropping the oldest queued events. */
  DROP_OLDEST
}
