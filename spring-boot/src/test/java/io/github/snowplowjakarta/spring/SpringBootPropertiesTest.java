package io.github.snowplowjakarta.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The keys as a Spring Boot application writes them: a YAML file (lists as lists), a profile's file
 * over it, {@code @TestPropertySource} over both.
 */
@SpringBootTest(
    classes = SpringBootPropertiesTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "spring.config.name=snowplow-test")
@ActiveProfiles("eu")
@TestPropertySource(properties = "snowplow.namespace=from-test")
class SpringBootPropertiesTest {
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @Autowired Tracker tracker;
  @Autowired SnowplowTrackers trackers;

  @Test
  void yamlProfilesAndTestPropertiesAreRead() {
    assertThat(tracker.settings().appId()).isEqualTo("yaml-eu");
    assertThat(tracker.settings().namespace()).isEqualTo("from-test");
    TrackerConfig config = trackers.config("");
    assertThat(config.get(ConfigKeys.EMITTER_BATCH_SIZE)).isEqualTo(11);
    assertThat(config.get(ConfigKeys.TRACK_EXCLUDE)).containsExactly("/admin/**", "*.css");
  }
}
