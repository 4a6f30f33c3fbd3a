package io.github.snowplowjakarta.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The filter's internal parsers on malformed input: nothing thrown, nothing hostile kept. */
class MalformedInputTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".",
        ".........",
        "..........",
        "%",
        "%zz.1.2.3.4.5",
        "a b.1.1.1.1.not-a-uuid",
        "x.1.1.1.1.7ed8a6bf-48f4-4d7c-9a4a-1b2c3d4e5f60...1.99999999999999999999",
        "evil%3B%20Domain%3Dx.1.1.1.1.1",
        "undefined.undefined.undefined.undefined.undefined.undefined"
      })
  void aMalformedIdCookieGivesNoIdentifierItCannotVouchFor(String value) {
    Cookies cookies = Cookies.of("_sp_id.1fff=" + value + "; _sp_ses.1fff=*");

    BrowserIdentity identity = BrowserIdentity.read(cookies, "_sp_");

    if (identity.domainUserId() != null) {
      assertThat(identity.domainUserId()).matches("[A-Za-z0-9_-]{1,128}");
    }
    if (identity.sessionId() != null) {
      assertThat(identity.sessionId()).matches("[0-9a-f-]{36}");
      assertThat(identity.sessionIndex()).isNotNull().isNotNegative();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "\"",
        "[",
        "[]",
        "[::1",
        "999.1.1.1",
        "1.2.3",
        "1.2.3.4.5",
        "::::::::::",
        "unknown",
        "_hidden",
        ":80",
        "\"\"",
        "0x7f.1.1.1"
      })
  void aMalformedForwardedHopIsNoAddress(String hop) {
    assertThat(ClientAddress.literalOrNull(hop)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.0.2.1", "192.0.2.1:80", "[2001:db8::1]:4711", "\"[::1]\""})
  void aWellFormedHopIsAnAddress(String hop) {
    assertThat(ClientAddress.literalOrNull(hop)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ";", "=", "a", "_sp_id.", "_sp_ses.=", "; ; ;", "\"\"=\"\""})
  void aMalformedCookieHeaderIsReadWithoutThrowing(String header) {
    assertThatCode(
            () -> {
              Cookies cookies = Cookies.of(header);
              cookies.all("a");
              BrowserIdentity.read(cookies, "_sp_");
            })
        .doesNotThrowAnyException();
  }
}
