package io.github.snowplowjakarta.core.event;

/**
 * An event about the visitor's consent, sent as a self-describing event ({@code e=ue}) with the
 * Snowplow schemas the browser tracker's consent plugins use: {@link ConsentPreferences} and {@link
 * CmpVisible} (enhanced consent), {@link ConsentGranted} and {@link ConsentWithdrawn} (the older
 * consent plugin, with a {@code consent_document} entity).
 *
 * <p>Tracked like any event, it goes at the tracker's anonymisation. Tracked with {@code
 * Tracker.trackConsent}, which knows the level the decision moves the visitor to, it goes at the
 * more identifying of the two levels; see the README's "Recording consent".
 */
public abstract sealed class ConsentEvent extends Event
    permits ConsentPreferences, CmpVisible, ConsentGranted, ConsentWithdrawn {
  private final SelfDescribingJson data;

  ConsentEvent(Builder<?> builder, SelfDescribingJson data, SelfDescribingJson ownEntity) {
    super(builder, ownEntity);
    this.data = data;
  }

  /** The event's schema and data, as sent in {@code ue_pr} / {@code ue_px}. */
  public SelfDescribingJson data() {
    return data;
  }
}
