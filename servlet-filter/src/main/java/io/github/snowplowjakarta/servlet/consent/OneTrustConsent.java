package io.github.snowplowjakarta.servlet.consent;

import io.github.snowplowjakarta.servlet.internal.Cookies;
import java.util.Optional;

/**
 * OneTrust's {@code OptanonConsent} cookie: a query string whose {@code groups} lists {@code
 * id:1|0}. Before the visitor interacted with the banner the groups are only defaults, so they do
 * not decide.
 */
final class OneTrustConsent implements ConsentResolver {
  private final String group;

  OneTrustConsent(String group) {
    this.group = group;
  }

  @Override
  public Optional<ConsentDecision> resolve(ConsentRequest request) {
    String raw = request.cookie("OptanonConsent");
    if (raw == null) {
      return Optional.empty();
    }
    String groups = null;
    String interactionCount = null;
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String key = pair.substring(0, equals);
      if (key.equals("groups")) {
        groups = Cookies.decode(pair.substring(equals + 1));
      } else if (key.equals("interactionCount")) {
        interactionCount = pair.substring(equals + 1);
      }
    }
    boolean interacted =
        request.cookie("OptanonAlertBoxClosed") != null
            || (interactionCount != null && !interactionCount.equals("0"));
    if (groups == null || !interacted) {
      return Optional.empty();
    }
    for (String entry : groups.split(",")) {
      int colon = entry.indexOf(':');
      if (colon > 0 && entry.substring(0, colon).trim().equals(group)) {
        String flag = entry.substring(colon + 1).trim();
        if (flag.equals("1") || flag.equals("0")) {
          return CmpAnswer.of(flag.equals("1"), "OneTrust group " + group + " = " + flag);
        }
      }
    }
    return Optional.empty();
  }
}
