package io.github.snowplowjakarta.web.consent;

import java.util.Base64;
import java.util.List;

/**
 * An IAB TCF v2.2 consent string in the {@code euconsent-v2} or {@code eupubconsent-v2} cookie
 * (names configurable). Tracking with identifiers needs purpose 1 (store and access information on
 * a device) and purpose 8 or 9 (measurement).
 *
 * <p>The publisher segment (type 3) speaks for the publisher, and decides instead of the core
 * segment, when it says anything: when at least one of its purpose bits (consent or legitimate
 * interest transparency) is set or it declares custom purposes. An all-zero publisher segment, such
 * as the {@code .YAAAAAAAAAAA} many CMPs append whether or not the publisher declared purposes, is
 * read as absent, and the core segment decides: otherwise every accept-all string carrying it would
 * count as a refusal. A refusal cannot slip through that way: a visitor who refused gets zero
 * purpose bits in the core segment too.
 *
 * <p>A string that is not version 2, has a policy version below 4 (no longer valid since TCF 2.2),
 * or is truncated or malformed cannot be read, and refuses.
 *
 * <p>A small decoder of our own rather than the IAB's Java library: only the purpose bits are
 * needed, and a dependency would ride into every application's WEB-INF/lib.
 */
final class TcfConsent extends CookieSource {
  private static final int MAX_LENGTH = 8192;
  private static final int POLICY_VERSION_OFFSET = 132;
  private static final int PURPOSES_OFFSET = 152;
  private static final int PUBLISHER_SEGMENT = 3;
  private static final int PURPOSE_COUNT = 24;

  TcfConsent(List<String> cookies, Answers answers) {
    super("tcf", cookies, answers);
  }

  @Override
  ConsentDecision read(String raw, ConsentRequest request) {
    if (raw.isEmpty() || raw.length() > MAX_LENGTH) {
      return answers.unreadable("TCF string");
    }
    try {
      String[] segments = raw.split("\\.", -1);
      Bits core = Bits.of(segments[0]);
      if (core.read(0, 6) != 2 || core.read(POLICY_VERSION_OFFSET, 6) < 4) {
        return answers.unreadable("TCF string");
      }
      Bits purposes = core;
      int offset = PURPOSES_OFFSET;
      String source = "TCF core";
      for (int i = 1; i < segments.length; i++) {
        Bits segment = Bits.of(segments[i]);
        if (segment.read(0, 3) == PUBLISHER_SEGMENT && speaks(segment)) {
          purposes = segment;
          offset = 3;
          source = "TCF publisher";
        }
      }
      boolean storage = purposes.read(offset, 1) == 1;
      boolean measurement = purposes.read(offset + 7, 1) == 1 || purposes.read(offset + 8, 1) == 1;
      return answers.of(
          storage && measurement,
          source + " purposes 1=" + (storage ? 1 : 0) + ", 8 or 9=" + (measurement ? 1 : 0));
    } catch (IllegalArgumentException malformedOrTruncated) {
      return answers.unreadable("TCF string");
    }
  }

  /** Whether a publisher segment sets any purpose bit or declares custom purposes. */
  static boolean speaks(Bits segment) {
    for (int bit = 3; bit < 3 + 2 * PURPOSE_COUNT; bit++) {
      if (segment.read(bit, 1) == 1) {
        return true;
      }
    }
    return segment.read(3 + 2 * PURPOSE_COUNT, 6) > 0;
  }

  /** Big-endian bit fields over base64url text; reading past the end throws. */
  static final class Bits {
    private final byte[] bytes;

    private Bits(byte[] bytes) {
      this.bytes = bytes;
    }

    /** Throws {@link IllegalArgumentException} on text that is not base64. */
    static Bits of(String base64Url) {
      String text = base64Url.replace('+', '-').replace('/', '_').replace("=", "");
      return new Bits(Base64.getUrlDecoder().decode(text));
    }

    int read(int offset, int length) {
      if (offset < 0 || length < 0 || offset + length > bytes.length * 8) {
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
