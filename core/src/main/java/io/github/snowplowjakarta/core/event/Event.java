package io.github.snowplowjakarta.core.event;

import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An event to track. Immutable; every event may carry entities, a true timestamp ({@code ttm}) and
 * event-level subject values that override the tracker's.
 */
public abstract sealed class Event
    permits PageEvent, Structured, SelfDescribing, EcommerceTransaction, ConsentEvent {
  private final List<SelfDescribingJson> entities;
  private final Instant trueTimestamp;
  private final Subject subject;

  Event(Builder<?> builder) {
    this(builder, null);
  }

  /** An event that carries an entity of its own after the caller's, as consent events do. */
  Event(Builder<?> builder, SelfDescribingJson ownEntity) {
    if (ownEntity == null) {
      this.entities = List.copyOf(builder.entities);
    } else {
      List<SelfDescribingJson> all = new ArrayList<>(builder.entities.size() + 1);
      all.addAll(builder.entities);
      all.add(ownEntity);
      this.entities = List.copyOf(all);
    }
    this.trueTimestamp = builder.trueTimestamp;
    this.subject = builder.subject;
  }

  /** The entities ({@code co}/{@code cx}) attached to this event. */
  public List<SelfDescribingJson> entities() {
    return entities;
  }

  /** When the event really happened, if the caller knows better than the tracker; else null. */
  public Instant trueTimestamp() {
    return trueTimestamp;
  }

  /** Event-level subject values, merged over the tracker's; may be null. */
  public Subject subject() {
    return subject;
  }

  /** What every event builder offers. */
  public abstract static class Builder<B extends Builder<B>> {
    private final List<SelfDescribingJson> entities = new ArrayList<>(2);
    private Instant trueTimestamp;
    private Subject subject;

    Builder() {}

    abstract B self();

    /** Attaches an entity. */
    public B entity(SelfDescribingJson entity) {
      entities.add(Checks.requireNonNull(entity, "entity"));
      return self();
    }

    /** Attaches entities. */
    public B entities(Collection<SelfDescribingJson> entities) {
      Checks.requireNonNull(entities, "entities");
      for (SelfDescribingJson entity : entities) {
        entity(entity);
      }
      return self();
    }

    /** The true timestamp ({@code ttm}). */
    public B trueTimestamp(Instant trueTimestamp) {
      this.trueTimestamp = trueTimestamp;
      return self();
    }

    /** Event-level subject values; they win over the tracker's. */
    public B subject(Subject subject) {
      this.subject = subject;
      return self();
    }

    public abstract Event build();
  }
}
