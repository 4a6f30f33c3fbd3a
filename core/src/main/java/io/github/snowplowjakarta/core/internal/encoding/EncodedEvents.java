package io.github.snowplowjakarta.core.internal.encoding;

import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import java.lang.invoke.MethodHandles;

/**
 * What the encoder, the POST body and the spool do with an {@link EncodedEvent} beyond its API:
 * make one, and read its bytes. Not API, may change.
 */
public final class EncodedEvents {
  /** Implemented by {@code EncodedEvent}, which registers it when it is initialised. */
  public interface Access {
    EncodedEvent create(String eventId, boolean serverAnonymisation, byte[] json);

    /** The event's JSON object without {@code stm}; the event's own array: never modify it. */
    byte[] json(EncodedEvent event);

    byte[] stmField(long sentTimestampMillis);

    int sizeWith(EncodedEvent event, byte[] stmField);

    int copyTo(EncodedEvent event, byte[] target, int offset, byte[] stmField);
  }

  private static volatile Access access;

  private EncodedEvents() {}

  public static void register(Access implementation) {
    if (access != null) {
      throw new IllegalStateException("already registered");
    }
    access = implementation;
  }

  static Access access() {
    Access current = access;
    if (current == null) {
      try {
        MethodHandles.lookup().ensureInitialized(EncodedEvent.class);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
      current = access;
    }
    return current;
  }

  /** An event of this id and JSON object (without {@code stm}), which it keeps, not copies. */
  public static EncodedEvent create(String eventId, boolean serverAnonymisation, byte[] json) {
    return access().create(eventId, serverAnonymisation, json);
  }

  /** The event's JSON object without {@code stm}: its own array, never to be modified. */
  public static byte[] json(EncodedEvent event) {
    return access().json(event);
  }
}
