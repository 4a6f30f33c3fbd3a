package io.github.snowplowjakarta.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksTest {
  private static final Pattern UUID_FORM =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /**
   * Hexadecimal digits, the dash, their neighbours in ASCII, digits of other scripts, and
   * characters above 127 whose low seven bits are a digit or a dash (U+00B0, U+0130, U+00AD).
   */
  private static final String ALPHABET =
      "0123456789abcdefABCDEF-----/:@`gG\u0660\uFF10\u00b0\u0130\u00ad\u00e1";

  @Test
  void acceptsWhatTheFormAcceptsAmongRandomNearMisses() {
    Random random = new Random(20261130);
    int uuids = 0;
    for (int i = 0; i < 200_000; i++) {
      char[] chars = UUID.randomUUID().toString().toCharArray();
      for (int changes = random.nextInt(3); changes > 0; changes--) {
        chars[random.nextInt(chars.length)] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
      }
      String candidate = new String(chars);
      if (random.nextInt(20) == 0) {
        candidate = random.nextBoolean() ? candidate.substring(1) : candidate + "0";
      }
      boolean expected = UUID_FORM.matcher(candidate).matches();
      assertThat(Checks.isUuid(candidate)).as(candidate).isEqualTo(expected);
      uuids += expected ? 1 : 0;
    }
    assertThat(uuids).isBetween(20_000, 180_000);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "a86c42e5b831-45c8-b706-e214c26b4b3d-",
        "a86c42e5-b831-45c8-b706-e214c26b4b3\u00b0",
        "a86c42e5-b831-45c8-b706-e214c26b-b3d",
        "{86c42e5-b831-45c8-b706-e214c26b4b3d}"
      })
  void refuses(String value) {
    assertThat(Checks.isUuid(value)).isFalse();
  }

  @Test
  void acceptsEitherCase() {
    assertThat(Checks.isUuid("A86C42E5-B831-45C8-B706-E214C26B4B3D")).isTrue();
    assertThat(Checks.isUuid("a86c42e5-b831-45c8-b706-e214c26b4b3d")).isTrue();
  }
}
