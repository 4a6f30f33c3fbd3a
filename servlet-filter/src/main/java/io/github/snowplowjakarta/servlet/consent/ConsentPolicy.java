package io.github.snowplowjakarta.servlet.consent;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.config.ConfigKey;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.ConfigurationException;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides each request's anonymisation: the first resolver that decides wins, then every cap that
 * applies lowers it; with no decision, the configured default (anonymous with server anonymisation
 * unless configured otherwise).
 */
public final class ConsentPolicy {
  private final List<ConsentResolver> resolvers;
  private final ConsentDecision fallback;

  public ConsentPolicy(List<ConsentResolver> resolvers, Anonymisation fallback) {
    this.resolvers = List.copyOf(resolvers);
    this.fallback = new ConsentDecision(fallback, "no consent signal: default");
  }

  /** The policy the configuration describes. */
  public static ConsentPolicy fromConfig(TrackerConfig config) {
    List<ConsentResolver> resolvers = new ArrayList<>();
    for (String source : config.get(ConfigKeys.CONSENT_SOURCES)) {
      resolvers.add(resolver(source, config));
    }
    return new ConsentPolicy(resolvers, config.defaultAnonymisation());
  }

  private static ConsentResolver resolver(String source, TrackerConfig config) {
    switch (source) {
      case "cookie":
        return new AppCookieConsent(
            config.get(ConfigKeys.CONSENT_COOKIE_NAME), cookieValues(config));
      case "onetrust":
        return new OneTrustConsent(config.get(ConfigKeys.CONSENT_ONETRUST_GROUP));
      case "cookiebot":
        return new CookiebotConsent(config.get(ConfigKeys.CONSENT_COOKIEBOT_CATEGORY));
      case "tcf":
        return new TcfConsent();
      case "cookieyes":
        return new CookieYesConsent(config.get(ConfigKeys.CONSENT_COOKIEYES_CATEGORY));
      case "complianz":
        return new ComplianzConsent();
      case "klaro":
        return new KlaroConsent(config.get(ConfigKeys.CONSENT_KLARO_SERVICE));
      case "gpc":
        return new HeaderCap("Sec-GPC", level(config, ConfigKeys.CONSENT_GPC_CAP));
      case "dnt":
        return new HeaderCap("DNT", level(config, ConfigKeys.CONSENT_DNT_CAP));
      default:
        throw new ConfigurationException(
            ConfigKeys.CONSENT_SOURCES.name(),
            "expected some of cookie, onetrust, cookiebot, tcf, cookieyes, complianz, klaro, gpc,"
                + " dnt, was '"
                + source
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

  private static Anonymisation level(TrackerConfig config, ConfigKey<String> key) {
    return level(config.get(key), key.name());
  }

  private static Anonymisation level(String name, String key) {
    try {
      return Levels.parse(name);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(key, e.getMessage());
    }
  }

  /** The decision for one request. Never throws: a resolver that fails is skipped. */
  public ConsentDecision decide(ConsentRequest request) {
    ConsentDecision decision = null;
    List<ConsentDecision> caps = new ArrayList<>(1);
    for (ConsentResolver resolver : resolvers) {
      if (decision != null && !resolver.isCap()) {
        continue;
      }
      Optional<ConsentDecision> answer;
      try {
        answer = resolver.resolve(request);
      } catch (RuntimeException e) {
        continue;
      }
      if (answer.isPresent()) {
        if (resolver.isCap()) {
          caps.add(answer.get());
        } else {
          decision = answer.get();
        }
      }
    }
    ConsentDecision result = decision != null ? decision : fallback;
    for (ConsentDecision cap : caps) {
      Anonymisation capped = Levels.mostAnonymous(result.anonymisation(), cap.anonymisation());
      if (!capped.equals(result.anonymisation())) {
        result = new ConsentDecision(capped, result.reason() + ", capped by " + cap.reason());
      }
    }
    return result;
  }
}
