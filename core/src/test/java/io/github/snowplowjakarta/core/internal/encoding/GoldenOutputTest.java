package io.github.snowplowjakarta.core.internal.encoding;

import static io.github.snowplowjakarta.core.testing.Fixtures.FIXED_CLOCK;
import static io.github.snowplowjakarta.core.testing.Fixtures.NOW_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact bytes for a fixed clock and id source. */
class GoldenOutputTest {
  private static final TrackerSettings PLAIN =
      TrackerSettings.builder()
          .appId("shop")
          .namespace("sp1")
          .trackerVersion("java-jakarta-test")
          .base64(false)
          .build();

  private static PayloadEncoder encoder(TrackerSettings settings) {
    return new PayloadEncoder(settings, FIXED_CLOCK, Fixtures.sequentialIds());
  }

  /** The expected output, kept in a file under {@code golden/} so it can be read as it is sent. */
  private static String golden(String name) {
    try (InputStream in = GoldenOutputTest.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void pageViewWithEntitiesInPlainJson() {
    EncodedEvent event =
        encoder(PLAIN)
            .encode(Fixtures.pageView(), Fixtures.fullSubject(), Anonymisation.FULL_TRACKING)
            .get(0);

    assertThat(event.toJson(NOW_MILLIS + 7)).isEqualTo(golden("page-view-full.json"));
  }

  @Test
  void structuredEventAnonymousWithSession() {
    EncodedEvent event =
        encoder(PLAIN)
            .encode(
                Fixtures.structured(), Fixtures.fullSubject(), Anonymisation.ANONYMOUS_WITH_SESSION)
            .get(0);

    assertThat(event.toJson(NOW_MILLIS))
        .isEqualTo(golden("structured-anonymous-with-session.json"));
  }

  @Test
  void transactionAndItemShareOrderIdAndCurrency() {
    List<EncodedEvent> events =
        encoder(PLAIN).encode(Fixtures.transaction(), null, Anonymisation.ANONYMOUS_SERVER);

    assertThat(PostBody.toJson(events, NOW_MILLIS))
        .isEqualTo(golden("transaction-anonymous-server.json"));
  }

  @Test
  void selfDescribingEventAsGetQueryString() {
    EncodedEvent event =
        encoder(PLAIN)
            .encode(
                Fixtures.selfDescribing(), Fixtures.fullSubject(), Anonymisation.ANONYMOUS_SERVER)
            .get(0);

    assertThat(event.toQueryString(NOW_MILLIS))
        .isEqualTo(golden("self-describing-anonymous-server.query"));
  }
}
