package io.github.snowplowjakarta.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.quarkus.deployment.QuarkusApps.Received;
import java.util.List;

/** The consent journey's expectations, shared by the servlet and the quarkus-rest tests. */
final class Journeys {
  static final String DUID = "c8e4b7a2-3f1d-4e5a-9b6c-7d8e9f0a1b2c";
  static final String SID = "0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e";

  /** The JavaScript tracker's identity cookies, as a returning visitor's browser sends them. */
  static final String IDENTITY =
      "_sp_id.1fff="
          + DUID
          + ".1700000000.3.1700000500.1699990000."
          + SID
          + ".aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee.ffffffff-1111-4222-8333-444444444444.1700000000123.7"
          + "; _sp_ses.1fff=*";

  /** The visitor's choices: the consent cookie sent, or none for a visitor who has not chosen. */
  enum Choice {
    ALL("sp_consent=all", true, true, true, false),
    SESSION("sp_consent=session", false, true, true, false),
    NONE("sp_consent=none", false, false, false, true),
    NO_CHOICE(null, false, false, false, true);

    final String cookie;
    final boolean duid;
    final boolean sid;
    final boolean ip;
    final boolean anonymous;

    Choice(String cookie, boolean duid, boolean sid, boolean ip, boolean anonymous) {
      this.cookie = cookie;
      this.duid = duid;
      this.sid = sid;
      this.ip = ip;
      this.anonymous = anonymous;
    }

    String cookies() {
      return cookie == null ? IDENTITY : cookie + "; " + IDENTITY;
    }

    String marker() {
      return "case=" + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private Journeys() {}

  /** Every event whose field {@code key} ends with {@code marker}, with its request. */
  static List<Seen> seen(String key, String marker) {
    return QuarkusApps.requests().stream()
        .flatMap(
            r ->
                r.events().stream()
                    .filter(e -> e.has(key) && e.get(key).asText().endsWith(marker))
                    .map(e -> new Seen(r, e)))
        .toList();
  }

  record Seen(Received request, JsonNode event) {}

  /** The event was tracked at the level the choice gives, and its request said so. */
  static void atTheLevelOf(Choice choice, Seen seen) {
    JsonNode event = seen.event();
    assertThat(event.has("duid")).as(choice + ": duid").isEqualTo(choice.duid);
    if (choice.duid) {
      assertThat(event.get("duid").asText()).isEqualTo(DUID);
    }
    assertThat(event.has("sid")).as(choice + ": sid").isEqualTo(choice.sid);
    assertThat(event.has("ip")).as(choice + ": ip").isEqualTo(choice.ip);
    assertThat(seen.request().anonymous())
        .as(choice + ": SP-Anonymous")
        .isEqualTo(choice.anonymous);
  }
}
