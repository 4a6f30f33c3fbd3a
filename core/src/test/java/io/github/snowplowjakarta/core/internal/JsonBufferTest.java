package io.github.snowplowjakarta.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBufferTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static String written(JsonBuffer buffer) {
    return new String(buffer.toByteArray(), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain",
        "quote \" backslash \\ slash /",
        "controls \n \r \t \b \f \u0000 \u001f",
        "latin é ß ÿ",
        "cjk 漢字 and euro €",
        "emoji 🎉👍🏽",
        ""
      })
  void stringsRoundTripThroughAJsonParser(String value) throws Exception {
    JsonBuffer buffer = new JsonBuffer(new byte[4]);

    buffer.string(value);

    assertThat(MAPPER.readTree(buffer.toByteArray()).asText()).isEqualTo(value);
  }

  @Test
  void controlCharactersAreEscaped() {
    JsonBuffer buffer = new JsonBuffer(new byte[16]);

    buffer.string("a\nb\u0001\"\\");

    assertThat(written(buffer)).isEqualTo("\"a\\nb\\u0001\\\"\\\\\"");
  }

  @Test
  void unpairedSurrogatesBecomeReplacementCharacters() {
    JsonBuffer buffer = new JsonBuffer(new byte[16]);

    buffer.string("x\uD800y\uDC00z\uD83D");

    assertThat(written(buffer)).isEqualTo("\"x\uFFFDy\uFFFDz\uFFFD\"");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 7, 10, 1_700_000_000_000L, -1, -42, Long.MAX_VALUE, Long.MIN_VALUE})
  void numbersAreDecimalDigits(long value) {
    JsonBuffer buffer = new JsonBuffer(new byte[1]);

    buffer.number(value);

    assertThat(written(buffer)).isEqualTo(Long.toString(value));
  }

  @Test
  void base64IsUrlSafeWithoutPaddingForEveryLength() {
    Random random = new Random(42);
    for (int length = 0; length < 100; length++) {
      byte[] data = new byte[length];
      random.nextBytes(data);
      JsonBuffer source = new JsonBuffer(new byte[1]);
      source.bytes(data);
      JsonBuffer out = new JsonBuffer(new byte[1]);
      out.ascii('>');

      out.base64Url(source);

      String encoded = written(out).substring(1);
      assertThat(encoded).doesNotContain("=", "+", "/");
      assertThat(Base64.getUrlDecoder().decode(encoded)).isEqualTo(data);
    }
  }

  @Test
  void escapedWritesJsonAsTheBodyOfAString() throws Exception {
    JsonBuffer json = new JsonBuffer(new byte[8]);
    json.ascii("{\"a\":\"b\\\\c\"}");
    JsonBuffer out = new JsonBuffer(new byte[8]);

    out.ascii('"');
    out.escaped(json);
    out.ascii('"');

    assertThat(MAPPER.readTree(out.toByteArray()).asText()).isEqualTo("{\"a\":\"b\\\\c\"}");
  }

  @Test
  void aScratchSlotInUseIsNeverHandedOutTwice() {
    JsonBuffer first = JsonBuffer.scratch(3);
    JsonBuffer second = JsonBuffer.scratch(3);
    first.ascii("first");
    second.ascii("second");

    assertThat(written(first)).isEqualTo("first");
    first.release();
    second.release();
  }
}
