package io.github.snowplowjakarta.web.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * Klaro's {@code klaro} cookie (its {@code cookieName}, configurable): URL-encoded JSON of service
 * name to true or false. A service it does not list decides nothing.
 */
final class KlaroConsent extends CookieSource {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_LENGTH = 8192;

  private final String service;

  KlaroConsent(String cookie, String service, Answers answers) {
    super("klaro", List.of(cookie), answers);
    this.service = service;
  }

  @Override
  ConsentDecision read(String raw, ConsentRequest request) {
    if (raw.length() > MAX_LENGTH) {
      return answers.unreadable("Klaro cookie");
    }
    JsonNode json;
    try {
      json = MAPPER.readTree(ConsentRequest.decode(raw));
    } catch (IOException notJson) {
      return answers.unreadable("Klaro cookie");
    }
    if (json == null || !json.isObject()) {
      return answers.unreadable("Klaro cookie");
    }
    JsonNode answer = json.get(service);
    if (answer == null) {
      return null;
    }
    if (!answer.isBoolean()) {
      return answers.unreadable("Klaro cookie");
    }
    return answers.of(answer.booleanValue(), "Klaro " + service + " = " + answer);
  }
}
