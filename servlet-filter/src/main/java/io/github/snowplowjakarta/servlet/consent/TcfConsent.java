package io.github.snowplowjakarta.servlet.consent;

import java.util.Base64;
import java.util.Optional;

/**
 * An IAB TCF v2.2 consent string in the {@code euconsent-v2} (or {@code eupubconsent-v2}) cookie.
 * Tracking with identifiers needs purpose 1 (store and access information on a device) and purpose
 * 8 or 9 (measurement); the publisher segment, when present, speaks for the publisher and takes
 * precedence. A string that is not version 2, has a policy version below 4, or is truncated or
 * malformed decides nothing.
 *
 * <p>A small decoder of our own rather than the IAB's Java library: only the purpose bits are
 * needed, and a dependency would ride into every application's WEB-INF/lib.
 */
final class TcfConsent implements ConsentResolver {
  private static final int MAX_LENGTH = 8192;
  private static final int POLICY_VERSION_OFFSET = 132;
  private static final int PURPOSES_OFFSET = 152;
  private static final int PUBLISHER_SEGMENT = 3;

  @Override
  public Optional<ConsentDecision> resolve(ConsentRequest request) {
    String value = request.cookie("euconsent-v2");
    if (value == null) {
      value = request.cookie("eupubconsent-v2");
    }
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    try {
      String[] segments = value.split("\\.");
      Bits core = Bits.of(segments[0]);
      if (core.read(0, 6) != 2 || core.read(POLICY_VERSION_OFFSET, 6) < 4) {
        return Optional.empty();
      }
      Bits purposes = core;
      int offset = PURPOSES_OFFSET;
      String source = "TCF core";
      for (int i = 1; i < segments.length; i++) {
        Bits segment = Bits.of(segments[i]);
        if (segment.read(0, 3) == PUBLISHER_SEGMENT) {
          purposes = segment;
          offset = 3;
          source = "TCF publisher";
        }
      }
      boolean storage = purposes.read(offset, 1) == 1;
      boolean measurement = purposes.read(offset + 7, 1) == 1 || purposes.read(offset + 8, 1) == 1;
      return CmpAnswer.of(
          storage && measurement,
          source + " purposes 1=" + (storage ? 1 : 0) + ", 8 or 9=" + (measurement ? 1 : 0));
    } catch (IllegalArgumentException malformedOrTruncated) {
      return Optional.empty();
    }
  }

  /** Big-endian bit fields over base64url text. */
  private static final class Bits {
    private final byte[] bytes;

    private Bits(byte[] bytes) {
      this.bytes = bytes;
    }

    static Bits of(String base64Url) {
      String text = base64Url.replace('+', '-').replace('/', '_').replace("=", "");
      return new Bits(Base64.getUrlDecoder().decode(text));
    }

    int read(int offset, int length) {
      if (offset + length > bytes.length * 8) {
        throw new IllegalArgumentException("truncated at bit " + offset);
      }
      int value = 0;
      for (int bit = offset; bit < offset + length; bit++) {
        value = value << 1 | ((bytes[bit >> 3] >> (7 - (bit & 7))) & 1);
      }
      return value;
    }
  }
}
