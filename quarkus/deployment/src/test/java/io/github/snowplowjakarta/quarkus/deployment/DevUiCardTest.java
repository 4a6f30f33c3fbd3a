package io.github.snowplowjakarta.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Dev UI card names a page that the deployment jar has. */
class DevUiCardTest {
  @Test
  void thePageTheCardNamesIsInTheDeploymentJar() {
    assertThat(SnowplowProcessor.class.getResource("/dev-ui/qwc-snowplow-emitters.js")).isNotNull();
    assertThat(new SnowplowProcessor().devUiCard().getPages())
        .extracting(page -> page.build().getComponentLink())
        .containsExactly("qwc-snowplow-emitters.js");
  }
}
