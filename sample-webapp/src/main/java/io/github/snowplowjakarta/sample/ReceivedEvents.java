package io.github.snowplowjakarta.sample;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** What the sample's collector received: the latest 500 events, newest first. */
public final class ReceivedEvents {
  private static final int KEPT = 500;

  /** One event, with whether its request was server-anonymised and what the schemas said. */
  public record Received(
      Instant at, JsonNode event, boolean anonymousRequest, List<String> errors) {}

  private final Deque<Received> events = new ArrayDeque<>();

  public synchronized void add(Received received) {
    events.addFirst(received);
    while (events.size() > KEPT) {
      events.removeLast();
    }
  }

  public synchronized List<Received> all() {
    return new ArrayList<>(events);
  }
}
