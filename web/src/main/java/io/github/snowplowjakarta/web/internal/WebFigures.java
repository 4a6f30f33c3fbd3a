package io.github.snowplowjakarta.web.internal;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.internal.MBeanNames;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import io.github.snowplowjakarta.web.WebTrackingMXBean;
import io.github.snowplowjakarta.web.consent.ConsentDecision;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import javax.management.ObjectName;

/**
 * Page views and events by level and by what decided it, for one {@link PageViewTracking}. Every
 * cell exists from the start (the levels times the consent sources and the fixed names), so
 * counting is an increment and a read takes no lock. Registered in JMX by its owner, the adapter,
 * for as long as it runs. Not API.
 */
public final class WebFigures implements WebTrackingMXBean {
  /** What decided a request's level while it was not decided yet, or if deciding failed. */
  static final String UNDECIDED = "undecided";

  /** What decided an event tracked outside any request: nothing. */
  static final String NO_REQUEST = "no-request";

  private static final ThrottledLogger LOG = new ThrottledLogger(WebFigures.class);
  private static final Anonymisation[] LEVELS = {
    Anonymisation.FULL_TRACKING,
    new Anonymisation(Anonymisation.Level.FULL, true),
    Anonymisation.ANONYMOUS_WITH_SESSION,
    new Anonymisation(Anonymisation.Level.ANONYMOUS_WITH_SESSION, true),
    Anonymisation.ANONYMOUS,
    Anonymisation.ANONYMOUS_SERVER,
    Anonymisation.OFF
  };

  private final Tracker tracker;
  private final String[] levels;
  private final String[] sources;
  private final Map<String, Integer> sourceIndex = new HashMap<>();
  private final int noRequest;
  private final LongAdder[] pageViews;
  private final LongAdder[] events;
  private volatile ObjectName registered;

  /**
   * @param tracker the tracker outside any request, whose own count is the {@code no-request} one
   * @param consentSources the names of the consent sources, in order
   */
  WebFigures(Tracker tracker, List<String> consentSources) {
    this.tracker = tracker;
    this.levels = new String[LEVELS.length];
    for (int i = 0; i < LEVELS.length; i++) {
      levels[i] = LEVELS[i].configName();
    }
    Set<String> names = new LinkedHashSet<>(consentSources);
    names.add(ConsentDecision.DEFAULT);
    names.add(ConsentDecision.UNREADABLE);
    names.add(UNDECIDED);
    names.add(NO_REQUEST);
    this.sources = names.toArray(new String[0]);
    for (int i = 0; i < sources.length; i++) {
      sourceIndex.put(sources[i], i);
    }
    this.noRequest = sourceIndex.get(NO_REQUEST);
    this.pageViews = adders(levels.length * sources.length);
    this.events = adders(levels.length * sources.length);
  }

  private static LongAdder[] adders(int count) {
    LongAdder[] adders = new LongAdder[count];
    for (int i = 0; i < count; i++) {
      adders[i] = new LongAdder();
    }
    return adders;
  }

  private static int level(Anonymisation anonymisation) {
    return anonymisation.tracks()
        ? anonymisation.level().ordinal() * 2 + (anonymisation.serverAnonymisation() ? 1 : 0)
        : LEVELS.length - 1;
  }

  /** The cell of a level and a source; a source not known counts as undecided. */
  private int cell(Anonymisation anonymisation, String source) {
    Integer index = source == null ? null : sourceIndex.get(source);
    return level(anonymisation) * sources.length
        + (index != null ? index : sourceIndex.get(UNDECIDED));
  }

  /** The count a request's tracker at {@code anonymisation}, decided by {@code source}, adds to. */
  LongAdder events(Anonymisation anonymisation, String source) {
    return events[cell(anonymisation, source)];
  }

  void pageView(ConsentDecision decision) {
    pageViews[cell(decision.anonymisation(), decision.source())].increment();
  }

  /** Registers it with the platform MBean server; a failure is logged, never thrown. */
  public void register(String name) {
    try {
      registered = MBeanNames.register(this, "WebTracking", name);
    } catch (Exception | LinkageError e) {
      LOG.log(
          Level.WARNING,
          "Snowplow: figures of '" + name + "' not visible in JMX: " + e + " (tracking goes on)");
    }
  }

  /** Takes it out of the platform MBean server, if it is there. */
  public void unregister() {
    ObjectName objectName = registered;
    registered = null;
    if (objectName == null) {
      return;
    }
    try {
      MBeanNames.unregister(objectName);
    } catch (Exception | LinkageError e) {
      LOG.log(Level.WARNING, "Snowplow: figures not removed from JMX: " + e);
    }
  }

  @Override
  public String getName() {
    ObjectName objectName = registered;
    return objectName == null ? null : MBeanNames.name(objectName);
  }

  @Override
  public String[] getLevels() {
    return levels.clone();
  }

  @Override
  public String[] getConsentSources() {
    return sources.clone();
  }

  @Override
  public long[] getPageViews() {
    return sums(pageViews);
  }

  @Override
  public long[] getEvents() {
    long[] counts = sums(events);
    for (int l = 0; l < LEVELS.length; l++) {
      counts[l * sources.length + noRequest] = tracker.eventsGiven(LEVELS[l]);
    }
    return counts;
  }

  private static long[] sums(LongAdder[] adders) {
    long[] counts = new long[adders.length];
    for (int i = 0; i < adders.length; i++) {
      counts[i] = adders[i].sum();
    }
    return counts;
  }

  @Override
  public long pageViews(String level, String consentSource) {
    int cell = cellOf(level, consentSource);
    return cell < 0 ? 0 : getPageViews()[cell];
  }

  @Override
  public long events(String level, String consentSource) {
    int cell = cellOf(level, consentSource);
    return cell < 0 ? 0 : getEvents()[cell];
  }

  private int cellOf(String level, String consentSource) {
    Integer source = sourceIndex.get(consentSource);
    int l = List.of(levels).indexOf(level);
    return source == null || l < 0 ? -1 : l * sources.length + source;
  }
}
