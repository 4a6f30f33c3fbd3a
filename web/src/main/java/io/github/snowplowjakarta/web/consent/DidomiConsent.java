package io.github.snowplowjakarta.web.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Didomi's {@code didomi_token} cookie (name configurable): base64 of JSON whose {@code
 * purposes.enabled}/{@code .disabled} and {@code vendors.enabled}/{@code .disabled} list the custom
 * purposes and vendors the visitor allowed or refused. The configured id (the notice's analytics
 * purpose, or the custom vendor for Snowplow, such as {@code c:snowplow-AbCd1234}) is looked up in
 * both: disabled anywhere refuses, else enabled anywhere grants, else the token decides nothing.
 * The IAB purposes of a TCF notice are in {@code euconsent-v2}: the {@code tcf} source.
 */
final class DidomiConsent extends CookieSource {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_LENGTH = 16 * 1024;

  private final String id;

  DidomiConsent(String cookie, String id, Answers answers) {
    super("didomi", List.of(cookie), answers);
    this.id = id;
  }

  @Override
  ConsentDecision read(String raw, ConsentRequest request) {
    if (raw.length() > MAX_LENGTH) {
      return answers.unreadable("Didomi token");
    }
    JsonNode token;
    try {
      String text = ConsentRequest.decode(raw).trim().replace('-', '+').replace('_', '/');
      token = MAPPER.readTree(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException malformed) {
      return answers.unreadable("Didomi token");
    }
    if (token == null || !token.isObject()) {
      return answers.unreadable("Didomi token");
    }
    if (listed(token, "disabled")) {
      return answers.of(false, "Didomi " + id + " disabled");
    }
    if (listed(token, "enabled")) {
      return answers.of(true, "Didomi " + id + " enabled");
    }
    return null;
  }

  private boolean listed(JsonNode token, String state) {
    for (String group : new String[] {"purposes", "vendors"}) {
      JsonNode ids = token.path(group).path(state);
      if (ids.isArray()) {
        for (JsonNode listed : ids) {
          if (listed.isTextual() && listed.textValue().equals(id)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
