package io.github.snowplowjakarta.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.snowplowjakarta.core.testing.Fixtures;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelfDescribingJsonTest {
  private static final String SCHEMA = "iglu:com.acme/basket/jsonschema/1-0-0";

  record Line(String sku, double price, List<String> tags) {}

  @Test
  void plainValuesAreWrittenAsJson() {
    SelfDescribingJson json =
        SelfDescribingJson.of(
            SCHEMA,
            Fixtures.ordered(
                "s",
                "x\"y",
                "i",
                3,
                "l",
                4L,
                "d",
                2.5,
                "b",
                true,
                "n",
                null,
                "list",
                Arrays.asList(1, "two", null),
                "map",
                Map.of("k", "v"),
                "big",
                new BigDecimal("12.30")));

    assertThat(json.dataJson())
        .isEqualTo(
            "{\"s\":\"x\\\"y\",\"i\":3,\"l\":4,\"d\":2.5,\"b\":true,\"n\":null,"
                + "\"list\":[1,\"two\",null],\"map\":{\"k\":\"v\"},\"big\":12.30}");
  }

  @Test
  void aSchemaIsCheckedEveryTimeThoughTheLastValidOneIsRemembered() {
    SelfDescribingJson.of(SCHEMA, Map.of());
    for (String bad : new String[] {"iglu:com.acme/basket/jsonschema/1-0", "", null}) {
      assertThatThrownBy(() -> SelfDescribingJson.of(bad, Map.of()))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(SelfDescribingJson.of(SCHEMA, Map.of()).schema()).isSameAs(SCHEMA);
    String equalButNotTheSame = new String(SCHEMA.toCharArray());
    assertThat(SelfDescribingJson.of(equalButNotTheSame, Map.of()).schema()).isEqualTo(SCHEMA);
  }

  @Test
  void otherObjectsGoThroughJacksonDataBinding() {
    SelfDescribingJson json =
        SelfDescribingJson.of(SCHEMA, Map.of("line", new Line("SKU-1", 9.5, List.of("red"))));

    assertThat(json.dataJson())
        .isEqualTo("{\"line\":{\"sku\":\"SKU-1\",\"price\":9.5,\"tags\":[\"red\"]}}");
  }

  @Test
  void nonFiniteNumbersAreRefusedInsideBoundObjectsToo() {
    assertThatThrownBy(
            () ->
                SelfDescribingJson.of(SCHEMA, Map.of("line", new Line("S", Double.NaN, List.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field 'price' must be a finite number, was NaN");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0",
        "iglu:com.acme/event_name-2/jsonschema/10-0-12",
        "iglu:A-b_c/X/jsonschema/0-0-0"
      })
  void validIgluUrisAreAccepted(String uri) {
    assertThat(SelfDescribingJson.of(uri, Map.of()).schema()).isEqualTo(uri);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "iglu:/e/jsonschema/1-0-0",
        "iglu:a//jsonschema/1-0-0",
        "iglu:a/b/jsonschema/1-0-0-0",
        "iglu:a/b/jsonschema/1--0",
        "iglu:a/b/jsonschema/1-0-",
        "iglu:a/b/c/jsonschema/1-0-0",
        "iglu:a.b/c.d/jsonschema/1-0-0",
        "iglu:a/b/jsonschema/1-0-0 ",
        "IGLU:a/b/jsonschema/1-0-0",
        "iglu:a/b/jsonschema/"
      })
  void malformedIgluUrisAreRefused(String uri) {
    assertThatThrownBy(() -> SelfDescribingJson.of(uri, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("schema must be an Iglu URI");
  }
}
