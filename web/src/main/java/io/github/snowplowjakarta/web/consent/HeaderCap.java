package io.github.snowplowjakarta.web.consent;

import io.github.snowplowjakarta.core.Anonymisation;
import java.util.Optional;

/**
 * A privacy header that can only lower the level: {@code Sec-GPC: 1} (Global Privacy Control) or
 * {@code DNT: 1} (Do Not Track).
 */
final class HeaderCap implements ConsentSource {
  private final String name;
  private final String header;
  private final Anonymisation cap;

  HeaderCap(String name, String header, Anonymisation cap) {
    this.name = name;
    this.header = header;
    this.cap = cap;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<ConsentDecision> decide(ConsentRequest request) {
    String value = request.header(header);
    return value != null && value.trim().equals("1")
        ? Optional.of(new ConsentDecision(cap, header + ": 1"))
        : Optional.empty();
  }

  @Override
  public boolean isCap() {
    return true;
  }

  @Override
  public boolean readsOnlyCookiesAndHeaders() {
    return true;
  }
}
