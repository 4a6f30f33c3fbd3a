package io.github.snowplowjakarta.web.internal;

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

  /**
   * The header as the simplest reader would take it, for comparison: split at every {@code ;}, then
   * at the first {@code =}; the name without spaces around it (and none: no cookie), the value
   * without blanks around it and one pair of quotes.
   */
  private static List<String[]> splitNaively(String header) {
    List<String[]> cookies = new ArrayList<>();
    for (String segment : header.split(";", -1)) {
      int equals = segment.indexOf('=');
      String name = equals < 0 ? "" : segment.substring(0, equals).replaceAll("^ +| +$", "");
      if (name.isEmpty()) {
        continue;
      }
      String value = segment.substring(equals + 1).replaceAll("^[\\x00- ]+|[\\x00- ]+$", "");
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      cookies.add(new String[] {name, value});
    }
    return cookies;
  }

  @Test
  void everyCookieIsReadAsSplittingTheHeaderWouldReadIt() {
    List<String> parts =
        List.of("a", "b", "sp", "_sp_id.1", "_sp_ses.1", "=", "==", ";", "; ", " ", "\"", "x", "1");
    // Names as cookie names are: no space at either end, no '='.
    List<String> names = List.of("a", "b", "sp", "_sp_id.1", "x", "1");
    List<String> prefixes = List.of("_sp_", "a", "s", "_sp_ses.");
    java.util.Random random = new java.util.Random(14);
    for (int n = 0; n < 5_000; n++) {
      StringBuilder header = new StringBuilder();
      for (int k = random.nextInt(12); k >= 0; k--) {
        header.append(parts.get(random.nextInt(parts.size())));
      }
      Cookies cookies = Cookies.of(header.toString());
      List<String[]> expected = splitNaively(header.toString());
      for (String name : names) {
        List<String> values =
            expected.stream().filter(c -> c[0].equals(name)).map(c -> c[1]).toList();
        assertThat(cookies.all(name)).as(header + " / " + name).isEqualTo(values);
        assertThat(cookies.raw(name))
            .as(header + " / " + name)
            .isEqualTo(values.isEmpty() ? null : values.get(0));
      }
      for (String prefix : prefixes) {
        List<String> found = new ArrayList<>();
        cookies.forEachWithPrefix(prefix, (name, value) -> found.add(name + "=" + value));
        List<String> withPrefix =
            expected.stream()
                .filter(c -> c[0].startsWith(prefix))
                .map(c -> c[0] + "=" + c[1])
                .toList();
        assertThat(found).as(header + " / " + prefix).isEqualTo(withPrefix);
        assertThat(cookies.anyWithPrefix(prefix)).isEqualTo(!withPrefix.isEmpty());
      }
    }
  }
}
