package io.github.snowplowjakarta.core.internal;

import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import java.util.Objects;
import java.util.function.Function;

/**
 * The UTF-8 bytes a {@link SelfDescribingJson} keeps, for the encoder, without a copy and without a
 * public method on the API type. Not API, may change.
 */
public final class EncodedJson {
  private static volatile Function<SelfDescribingJson, byte[]> bytes;

  private EncodedJson() {}

  /** Called once, by {@code SelfDescribingJson}'s initialiser. */
  public static void register(Function<SelfDescribingJson, byte[]> reader) {
    if (bytes != null) {
      throw new IllegalStateException("already registered");
    }
    bytes = Objects.requireNonNull(reader);
  }

  /**
   * Appends the whole self-describing JSON to {@code out}. The value exists, so its class is
   * initialised and has registered its reader.
   */
  public static void writeTo(SelfDescribingJson value, JsonBuffer out) {
    out.bytes(bytes.apply(value));
  }
}
