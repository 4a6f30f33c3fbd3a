package io.github.snowplowjakarta.servlet.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.snowplowjakarta.servlet.internal.Cookies;
import java.io.IOException;
import java.util.Optional;

/** Klaro's {@code klaro} cookie: URL-encoded JSON of service name to true or false. */
final class KlaroConsent implements ConsentResolver {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String service;

  KlaroConsent(String service) {
    this.service = service;
  }

  @Override
  public Optional<ConsentDecision> resolve(ConsentRequest request) {
    String value = Cookies.decode(request.cookie("klaro"));
    if (value == null || value.length() > 8192) {
      return Optional.empty();
    }
    try {
      JsonNode answer = MAPPER.readTree(value).get(service);
      if (answer != null && answer.isBoolean()) {
        return CmpAnswer.of(answer.booleanValue(), "Klaro " + service + " = " + answer);
      }
    } catch (IOException | RuntimeException notJson) {
      // Malformed: this source has nothing to say.
    }
    return Optional.empty();
  }
}
