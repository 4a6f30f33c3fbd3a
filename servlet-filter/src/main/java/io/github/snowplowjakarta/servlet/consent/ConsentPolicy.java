package io.github.snowplowjakarta.servlet.consent;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.ConfigurationException;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides each request's anonymisation. Every source is asked; when several decide, the most
 * restrictive decision wins ({@link Resolution#MOST_RESTRICTIVE}, the default) or the first in
 * order ({@link Resolution#FIRST}); then every cap that applies can only lower it. With no
 * decision, the configured default (anonymous with server anonymisation unless configured
 * otherwise). A signal present but unreadable decides its source's most restrictive answer, so it
 * can never be outvoted by another source's yes.
 */
public final class ConsentPolicy {
  private static final ThrottledLogger LOG = new ThrottledLogger(ConsentPolicy.class);

  public static final List<String> DEFAULT_SOURCES =
      List.of("cookie", "onetrust", "cookiebot", "tcf", "cookieyes", "complianz", "klaro", "gpc");

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

  /** How the decisions of several sources combine. */
  public enum Resolution {
    /** The most restrictive decision wins, whatever the order. */
    MOST_RESTRICTIVE,
    /** The first source in order that decides wins. */
    FIRST
  }

  private final List<ConsentSource> sources;
  private final Resolution resolution;
  private final ConsentDecision fallback;
  private final Anonymisation refused;

  /**
   * @param sources in order
   * @param fallback the level when no source decides
   * @param refused the level a source that fails (throws) counts as deciding
   */
  public ConsentPolicy(
      List<? extends ConsentSource> sources,
      Resolution resolution,
      Anonymisation fallback,
      Anonymisation refused) {
    this.sources = List.copyOf(sources);
    this.resolution = resolution;
    this.fallback = new ConsentDecision(fallback, "no consent signal: default");
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
            ConfigKeys.CONSENT_SOURCES,
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
            level(config, ConfigKeys.CONSENT_GRANTED_LEVEL, "full"),
            level(config, ConfigKeys.CONSENT_REFUSED_LEVEL, "anonymous+server"));
    List<ConsentSource> sources = new ArrayList<>();
    for (String name : config.list(ConfigKeys.CONSENT_SOURCES, DEFAULT_SOURCES)) {
      ConsentSource source = own.remove(name);
      sources.add(source != null ? source : builtIn(name, config, answers, own.keySet()));
    }
    sources.addAll(own.values());
    return new ConsentPolicy(
        sources, resolution(config), config.defaultAnonymisation(), answers.refused());
  }

  private static Resolution resolution(TrackerConfig config) {
    String value = config.string(ConfigKeys.CONSENT_RESOLUTION, "most-restrictive");
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "most-restrictive":
        return Resolution.MOST_RESTRICTIVE;
      case "first":
        return Resolution.FIRST;
      default:
        throw new ConfigurationException(
            ConfigKeys.CONSENT_RESOLUTION,
            "expected most-restrictive or first, was '" + value + "'");
    }
  }

  private static ConsentSource builtIn(
      String name, TrackerConfig config, Answers answers, Iterable<String> own) {
    switch (name) {
      case "cookie":
        return new AppCookieConsent(
            config.string(ConfigKeys.CONSENT_COOKIE_NAME, "sp_consent"), cookieValues(config));
      case "onetrust":
        return new OneTrustConsent(
            config.string(ConfigKeys.CONSENT_ONETRUST_COOKIE, "OptanonConsent"),
            config.string(ConfigKeys.CONSENT_ONETRUST_CLOSED_COOKIE, "OptanonAlertBoxClosed"),
            config.string(ConfigKeys.CONSENT_ONETRUST_GROUP, "C0002"),
            answers);
      case "cookiebot":
        return new CookiebotConsent(
            config.string(ConfigKeys.CONSENT_COOKIEBOT_COOKIE, "CookieConsent"),
            config.string(ConfigKeys.CONSENT_COOKIEBOT_CATEGORY, "statistics"),
            answers);
      case "tcf":
        return new TcfConsent(
            config.list(ConfigKeys.CONSENT_TCF_COOKIES, List.of("euconsent-v2", "eupubconsent-v2")),
            answers);
      case "cookieyes":
        return new CookieYesConsent(
            config.string(ConfigKeys.CONSENT_COOKIEYES_COOKIE, "cookieyes-consent"),
            config.string(ConfigKeys.CONSENT_COOKIEYES_CATEGORY, "analytics"),
            answers);
      case "complianz":
        return new ComplianzConsent(
            config.string(ConfigKeys.CONSENT_COMPLIANZ_COOKIE, "cmplz_statistics"), answers);
      case "klaro":
        return new KlaroConsent(
            config.string(ConfigKeys.CONSENT_KLARO_COOKIE, "klaro"),
            config.string(ConfigKeys.CONSENT_KLARO_SERVICE, "snowplow"),
            answers);
      case "didomi":
        String id = config.string(ConfigKeys.CONSENT_DIDOMI_ID, null);
        if (id == null || id.isBlank()) {
          throw new ConfigurationException(
              ConfigKeys.CONSENT_DIDOMI_ID,
              "the didomi source needs the notice's analytics purpose or vendor id, was not set");
        }
        return new DidomiConsent(
            config.string(ConfigKeys.CONSENT_DIDOMI_COOKIE, "didomi_token"), id.trim(), answers);
      case "gpc":
        return new HeaderCap(
            "gpc", "Sec-GPC", level(config, ConfigKeys.CONSENT_GPC_CAP, "anonymous+server"));
      case "dnt":
        return new HeaderCap(
            "dnt", "DNT", level(config, ConfigKeys.CONSENT_DNT_CAP, "anonymous+server"));
      default:
        throw new ConfigurationException(
            ConfigKeys.CONSENT_SOURCES,
            "expected some of "
                + String.join(", ", BUILT_IN)
                + (own.iterator().hasNext() ? ", " + String.join(", ", own) : "")
                + ", was '"
                + name
                + "'");
    }
  }

  private static Map<String, Anonymisation> cookieValues(TrackerConfig config) {
    Map<String, Anonymisation> values = new LinkedHashMap<>();
    for (String pair :
        config.list(
            ConfigKeys.CONSENT_COOKIE_VALUES,
            List.of("all=full", "session=anonymous-with-session", "none=anonymous+server"))) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new ConfigurationException(
            ConfigKeys.CONSENT_COOKIE_VALUES, "expected value=level pairs, was '" + pair + "'");
      }
      values.put(
          pair.substring(0, equals).trim(),
          level(pair.substring(equals + 1), ConfigKeys.CONSENT_COOKIE_VALUES));
    }
    return values;
  }

  private static Anonymisation level(TrackerConfig config, String key, String defaultValue) {
    return level(config.string(key, defaultValue), key);
  }

  private static Anonymisation level(String name, String key) {
    try {
      return Levels.parse(name);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(key, e.getMessage());
    }
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
      if (decision != null && resolution == Resolution.FIRST && !source.isCap()) {
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
      if (source.isCap()) {
        caps.add(answer.get());
      } else {
        decision = moreRestrictive(decision, answer.get());
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
          source.decide(request).ifPresent(caps::add);
        } catch (RuntimeException e) {
          caps.add(new ConsentDecision(refused, source.name() + " failed"));
        }
      }
    }
    Anonymisation strictest = Levels.mostAnonymous(refused, fallback.anonymisation());
    for (ConsentSource source : sources) {
      if (source instanceof CookieSource cookieSource) {
        strictest = Levels.mostAnonymous(strictest, cookieSource.strictest());
      }
    }
    return capped(new ConsentDecision(strictest, why + ": not read"), caps);
  }

  private static ConsentDecision capped(ConsentDecision decision, List<ConsentDecision> caps) {
    ConsentDecision result = decision;
    for (ConsentDecision cap : caps) {
      Anonymisation capped = Levels.mostAnonymous(result.anonymisation(), cap.anonymisation());
      if (!capped.equals(result.anonymisation())) {
        result = new ConsentDecision(capped, result.reason() + ", capped by " + cap.reason());
      }
    }
    return result;
  }

  /** The more restrictive of two decisions, the earlier on a tie; null counts as no decision. */
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
                a.reason() + "; " + b.reason());
  }
}
