package io.github.snowplowjakarta.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AutomatedTrafficTest {
  static final List<String> BROWSERS =
      List.of(
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/131.0.0.0 Safari/537.36",
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0",
          "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
              + " Version/18.1 Safari/605.1.15",
          "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
              + " Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
          "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " SamsungBrowser/27.0 Chrome/125.0.0.0 Mobile Safari/537.36",
          "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/131.0.0.0 Mobile Safari/537.36",
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/131.0.0.0 Safari/537.36 OPR/114.0.0.0");

  @Test
  void everyExampleInThePublishedListIsRecognised() throws IOException {
    List<String> examples = resourceLines("crawler-user-agents-instances.txt");
    assertThat(examples).hasSizeGreaterThan(1000);
    AutomatedTraffic listed = AutomatedTraffic.listed();
    assertThat(examples).allSatisfy(ua -> assertThat(listed.isAutomated(ua)).as(ua).isTrue());
  }

  @Test
  void browsersAreNotAutomated() {
    assertThat(BROWSERS)
        .allSatisfy(ua -> assertThat(AutomatedTraffic.listed().isAutomated(ua)).as(ua).isFalse());
  }

  @Test
  void theIndexAgreesWithTryingEveryPattern() throws IOException {
    List<Pattern> all = AutomatedTraffic.listedPatterns().stream().map(Pattern::compile).toList();
    List<String> userAgents = new java.util.ArrayList<>(BROWSERS);
    userAgents.addAll(resourceLines("crawler-user-agents-instances.txt"));
    userAgents.addAll(
        List.of(
            "GOOGLEBOT/2.1", "googlebot/2.1", "Wget/1.21", "wGET/1", "x", "Java-http-client/21"));
    for (String ua : userAgents) {
      boolean naive = all.stream().anyMatch(p -> p.matcher(ua).find());
      assertThat(AutomatedTraffic.listed().isAutomated(ua)).as(ua).isEqualTo(naive);
    }
  }

  @Test
  void aRememberedVerdictIsForTheSameUserAgentOnly() {
    // "Aa" and "BB" have the same String hash: so have these two, which share a slot.
    AutomatedTraffic traffic = new AutomatedTraffic(List.of("botAa"));
    assertThat("x botAa".hashCode()).isEqualTo("x botBB".hashCode());
    for (int round = 0; round < 3; round++) {
      assertThat(traffic.isAutomated("x botAa")).isTrue();
      assertThat(traffic.isAutomated("x botBB")).isFalse();
    }
  }

  @Test
  void verdictsStayRightWhenMoreUserAgentsComeThanAreRemembered() throws IOException {
    List<String> userAgents = new java.util.ArrayList<>(BROWSERS);
    userAgents.addAll(resourceLines("crawler-user-agents-instances.txt"));
    AutomatedTraffic traffic = new AutomatedTraffic(AutomatedTraffic.listedPatterns());
    for (int round = 0; round < 2; round++) {
      for (String ua : userAgents) {
        assertThat(traffic.isAutomated(ua)).as(ua).isEqualTo(!BROWSERS.contains(ua));
        // A copy, not the same instance: a request's header is a new string each time.
        assertThat(traffic.isAutomated(new String(ua))).as(ua).isEqualTo(!BROWSERS.contains(ua));
      }
    }
  }

  @Test
  void aMissingOrBlankUserAgentIsNoBrowser() {
    assertThat(AutomatedTraffic.listed().isAutomated(null)).isTrue();
    assertThat(AutomatedTraffic.listed().isAutomated(" ")).isTrue();
  }

  @Test
  void nearlyEveryPatternIsIndexedByALiteral() {
    long unindexed =
        AutomatedTraffic.listedPatterns().stream()
            .filter(p -> AutomatedTraffic.requiredLiterals(p) == null)
            .count();
    assertThat(unindexed).isLessThan(10);
  }

  @Test
  void requiredLiteralsAreReadConservatively() {
    assertThat(AutomatedTraffic.requiredLiterals("Googlebot\\/")).containsExactly("Googlebot/");
    assertThat(AutomatedTraffic.requiredLiterals("[wW]get")).containsExactly("wget");
    assertThat(AutomatedTraffic.requiredLiterals("AdsBot-Google([^-]|$)"))
        .containsExactly("AdsBot-Google");
    assertThat(AutomatedTraffic.requiredLiterals("Chirp|gotosocial"))
        .containsExactly("Chirp", "gotosocial");
    assertThat(AutomatedTraffic.requiredLiterals("BlogTraffic\\/\\d\\.\\d+ Feed-Fetcher"))
        .containsExactly(" Feed-Fetcher");
    assertThat(AutomatedTraffic.requiredLiterals("abcd?e")).containsExactly("abc");
    assertThat(AutomatedTraffic.requiredLiterals("ab\\d{2}cdef")).containsExactly("cdef");
    assertThat(AutomatedTraffic.requiredLiterals("a\\x41bcd")).isNull();
    assertThat(AutomatedTraffic.requiredLiterals("ab|c")).isNull();
    assertThat(AutomatedTraffic.requiredLiterals("(unclosed")).isNull();
  }

  @Test
  void speculativeLoadsAreRecognisedByTheirPurpose() {
    assertThat(AutomatedTraffic.isSpeculative("prefetch", null, null)).isTrue();
    assertThat(AutomatedTraffic.isSpeculative("prefetch;prerender", null, null)).isTrue();
    assertThat(AutomatedTraffic.isSpeculative(null, "Prefetch", null)).isTrue();
    assertThat(AutomatedTraffic.isSpeculative(null, null, "prefetch")).isTrue();
    assertThat(AutomatedTraffic.isSpeculative(null, null, null)).isFalse();
    assertThat(AutomatedTraffic.isSpeculative("", "navigate", "x")).isFalse();
  }

  private static List<String> resourceLines(String name) throws IOException {
    try (var in = AutomatedTrafficTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .lines()
          .filter(line -> !line.isBlank())
          .toList();
    }
  }
}
