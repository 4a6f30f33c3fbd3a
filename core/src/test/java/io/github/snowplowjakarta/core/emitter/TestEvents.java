package io.github.snowplowjakarta.core.emitter;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.encoding.PayloadEncoder;
import io.github.snowplowjakarta.core.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;

/** Encoded structured events for the emitter's tests, each with an id of its own. */
final class TestEvents {
  private final PayloadEncoder encoder;

  TestEvents(String namespace) {
    this.encoder = new PayloadEncoder(TrackerSettings.of(namespace));
  }

  EncodedEvent one() {
    return encoder
        .encode(
            Structured.builder().category("c").action("a").build(),
            Fixtures.fullSubject(),
            Anonymisation.FULL_TRACKING)
        .get(0);
  }

  /** Adds {@code count} events, each of which the emitter must take; their ids, in order. */
  List<String> add(Emitter emitter, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      EncodedEvent event = one();
      assertThat(emitter.add(event)).isTrue();
      ids.add(event.eventId());
    }
    return ids;
  }
}
