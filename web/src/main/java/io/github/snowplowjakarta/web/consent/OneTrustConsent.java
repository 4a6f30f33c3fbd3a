package io.github.snowplowjakarta.web.consent;

import java.util.List;

/**
 * OneTrust's {@code OptanonConsent} cookie (name configurable): a query string whose {@code groups}
 * lists {@code id:1|0}. Group ids are matched in both forms OneTrust tenants use, {@code C0002} and
 * the older numeric {@code 2}. Before the visitor interacted with the banner ({@code
 * OptanonAlertBoxClosed} absent and {@code interactionCount=0}) the groups are only defaults, and
 * decide nothing. With {@code AwaitingReconsent=true} OneTrust is asking the visitor again, so the
 * stored choice is out of date: its no still refuses, its yes decides nothing.
 */
final class OneTrustConsent extends CookieSource {
  private final String closedCookie;
  private final String group;
  private final String groupKey;

  OneTrustConsent(String cookie, String closedCookie, String group, Answers answers) {
    super("onetrust", List.of(cookie), answers);
    this.closedCookie = closedCookie;
    this.group = group;
    this.groupKey = groupKey(group);
  }

  /**
   * {@code C0002}, {@code c2}, {@code 0002} and {@code 2} are one group; other ids stay as they
   * are.
   */
  static String groupKey(String id) {
    String text = id.trim();
    String digits =
        text.length() > 1 && (text.charAt(0) == 'C' || text.charAt(0) == 'c')
            ? text.substring(1)
            : text;
    if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
      return text;
    }
    return Integer.toString(Integer.parseInt(digits));
  }

  @Override
  ConsentDecision read(String raw, ConsentRequest request) {
    String groups = null;
    String interactionCount = null;
    boolean awaitingReconsent = false;
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String key = pair.substring(0, equals);
      String value = ConsentRequest.decode(pair.substring(equals + 1)).trim();
      switch (key) {
        case "groups" -> groups = value;
        case "interactionCount" -> interactionCount = value;
        case "AwaitingReconsent" -> awaitingReconsent = value.equalsIgnoreCase("true");
        default -> {
          // Not needed.
        }
      }
    }
    boolean interacted =
        request.cookie(closedCookie) != null
            || (interactionCount != null && !interactionCount.equals("0"));
    if (!interacted) {
      return null;
    }
    if (groups == null) {
      return answers.unreadable("OneTrust cookie");
    }
    for (String entry : groups.split(",")) {
      int colon = entry.indexOf(':');
      if (colon > 0 && groupKey(entry.substring(0, colon)).equals(groupKey)) {
        String flag = entry.substring(colon + 1).trim();
        if (!flag.equals("1") && !flag.equals("0")) {
          return answers.unreadable("OneTrust cookie");
        }
        if (awaitingReconsent && flag.equals("1")) {
          return null;
        }
        return answers.of(flag.equals("1"), "OneTrust group " + group + " = " + flag);
      }
    }
    return null;
  }
}
