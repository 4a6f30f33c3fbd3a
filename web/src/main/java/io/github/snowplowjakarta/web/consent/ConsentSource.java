package io.github.snowplowjakarta.web.consent;

import java.util.Optional;

/**
 * One source of consent: a consent platform's cookie, a privacy header, or the application's own
 * record (a session attribute, a cookie of its own). Implement it to add a source; hand it to the
 * filter with {@code SnowplowFilter.consentSource}, list the class in {@code
 * META-INF/services/io.github.snowplowjakarta.web.consent.ConsentSource}, or (with the CDI
 * extension) make it a CDI bean. Its {@link #name()} places it in {@code snowplow.consent.sources};
 * a source not named there is asked after the named ones.
 *
 * <p>A source either decides or caps. When several decide, the most restrictive decision wins
 * (unless {@code snowplow.consent.resolution=first}); every cap that applies can then only lower
 * the level. A source that finds its signal but cannot read it (malformed, too long) should decide
 * its most restrictive answer, never nothing: an unreadable "no" must not let another source's
 * "yes" through. It must not throw; one that does is counted as deciding the configured refused
 * level ({@code snowplow.consent.refused-level}).
 */
public interface ConsentSource {
  /** The name that places it in {@code snowplow.consent.sources}, such as {@code session}. */
  String name();

  /** The decision this source makes for the request, or empty when it has nothing to say. */
  Optional<ConsentDecision> decide(ConsentRequest request);

  /** Whether this source only ever lowers the level, like Global Privacy Control. */
  default boolean isCap() {
    return false;
  }

  /**
   * Whether this source reads nothing but the request's cookies and headers, which stay the same
   * throughout the request. When every source does (as the built-in ones do), a request's consent
   * is decided when first needed, and a request that tracks nothing (an API call, a POST) never
   * asks. When one does not (the default: it may read a session attribute the application sets
   * during the request), every request is decided as it comes in.
   */
  default boolean readsOnlyCookiesAndHeaders() {
    return false;
  }
}
