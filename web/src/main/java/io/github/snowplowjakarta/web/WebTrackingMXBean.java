package io.github.snowplowjakarta.web;

/**
 * What JMX shows of one web tracking (a servlet filter, a framework's adapter), registered as
 * {@code io.github.snowplowjakarta:type=WebTracking,name=<name>} while it runs: page views and
 * events by the level they were tracked at ({@link #getLevels}, the configuration's names such as
 * {@code anonymous+server}) and by what decided that level ({@link #getConsentSources}: each
 * consent source's name, {@code default}, {@code unreadable}, {@code undecided}, and {@code
 * no-request} for events tracked outside any request). Counts since the start. The arrays hold one
 * count per level and source, level by level: the count for level {@code l} and source {@code s} is
 * at {@code l * getConsentSources().length + s}. The attributes are API, as operators' queries name
 * them; it is public, in an exported package, because JMX reads it by reflection.
 */
public interface WebTrackingMXBean {
  /** The name, as in the object name. */
  String getName();

  /** The levels, in the order the arrays have them. */
  String[] getLevels();

  /** What may decide a level, in the order the arrays have them. */
  String[] getConsentSources();

  /** Page views tracked, by level and source. */
  long[] getPageViews();

  /**
   * Events given to the request's trackers (page views, the application's events, consent events)
   * and, under {@code no-request}, to the tracker outside any request; sent, dropped or withheld.
   */
  long[] getEvents();

  /** Page views at {@code level} decided by {@code consentSource}; 0 for names not listed. */
  long pageViews(String level, String consentSource);

  /** Events at {@code level} decided by {@code consentSource}; 0 for names not listed. */
  long events(String level, String consentSource);
}
