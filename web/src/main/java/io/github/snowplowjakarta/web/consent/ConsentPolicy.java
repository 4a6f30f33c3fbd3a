package io.github.snowplowjakarta.web.consent;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.ConfigKeys.ConsentResolution;
import io.github.snowplowjakarta.core.config.ConfigurationException;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides each request's anonymisation. Every source is asked; when several decide, the most
 * restrictive decision wins ({@link ConsentResolution#MOST_RESTRICTIVE}, the default) or the first
 * in order ({@link ConsentResolution#FIRST}); then every cap that applies can only lower it. With
 * no decision, the configured default (anonymous with server anonymisation unless configured
 * otherwise). A signal present but unreadable decides its source's most restrictive answer, so it
 * can never be outvoted by another source's yes.
 */
public final class ConsentPolicy {
  private static final ThrottledLogger LOG = new ThrottledLogger(ConsentPolicy.class);

  private static final List<String> BUILT_IN =
      List.of(
          "cookie",
          "onetrust",
          "cookiebot",
          "tcf",
          "cookieyes",
          "complianz",
          "klaro",
          "didomi",
          "gpc",
          "dnt");

  private final List<ConsentSource> sources;
  private final ConsentResolution resolution;
  private final ConsentDecision fallback;
  private final Anonymisation refused;

  /**
   * @param sources in order
   * @param fallback the level when no source decides
   * @param refused the level a source that fails (throws) counts as deciding
   */
  public ConsentPolicy(
      List<? extends ConsentSource> sources,
      ConsentResolution resolution,
      Anonymisation fallback,
      Anonymisation refused) {
    this.sources = List.copyOf(sources);
    this.resolution = resolution;
    this.fallback =
        new ConsentDecision(fallback, "no consent signal: default", ConsentDecision.DEFAULT);
    this.refused = refused;
  }

  /**
   * The policy the configuration describes, with the application's own sources: each is placed
   * where {@code snowplow.consent.sources} names it, or else after the sources named there.
   */
  public static ConsentPolicy fromConfig(
      TrackerConfig config, List<? extends ConsentSource> registered) {
    Map<String, ConsentSource> own = new LinkedHashMap<>();
    for (ConsentSource source : registered) {
      String name = source.name();
      if (name == null || BUILT_IN.contains(name) || own.containsKey(name)) {
        throw new ConfigurationException(
            ConfigKeys.CONSENT_SOURCES.name(),
            "consent source "
                + source.getClass().getName()
                + " needs a name of its own, was '"
                + name
                + "'");
      }
      own.put(name, source);
    }
    Answers answers =
        new Answers(
            config.get(ConfigKeys.CONSENT_GRANTED_LEVEL),
            config.get(ConfigKeys.CONSENT_REFUSED_LEVEL));
    List<ConsentSource> sources = new ArrayList<>();
    for (String name : config.get(ConfigKeys.CONSENT_SOURCES)) {
      ConsentSource source = own.remove(name);
      sources.add(source != null ? source : builtIn(name, config, answers, own.keySet()));
    }
    sources.addAll(own.values());
    return new ConsentPolicy(
        sources,
        config.get(ConfigKeys.CONSENT_RESOLUTION),
        config.defaultAnonymisation(),
        answers.refused());
  }

  private static ConsentSource builtIn(
      String name, TrackerConfig config, Answers answers, Iterable<String> own) {
    switch (name) {
      case "cookie":
        return new AppCookieConsent(
            config.get(ConfigKeys.CONSENT_COOKIE_NAME), cookieValues(config));
      case "onetrust":
        return new OneTrustConsent(
            config.get(ConfigKeys.CONSENT_ONETRUST_COOKIE),
            config.get(ConfigKeys.CONSENT_ONETRUST_CLOSED_COOKIE),
            config.get(ConfigKeys.CONSENT_ONETRUST_GROUP),
            answers);
      case "cookiebot":
        return new CookiebotConsent(
            config.get(ConfigKeys.CONSENT_COOKIEBOT_COOKIE),
            config.get(ConfigKeys.CONSENT_COOKIEBOT_CATEGORY),
            answers);
      case "tcf":
        return new TcfConsent(config.get(ConfigKeys.CONSENT_TCF_COOKIES), answers);
      case "cookieyes":
        return new CookieYesConsent(
            config.get(ConfigKeys.CONSENT_COOKIEYES_COOKIE),
            config.get(ConfigKeys.CONSENT_COOKIEYES_CATEGORY),
            answers);
      case "complianz":
        return new ComplianzConsent(config.get(ConfigKeys.CONSENT_COMPLIANZ_COOKIE), answers);
      case "klaro":
        return new KlaroConsent(
            config.get(ConfigKeys.CONSENT_KLARO_COOKIE),
            config.get(ConfigKeys.CONSENT_KLARO_SERVICE),
            answers);
      case "didomi":
        String id = config.get(ConfigKeys.CONSENT_DIDOMI_ID);
        if (id == null) {
          throw new ConfigurationException(
              ConfigKeys.CONSENT_DIDOMI_ID.name(),
              "the didomi source needs the notice's analytics purpose or vendor id, was not set");
        }
        return new DidomiConsent(config.get(ConfigKeys.CONSENT_DIDOMI_COOKIE), id, answers);
      case "gpc":
        return new HeaderCap("gpc", "Sec-GPC", config.get(ConfigKeys.CONSENT_GPC_CAP));
      case "dnt":
        return new HeaderCap("dnt", "DNT", config.get(ConfigKeys.CONSENT_DNT_CAP));
      default:
        throw new ConfigurationException(
            ConfigKeys.CONSENT_SOURCES.name(),
            "expected some of "
                + String.join(", ", BUILT_IN)
                + (own.iterator().hasNext() ? ", " + String.join(", ", own) : "")
                + ", was '"
                + name
                + "'");
    }
  }

  /** The application consent cookie's values and their levels, as configured. */
  public static Map<String, Anonymisation> cookieValues(TrackerConfig config) {
    Map<String, Anonymisation> values = new LinkedHashMap<>();
    for (String pair : config.get(ConfigKeys.CONSENT_COOKIE_VALUES)) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new ConfigurationException(
            ConfigKeys.CONSENT_COOKIE_VALUES.name(),
            "expected value=level pairs, was '" + pair + "'");
      }
      values.put(
          pair.substring(0, equals).trim(),
          level(pair.substring(equals + 1), ConfigKeys.CONSENT_COOKIE_VALUES.name()));
    }
    return values;
  }

  private static Anonymisation level(String name, String key) {
    try {
      return Levels.parse(name);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(key, e.getMessage());
    }
  }

  /**
   * Whether every source reads only the request's cookies and headers: then the decision is the
   * same whenever it is taken during the request.
   */
  public boolean readsOnlyCookiesAndHeaders() {
    for (ConsentSource source : sources) {
      if (!source.readsOnlyCookiesAndHeaders()) {
        return false;
      }
    }
    return true;
  }

  /** The sources in the order they are asked. */
  public List<ConsentSource> sources() {
    return sources;
  }

  /** The decision for one request. Never throws: a source that fails counts as refusing. */
  public ConsentDecision decide(ConsentRequest request) {
    ConsentDecision decision = null;
    List<ConsentDecision> caps = new ArrayList<>(1);
    for (ConsentSource source : sources) {
      if (decision != null && resolution == ConsentResolution.FIRST && !source.isCap()) {
        continue;
      }
      Optional<ConsentDecision> answer;
      try {
        answer = source.decide(request);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Snowplow: consent source " + source.name() + " failed: " + e);
        answer = Optional.of(new ConsentDecision(refused, source.name() + " failed"));
      }
      if (answer == null || answer.isEmpty()) {
        continue;
      }
      ConsentDecision sourced = answer.get().from(source.name());
      if (source.isCap()) {
        caps.add(sourced);
      } else {
        decision = moreRestrictive(decision, sourced);
      }
    }
    return capped(decision != null ? decision : fallback, caps);
  }

  /**
   * The decision for a request whose cookies could not all be read (a {@code Cookie} header over
   * the size the filter reads): the most restrictive of the refused level and the default, then the
   * caps.
   */
  public ConsentDecision unreadable(ConsentRequest request, String why) {
    List<ConsentDecision> caps = new ArrayList<>(1);
    for (ConsentSource source : sources) {
      if (source.isCap()) {
        try {
          source.decide(request).ifPresent(cap -> caps.add(cap.from(source.name())));
        } catch (RuntimeException e) {
          caps.add(new ConsentDecision(refused, source.name() + " failed", source.name()));
        }
      }
    }
    Anonymisation strictest = Levels.mostAnonymous(refused, fallback.anonymisation());
    for (ConsentSource source : sources) {
      if (source instanceof CookieSource cookieSource) {
        strictest = Levels.mostAnonymous(strictest, cookieSource.strictest());
      }
    }
    return capped(
        new ConsentDecision(strictest, why + ": not read", ConsentDecision.UNREADABLE), caps);
  }

  private static ConsentDecision capped(ConsentDecision decision, List<ConsentDecision> caps) {
    ConsentDecision result = decision;
    for (ConsentDecision cap : caps) {
      Anonymisation capped = Levels.mostAnonymous(result.anonymisation(), cap.anonymisation());
      if (!capped.equals(result.anonymisation())) {
        result =
            new ConsentDecision(
                capped, result.reason() + ", capped by " + cap.reason(), cap.source());
      }
    }
    return result;
  }

  /**
   * The more restrictive of two decisions, the earlier on a tie; null counts as no decision. Two
   * that each restrict something the other does not make a mix, counted as the earlier one's.
   */
  static ConsentDecision moreRestrictive(ConsentDecision a, ConsentDecision b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return Levels.atMostAsPermissive(a.anonymisation(), b.anonymisation())
        ? a
        : Levels.mostAnonymous(a.anonymisation(), b.anonymisation()).equals(b.anonymisation())
            ? b
            : new ConsentDecision(
                Levels.mostAnonymous(a.anonymisation(), b.anonymisation()),
                a.reason() + "; " + b.reason(),
                a.source());
  }
}
