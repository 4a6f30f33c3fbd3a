package io.github.snowplowjakarta.servlet.internal;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import io.github.snowplowjakarta.servlet.consent.ConsentDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** One request's tracking state, kept in a request attribute. Not API. */
public final class RequestTracking {
  private final Tracker tracker;
  private final ConsentDecision consent;
  private final String url;
  private final String referrer;
  private final boolean pageView;
  private final List<SelfDescribingJson> entities = new ArrayList<>(1);
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile String title;
  private volatile boolean suppressed;

  public RequestTracking(
      Tracker tracker, ConsentDecision consent, String url, String referrer, boolean pageView) {
    this.tracker = tracker;
    this.consent = consent;
    this.url = url;
    this.referrer = referrer;
    this.pageView = pageView;
  }

  /** Whether the include and exclude patterns let this request have a page view. */
  public boolean pageView() {
    return pageView;
  }

  public Tracker tracker() {
    return tracker;
  }

  public ConsentDecision consent() {
    return consent;
  }

  public String url() {
    return url;
  }

  public String referrer() {
    return referrer;
  }

  public String title() {
    return title;
  }

  public void title(String title) {
    this.title = title;
  }

  public synchronized void addEntity(SelfDescribingJson entity) {
    entities.add(entity);
  }

  public synchronized List<SelfDescribingJson> entities() {
    return List.copyOf(entities);
  }

  public void suppress() {
    suppressed = true;
  }

  public boolean suppressed() {
    return suppressed;
  }

  /** True the first time only: a request is tracked once, however it ends. */
  public boolean finish() {
    return finished.compareAndSet(false, true);
  }
}
