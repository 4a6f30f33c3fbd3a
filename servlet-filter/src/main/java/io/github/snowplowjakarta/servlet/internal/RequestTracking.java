package io.github.snowplowjakarta.servlet.internal;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import io.github.snowplowjakarta.servlet.consent.ConsentDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One request's tracking state, kept in a request attribute. The consent decision is made when the
 * request comes in; what the request says (URL, identity, headers) is read when first needed, so a
 * request that never tracks (an API call, a POST, an error) never pays for reading it. Not API.
 */
public final class RequestTracking {
  /** The request read: its tracker, bound to its subject and level, and its page's URLs. */
  public record Reading(Tracker tracker, String url, String referrer) {}

  private final ConsentDecision consent;
  private List<SelfDescribingJson> entities; // guarded by this
  private boolean finished; // guarded by this
  private Supplier<Reading> reader;
  private volatile Reading reading;
  private volatile String title;
  private volatile boolean suppressed;

  public RequestTracking(ConsentDecision consent, Supplier<Reading> reader) {
    this.consent = consent;
    this.reader = reader;
  }

  private Reading reading() {
    Reading read = reading;
    if (read == null) {
      synchronized (this) {
        read = reading;
        if (read == null) {
          read = reader.get();
          reading = read;
          reader = null;
        }
      }
    }
    return read;
  }

  public Tracker tracker() {
    return reading().tracker();
  }

  public ConsentDecision consent() {
    return consent;
  }

  public String url() {
    return reading().url();
  }

  public String referrer() {
    return reading().referrer();
  }

  public String title() {
    return title;
  }

  public void title(String title) {
    this.title = title;
  }

  public synchronized void addEntity(SelfDescribingJson entity) {
    if (entities == null) {
      entities = new ArrayList<>(1);
    }
    entities.add(entity);
  }

  public synchronized List<SelfDescribingJson> entities() {
    return entities == null ? List.of() : List.copyOf(entities);
  }

  public void suppress() {
    suppressed = true;
  }

  public boolean suppressed() {
    return suppressed;
  }

  /** True the first time only: a request is tracked once, however it ends. */
  public synchronized boolean finish() {
    boolean first = !finished;
    finished = true;
    return first;
  }
}
