package io.github.snowplowjakarta.servlet.consent;

import io.github.snowplowjakarta.core.Anonymisation;
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
  public static final List<String> DEFAULT_SOURCES =
      List.of("cookie", "onetrust", "cookiebot", "tcf", "cookieyes", "complianz", "klaro", "gpc");

  private final List<ConsentResolver> resolvers;
  private final ConsentDecision fallback;

  public ConsentPolicy(List<ConsentResolver> resolvers, Anonymisation fallback) {
    this.resolvers = List.copyOf(resolvers);
    this.fallback = new ConsentDecision(fallback, "no consent signal: default");
  }

  /** The policy the configuration describes. */
  public static ConsentPolicy fromConfig(TrackerConfig config) {
    List<ConsentResolver> resolvers = new ArrayList<>();
    for (String source : config.list(ConfigKeys.CONSENT_SOURCES, DEFAULT_SOURCES)) {
      resolvers.add(resolver(source, config));
    }
    return new ConsentPolicy(resolvers, config.defaultAnonymisation());
  }

  private static ConsentResolver resolver(String source, TrackerConfig config) {
    switch (source) {
      case "cookie":
        return new AppCookieConsent(
            config.string(ConfigKeys.CONSENT_COOKIE_NAME, "sp_consent"), cookieValues(config));
      case "onetrust":
        return new OneTrustConsent(config.string(ConfigKeys.CONSENT_ONETRUST_GROUP, "C0002"));
      case "cookiebot":
        return new CookiebotConsent(
            config.string(ConfigKeys.CONSENT_COOKIEBOT_CATEGORY, "statistics"));
      case "tcf":
        return new TcfConsent();
      case "cookieyes":
        return new CookieYesConsent(
            config.string(ConfigKeys.CONSENT_COOKIEYES_CATEGORY, "analytics"));
      case "complianz":
        return new ComplianzConsent();
      case "klaro":
        return new KlaroConsent(config.string(ConfigKeys.CONSENT_KLARO_SERVICE, "snowplow"));
      case "gpc":
        return new HeaderCap(
            "Sec-GPC", level(config, ConfigKeys.CONSENT_GPC_CAP, "anonymous+server"));
      case "dnt":
        return new HeaderCap("DNT", level(config, ConfigKeys.CONSENT_DNT_CAP, "anonymous+server"));
      default:
        throw new ConfigurationException(
            ConfigKeys.CONSENT_SOURCES,
            "expected some of cookie, onetrust, cookiebot, tcf, cookieyes, complianz, klaro, gpc,"
                + " dnt, was '"
                + source
                + "'");
    }
  }

  /** The application consent cookie's values and their levels, as configured. */
  public static Map<String, Anonymisation> cookieValues(TrackerConfig config) {
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
