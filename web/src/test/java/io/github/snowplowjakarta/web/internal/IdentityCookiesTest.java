package io.github.snowplowjakarta.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class IdentityCookiesTest {
  private final IdentityCookies cookies = new IdentityCookies("_sp_", null, Clock.systemUTC());

  @Test
  void theRememberedHashIsAlwaysTheHostsOwn() {
    for (String host :
        new String[] {"example.com", "www.example.com", "example.com", "localhost"}) {
      assertThat(cookies.suffix(host)).isEqualTo(IdentityCookies.hash(host + "/"));
    }
    assertThat(cookies.suffix("example.com")).isEqualTo("8809");
    assertThat(cookies.suffix("example.com")).isEqualTo("8809");
  }
}
