package io.github.snowplowjakarta.servlet;

import java.util.Base64;
import java.util.BitSet;
import java.util.Set;

/**
 * Builds IAB TCF v2 consent strings for tests, field by field as the specification lays them out.
 */
final class TcStrings {
  private final BitSet bits = new BitSet();
  private int length;

  private TcStrings write(long value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      bits.set(length++, ((value >> i) & 1) == 1);
    }
    return this;
  }

  private TcStrings purposes(Set<Integer> consented) {
    for (int purpose = 1; purpose <= 24; purpose++) {
      write(consented.contains(purpose) ? 1 : 0, 1);
    }
    return this;
  }

  private String encode() {
    byte[] bytes = new byte[(length + 7) / 8];
    for (int i = 0; i < length; i++) {
      if (bits.get(i)) {
        bytes[i / 8] |= (byte) (0x80 >> (i % 8));
      }
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A core segment with these purposes consented. */
  static String core(int version, int policyVersion, Set<Integer> purposes) {
    return new TcStrings()
        .write(version, 6)
        .write(17_000_000_000L, 36)
        .write(17_000_000_000L, 36)
        .write(7, 12)
        .write(1, 12)
        .write(1, 6)
        .write(('E' - 'A') << 6 | ('N' - 'A'), 12)
        .write(150, 12)
        .write(policyVersion, 6)
        .write(0, 1)
        .write(0, 1)
        .write(0, 12)
        .purposes(purposes)
        .purposes(Set.of())
        .write(0, 1)
        .write(0, 16)
        .write(0, 1)
        .encode();
  }

  /** A publisher segment (type 3) with these purposes consented. */
  static String publisher(Set<Integer> purposes) {
    return new TcStrings().write(3, 3).purposes(purposes).purposes(Set.of()).write(0, 6).encode();
  }
}
