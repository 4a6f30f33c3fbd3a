package io.github.snowplowjakarta.core;

import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.event.ConsentEvent;
import io.github.snowplowjakarta.core.event.Event;
import io.github.snowplowjakarta.core.internal.Checks;
import io.github.snowplowjakarta.core.internal.RandomUuids;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import io.github.snowplowjakarta.core.internal.encoding.PayloadEncoder;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Tracks events: encodes each with this tracker's settings, subject and anonymisation, on the
 * calling thread, and hands it to the emitter. {@link #track} never blocks and never throws.
 *
 * <p>{@link #with} gives a tracker for one request or one user: same settings and emitter, its own
 * subject values and anonymisation. The emitter belongs to whoever built it; close it there.
 *
 * <p>Two trackers send nothing, for different reasons: a {@link #disabled} one, because the
 * configuration turned tracking off ({@code snowplow.enabled=false}; it has no emitter and counts
 * {@link #disabledCalls()}), and one whose anonymisation is {@link Anonymisation.Level#OFF},
 * because this request or user may not be tracked at all (it keeps its emitter and counts {@link
 * #withheld()}).
 */
public final class Tracker {
  private static final ThrottledLogger LOG = new ThrottledLogger(Tracker.class);

  private final PayloadEncoder encoder;
  private final Emitter emitter;
  private final Subject subject;
  private final Anonymisation anonymisation;
  private final AtomicLong notEncoded;
  private final AtomicLong withheld;
  private final AtomicLong disabledCalls;
  private final Supplier<Tracker> workInProgress;
  private final LongAdder[] givenByLevel; // shared with every tracker made by with
  private final LongAdder given; // this tracker's own count, or null: givenByLevel counts

  private Tracker(
      PayloadEncoder encoder,
      Emitter emitter,
      Subject subject,
      Anonymisation anonymisation,
      AtomicLong notEncoded,
      AtomicLong withheld,
      AtomicLong disabledCalls,
      Supplier<Tracker> workInProgress,
      LongAdder[] givenByLevel,
      LongAdder given) {
    this.encoder = encoder;
    this.emitter = emitter;
    this.subject = subject;
    this.anonymisation = anonymisation;
    this.notEncoded = notEncoded;
    this.withheld = withheld;
    this.disabledCalls = disabledCalls;
    this.workInProgress = workInProgress;
    this.givenByLevel = givenByLevel;
    this.given = given;
  }

  private static LongAdder[] byLevel() {
    LongAdder[] adders = new LongAdder[8];
    for (int i = 0; i < adders.length; i++) {
      adders[i] = new LongAdder();
    }
    return adders;
  }

  private static int index(Anonymisation anonymisation) {
    return anonymisation.level().ordinal() * 2 + (anonymisation.serverAnonymisation() ? 1 : 0);
  }

  /** Counts an event given at {@code level}: in this tracker's own count, if it has one. */
  private void given(Anonymisation level) {
    (given != null ? given : givenByLevel[index(level)]).increment();
  }

  public static Builder builder(TrackerSettings settings, Emitter emitter) {
    return new Builder(settings, emitter);
  }

  /**
   * A tracker for when tracking is off ({@code snowplow.enabled=false}): it accepts every call and
   * counts it ({@link #disabledCalls}), but encodes and sends nothing. It has no emitter, so it
   * starts no thread and needs no collector.
   */
  public static Tracker disabled(TrackerSettings settings) {
    return new Tracker(
        new PayloadEncoder(
            Checks.requireNonNull(settings, "settings"), Clock.systemUTC(), RandomUuids.INSTANCE),
        null,
        Subject.EMPTY,
        Anonymisation.ANONYMOUS_SERVER,
        new AtomicLong(),
        new AtomicLong(),
        new AtomicLong(),
        null,
        byLevel(),
        null);
  }

  /** Whether this tracker sends anything: false for {@link #disabled} ones. */
  public boolean isEnabled() {
    return emitter != null;
  }

  /**
   * Tracks an event: with its transaction items, if it is a transaction.
   *
   * @return true if every event of it was queued for delivery; false if one was dropped (see the
   *     emitter's stats), could not be encoded, was withheld because the level is {@link
   *     Anonymisation.Level#OFF} (see {@link #withheld()}), or tracking is {@link #disabled} (see
   *     {@link #disabledCalls()})
   */
  public boolean track(Event event) {
    if (emitter == null) {
      disabledCalls.incrementAndGet();
      return false;
    }
    try {
      Subject eventSubject = subject;
      Anonymisation eventAnonymisation = anonymisation;
      Tracker current = workInProgress == null ? null : workInProgress.get();
      if (current != null) {
        eventSubject = subject.merge(current.subject);
        eventAnonymisation = current.anonymisation;
      }
      (current != null ? current : this).given(eventAnonymisation);
      return send(event, eventSubject, eventAnonymisation);
    } catch (RuntimeException e) {
      notEncoded.incrementAndGet();
      LOG.log(Level.WARNING, "Snowplow event not tracked: " + e.getMessage(), e);
      return false;
    }
  }

  /**
   * Tracks a consent event that moves the visitor from this tracker's anonymisation (the work in
   * progress's, if any) to {@code after}, at {@link Anonymisation#forConsentChange}: a withdrawal
   * with the identifiers the visitor had, a grant with those it allows, never more. The subject
   * must hold the identifiers of the level chosen; the encoder sends no others. In a request the
   * servlet filter tracks, {@code SnowplowRequest.recordConsent} does this and also applies the new
   * level to the rest of the response.
   *
   * @return as {@link #track}
   */
  public boolean trackConsent(ConsentEvent event, Anonymisation after) {
    if (emitter == null) {
      disabledCalls.incrementAndGet();
      return false;
    }
    try {
      Checks.requireNonNull(event, "event");
      Checks.requireNonNull(after, "after");
      Subject eventSubject = subject;
      Anonymisation before = anonymisation;
      Tracker current = workInProgress == null ? null : workInProgress.get();
      if (current != null) {
        eventSubject = subject.merge(current.subject);
        before = current.anonymisation;
      }
      Anonymisation eventAnonymisation = Anonymisation.forConsentChange(before, after);
      (current != null ? current : this).given(eventAnonymisation);
      return send(event, eventSubject, eventAnonymisation);
    } catch (RuntimeException e) {
      notEncoded.incrementAndGet();
      LOG.log(Level.WARNING, "Snowplow consent event not tracked: " + e.getMessage(), e);
      return false;
    }
  }

  /** Sends nothing, counting it as {@link #withheld}, when the level does not track (OFF). */
  private boolean send(Event event, Subject eventSubject, Anonymisation eventAnonymisation) {
    if (!eventAnonymisation.tracks()) {
      withheld.incrementAndGet();
      return false;
    }
    boolean queued = true;
    for (EncodedEvent encoded : encoder.encode(event, eventSubject, eventAnonymisation)) {
      queued &= emitter.add(encoded);
    }
    return queued;
  }

  /**
   * A tracker sharing this one's settings and emitter whose subject is this one's merged with
   * {@code subject} and whose events are anonymised as {@code anonymisation} says.
   */
  public Tracker with(Subject subject, Anonymisation anonymisation) {
    return derived(subject, anonymisation, null);
  }

  /**
   * As {@link #with(Subject, Anonymisation)}, counting every event given to the new tracker in
   * {@code given} (and not in {@link #eventsGiven}): how web tracking counts a request's events by
   * the consent that decided its level. Counting is an increment on the calling thread.
   */
  public Tracker with(Subject subject, Anonymisation anonymisation, LongAdder given) {
    return derived(subject, anonymisation, Checks.requireNonNull(given, "given"));
  }

  private Tracker derived(Subject subject, Anonymisation anonymisation, LongAdder own) {
    return new Tracker(
        encoder,
        emitter,
        this.subject.merge(subject),
        Checks.requireNonNull(anonymisation, "anonymisation"),
        notEncoded,
        withheld,
        disabledCalls,
        null,
        givenByLevel,
        own);
  }

  /**
   * Events given at {@code anonymisation} (the level they were tracked at) to this tracker or to
   * one made from it by {@link #with(Subject, Anonymisation)}, whether sent, dropped or withheld:
   * not those given to a tracker with a count of its own ({@link #with(Subject, Anonymisation,
   * LongAdder)}), nor, during a request, those a tracker with work in progress passes on to it.
   * Zero for a {@link #disabled} tracker.
   */
  public long eventsGiven(Anonymisation anonymisation) {
    return givenByLevel[index(Checks.requireNonNull(anonymisation, "anonymisation"))].sum();
  }

  public TrackerSettings settings() {
    return encoder.settings();
  }

  public Subject subject() {
    return subject;
  }

  public Anonymisation anonymisation() {
    return anonymisation;
  }

  /** The emitter it queues events on; null for a {@link #disabled} tracker. */
  public Emitter emitter() {
    return emitter;
  }

  /** Calls to a {@link #disabled} tracker (and the trackers made from it by {@link #with}). */
  public long disabledCalls() {
    return disabledCalls.get();
  }

  /** Events that could not be encoded, which should never happen: each one was logged. */
  public long notEncoded() {
    return notEncoded.get();
  }

  /**
   * Events given to this tracker, or to one made from it by {@link #with}, while the level was
   * {@link Anonymisation.Level#OFF}: counted, never sent.
   */
  public long withheld() {
    return withheld.get();
  }

  @Override
  public String toString() {
    return "Tracker["
        + encoder.settings()
        + ", "
        + anonymisation
        + ", "
        + subject
        + (emitter == null ? ", disabled" : "")
        + "]";
  }

  /** Builds a {@link Tracker}. */
  public static final class Builder {
    private final TrackerSettings settings;
    private final Emitter emitter;
    private Subject subject = Subject.EMPTY;
    private Anonymisation anonymisation = Anonymisation.ANONYMOUS_SERVER;
    private Clock clock = Clock.systemUTC();
    private Supplier<UUID> eventIds = RandomUuids.INSTANCE;
    private Supplier<Tracker> workInProgress;

    private Builder(TrackerSettings settings, Emitter emitter) {
      this.settings = Checks.requireNonNull(settings, "settings");
      this.emitter = Checks.requireNonNull(emitter, "emitter");
    }

    /** Values for every event of this tracker; default none. */
    public Builder subject(Subject subject) {
      this.subject = Checks.requireNonNull(subject, "subject");
      return this;
    }

    /**
     * How anonymous this tracker's events are; default {@link Anonymisation#ANONYMOUS_SERVER}, the
     * choice that is safe when nothing says the user agreed to more.
     */
    public Builder anonymisation(Anonymisation anonymisation) {
      this.anonymisation = Checks.requireNonNull(anonymisation, "anonymisation");
      return this;
    }

    /** The clock for the created timestamp ({@code dtm}). */
    public Builder clock(Clock clock) {
      this.clock = Checks.requireNonNull(clock, "clock");
      return this;
    }

    /** Where event ids come from; default random version 4 UUIDs. */
    public Builder eventIds(Supplier<UUID> eventIds) {
      this.eventIds = Checks.requireNonNull(eventIds, "eventIds");
      return this;
    }

    /**
     * Where to find the tracker of the work in progress, such as the current HTTP request's: while
     * it returns one, events take its subject values and its anonymisation (keeping this tracker's
     * settings and emitter); while it returns null, this tracker's own.
     */
    public Builder workInProgress(Supplier<Tracker> workInProgress) {
      this.workInProgress = workInProgress;
      return this;
    }

    public Tracker build() {
      PayloadEncoder encoder = new PayloadEncoder(settings, clock, eventIds);
      encoder.keepEncoded(subject);
      return new Tracker(
          encoder,
          emitter,
          subject,
          anonymisation,
          new AtomicLong(),
          new AtomicLong(),
          new AtomicLong(),
          workInProgress,
          byLevel(),
          null);
    }
  }
}
