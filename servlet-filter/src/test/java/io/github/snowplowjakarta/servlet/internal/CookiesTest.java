package io.github.snowplowjakarta.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the raw {@code Cookie} header, malformed and hostile input included. */
class CookiesTest {
  private static String many(int count) {
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < count; i++) {
      header.append("c").append(i).append("=v").append(i).append("; ");
    }
    return header.toString();
  }

  @Test
  void aCookieIsFoundByNameWhereverItStands() {
    Cookies cookies = Cookies.of(many(5000) + "sp_consent=none");

    assertThat(cookies.raw("sp_consent")).isEqualTo("none");
    assertThat(cookies.truncated()).isFalse();
  }

  @Test
  void everyValueOfADuplicatedCookieIsKeptInOrder() {
    Cookies cookies = Cookies.of("a=1; sp_consent=all;b=2;sp_consent = none ; sp_consent=\"x\"");

    assertThat(cookies.all("sp_consent")).containsExactly("all", "none", "x");
    assertThat(cookies.raw("sp_consent")).isEqualTo("all");
    assertThat(cookies.all("missing")).isEmpty();
  }

  @Test
  void aHeaderOverTheLimitIsCutAndSaysSo() {
    Cookies cookies = Cookies.of("x=" + "a".repeat(Cookies.MAX_HEADER_CHARS) + "; sp_consent=none");

    assertThat(cookies.truncated()).isTrue();
    assertThat(cookies.raw("sp_consent")).isNull();
  }

  @Test
  void malformedPairsAreSkipped() {
    Cookies cookies = Cookies.of(";;; =x; novalue; ;a=; =; b==c; ;\"q\"=1;  c = \" 2 \" ");

    assertThat(cookies.raw("a")).isEmpty();
    assertThat(cookies.raw("b")).isEqualTo("=c");
    assertThat(cookies.raw("c")).isEqualTo(" 2 ");
    assertThat(cookies.raw("novalue")).isNull();
    assertThat(cookies.raw("")).isNull();
  }

  @Test
  void aPrefixScanStopsAtThe200thCookie() {
    List<String> seen = new ArrayList<>();
    Cookies.of(many(300)).forEachWithPrefix("c", (name, value) -> seen.add(name));

    assertThat(seen).hasSize(200);
    assertThat(Cookies.of(many(300) + "_sp_ses.1=*").anyWithPrefix("_sp_ses.")).isFalse();
  }

  @Test
  void decodingLeavesPlusAndMalformedEscapesAlone() {
    assertThat(Cookies.decode("a+b%20c%2")).isEqualTo("a+b c%2");
    assertThat(Cookies.decode("%zz%")).isEqualTo("%zz%");
    assertThat(Cookies.decode("%E2%82")).isEqualTo("\uFFFD");
    assertThat(Cookies.decode(null)).isNull();
  }
}
