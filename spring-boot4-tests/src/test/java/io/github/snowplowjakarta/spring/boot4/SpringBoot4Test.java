package io.github.snowplowjakarta.spring.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;

/**
 * This module runs the Spring Boot module's tests on Spring Boot 4, not on the 3.5 they build on.
 */
class SpringBoot4Test {
  @Test
  void theTestsHereRunOnSpringBoot4AndSpringFramework7() {
    assertThat(SpringBootVersion.getVersion()).startsWith("4.");
    assertThat(SpringVersion.getVersion()).startsWith("7.");
  }
}
