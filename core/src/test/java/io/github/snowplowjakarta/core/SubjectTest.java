package io.github.snowplowjakarta.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.snowplowjakarta.core.event.PageView;
import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import io.github.snowplowjakarta.core.testing.Fixtures;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class SubjectTest {
  @Test
  void mergeKeepsTheTrackersValuesAndLetsTheEventsWin() {
    Subject tracker = Fixtures.fullSubject();
    Subject event = Subject.builder().userId("other-user").language("de-DE").build();

    Subject merged = tracker.merge(event);

    assertThat(merged.userId()).isEqualTo("other-user");
    assertThat(merged.language()).isEqualTo("de-DE");
    assertThat(merged.domainUserId()).isEqualTo(Fixtures.DOMAIN_USER_ID);
    assertThat(merged.sessionId()).isEqualTo(Fixtures.SESSION_ID);
    assertThat(merged.ipAddress()).isEqualTo(Fixtures.IP_ADDRESS);
    assertThat(merged.screenResolution()).isEqualTo("1920x1080");
    assertThat(merged.toBuilder().userId(null).build().userId()).isNull();
  }

  @Test
  void mergeWithNothingIsTheSameSubject() {
    Subject tracker = Fixtures.fullSubject();

    assertThat(tracker.merge(null)).isSameAs(tracker);
    assertThat(tracker.merge(Subject.EMPTY)).isSameAs(tracker);
    assertThat(Subject.EMPTY.merge(tracker)).isSameAs(tracker);
  }

  @Test
  void blankTextCountsAsAbsentAndSessionIdsAreLowerCase() {
    Subject subject =
        Subject.builder().userId("  ").sessionId("0B7D8C6E-5F4A-4B3C-8D2E-1F0A9B8C7D6E").build();

    assertThat(subject.userId()).isNull();
    assertThat(subject.sessionId()).isEqualTo(Fixtures.SESSION_ID);
  }

  @Test
  void toStringNamesTheValuesButNeverShowsThem() {
    String text = Fixtures.fullSubject().toString();

    assertThat(text).contains("userId=<set>", "ipAddress=<set>");
    assertThat(text).doesNotContain(Fixtures.USER_ID, Fixtures.IP_ADDRESS, Fixtures.DOMAIN_USER_ID);
  }

  @Test
  void eventsAreImmutable() {
    var entities = new ArrayList<SelfDescribingJson>();
    entities.add(Fixtures.webPage());
    var data = Fixtures.ordered("category", "c", "variable", "v", "timing", 1);
    var json = SelfDescribingJson.of(Fixtures.TIMING_SCHEMA, data);
    var event = PageView.builder().url("https://example.com/").entities(entities).build();

    entities.add(Fixtures.gdpr());
    data.put("category", "changed");

    assertThat(event.entities()).containsExactly(Fixtures.webPage());
    assertThat(json.dataJson()).contains("\"category\":\"c\"");
    assertThatThrownBy(() -> event.entities().add(Fixtures.gdpr()))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
