package io.github.snowplowjakarta.web.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.config.ConfigKeys.ConsentResolution;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Combining sources: resolution, caps, failures, unreadable headers. */
class ConsentPolicyTest {
  private static ConsentSource fixed(String name, Anonymisation level) {
    return new ConsentSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<ConsentDecision> decide(ConsentRequest request) {
        return Optional.of(new ConsentDecision(level, name));
      }
    };
  }

  private static final ConsentSource FAILS =
      new ConsentSource() {
        @Override
        public String name() {
          return "broken";
        }

        @Override
        public Optional<ConsentDecision> decide(ConsentRequest request) {
          throw new IllegalStateException("boom");
        }
      };

  private static ConsentPolicy policy(ConsentResolution resolution, ConsentSource... sources) {
    return new ConsentPolicy(
        List.of(sources),
        resolution,
        Anonymisation.ANONYMOUS_SERVER,
        Anonymisation.ANONYMOUS_SERVER);
  }

  @Test
  void theApplicationsCookieDecidesByItsValueAndNamesBoth() {
    AppCookieConsent cookie =
        new AppCookieConsent(
            "choice",
            java.util.Map.of(
                "all", Anonymisation.FULL_TRACKING, "none", Anonymisation.ANONYMOUS_SERVER));

    assertThat(cookie.decide(Requests.of("choice=all")))
        .contains(new ConsentDecision(Anonymisation.FULL_TRACKING, "cookie choice = all"));
    assertThat(cookie.decide(Requests.of("choice=%20none%20")))
        .contains(new ConsentDecision(Anonymisation.ANONYMOUS_SERVER, "cookie choice = none"));
    assertThat(cookie.decide(Requests.of("choice=some")))
        .contains(
            new ConsentDecision(
                Anonymisation.ANONYMOUS_SERVER, "cookie choice present but unreadable"));
    assertThat(cookie.decide(Requests.of("other=all"))).isEmpty();
  }

  @Test
  void theMostRestrictiveDecisionWinsWhateverTheOrder() {
    ConsentDecision decision =
        policy(
                ConsentResolution.MOST_RESTRICTIVE,
                fixed("a", Anonymisation.FULL_TRACKING),
                fixed("b", Anonymisation.ANONYMOUS_WITH_SESSION),
                fixed("c", Anonymisation.FULL_TRACKING))
            .decide(Requests.of(""));

    assertThat(decision)
        .isEqualTo(new ConsentDecision(Anonymisation.ANONYMOUS_WITH_SESSION, "b", "b"));
  }

  @Test
  void eachDecisionNamesWhatDecidedItsLevelWithoutChangingItsReason() {
    ConsentPolicy policy =
        policy(
            ConsentResolution.MOST_RESTRICTIVE,
            fixed("a", Anonymisation.FULL_TRACKING),
            new HeaderCap("gpc", "Sec-GPC", Anonymisation.ANONYMOUS_SERVER));
    ConsentPolicy none = policy(ConsentResolution.MOST_RESTRICTIVE);

    assertThat(policy.decide(Requests.of("")))
        .isEqualTo(new ConsentDecision(Anonymisation.FULL_TRACKING, "a", "a"));
    assertThat(policy.decide(Requests.of("", "Sec-GPC", "1")))
        .isEqualTo(
            new ConsentDecision(Anonymisation.ANONYMOUS_SERVER, "a, capped by Sec-GPC: 1", "gpc"));
    assertThat(none.decide(Requests.of("")).source()).isEqualTo(ConsentDecision.DEFAULT);
    assertThat(none.decide(Requests.of("")).reason()).isEqualTo("no consent signal: default");
    assertThat(none.unreadable(Requests.of(""), "too long").source())
        .isEqualTo(ConsentDecision.UNREADABLE);
    assertThat(policy.unreadable(Requests.of("", "Sec-GPC", "1"), "too long").source())
        .isEqualTo(ConsentDecision.UNREADABLE); // the cap did not lower it further
    assertThat(
            policy(
                    ConsentResolution.MOST_RESTRICTIVE,
                    fixed("a", Anonymisation.FULL_TRACKING),
                    FAILS)
                .decide(Requests.of(""))
                .source())
        .isEqualTo("broken");
  }

  @Test
  void levelsCombineFlagByFlag() {
    ConsentDecision decision =
        policy(
                ConsentResolution.MOST_RESTRICTIVE,
                fixed("a", new Anonymisation(Anonymisation.Level.ANONYMOUS_WITH_SESSION, true)),
                fixed("b", Anonymisation.ANONYMOUS))
            .decide(Requests.of(""));

    assertThat(decision.anonymisation()).isEqualTo(Anonymisation.ANONYMOUS_SERVER);
  }

  @Test
  void theFirstDecisionWinsWhenConfigured() {
    ConsentDecision decision =
        policy(
                ConsentResolution.FIRST,
                fixed("a", Anonymisation.FULL_TRACKING),
                fixed("b", Anonymisation.OFF))
            .decide(Requests.of(""));

    assertThat(decision.anonymisation()).isEqualTo(Anonymisation.FULL_TRACKING);
  }

  @Test
  void aSourceThatThrowsRefusesInsteadOfLettingAYesThrough() {
    ConsentDecision decision =
        policy(ConsentResolution.MOST_RESTRICTIVE, fixed("a", Anonymisation.FULL_TRACKING), FAILS)
            .decide(Requests.of(""));

    assertThat(decision.anonymisation()).isEqualTo(Anonymisation.ANONYMOUS_SERVER);
    assertThat(decision.reason()).contains("broken failed");
  }

  @Test
  void offIsTheMostRestrictiveLevelAndCapsStillApply() {
    ConsentPolicy policy =
        policy(
            ConsentResolution.MOST_RESTRICTIVE,
            fixed("a", Anonymisation.FULL_TRACKING),
            new HeaderCap("gpc", "Sec-GPC", Anonymisation.OFF));

    assertThat(policy.decide(Requests.of("", "Sec-GPC", "1")).anonymisation())
        .isEqualTo(Anonymisation.OFF);
    assertThat(policy.decide(Requests.of("", "Sec-GPC", "0")).anonymisation())
        .isEqualTo(Anonymisation.FULL_TRACKING);
    assertThat(policy.unreadable(Requests.of(""), "too long").anonymisation())
        .isEqualTo(Anonymisation.ANONYMOUS_SERVER);
  }

  @Test
  void levelNamesIncludeOff() {
    assertThat(Levels.parse(" OFF ")).isEqualTo(Anonymisation.OFF);
    assertThat(Levels.name(Anonymisation.OFF)).isEqualTo("off");
    assertThat(Levels.atMostAsPermissive(Anonymisation.OFF, Anonymisation.ANONYMOUS_SERVER))
        .isTrue();
    assertThat(Levels.atMostAsPermissive(Anonymisation.ANONYMOUS, Anonymisation.ANONYMOUS_SERVER))
        .isFalse();
  }

  @Test
  void oneTrustGroupIdsMatchInBothForms() {
    assertThat(OneTrustConsent.groupKey("C0002")).isEqualTo(OneTrustConsent.groupKey("2"));
    assertThat(OneTrustConsent.groupKey("c02")).isEqualTo("2");
    assertThat(OneTrustConsent.groupKey("SPD_BG")).isEqualTo("SPD_BG");
    assertThat(OneTrustConsent.groupKey("C")).isEqualTo("C");
    assertThat(OneTrustConsent.groupKey("C99999999999")).isEqualTo("C99999999999");
  }
}
