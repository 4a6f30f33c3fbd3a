package io.github.snowplowjakarta.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.cdi.internal.TrackerProducer;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.testing.TestCollector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 25 item 3: one INFO line per CDI tracker, saying what it does and never a secret. */
class StartupLogTest {
  private final TestCollector collector = TestCollector.start();
  private final Logger logger = Logger.getLogger(TrackerProducer.class.getName());
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @ApplicationScoped
  public static class Both {
    @Inject Tracker tracker;

    @Inject
    @TrackerNamespace("marketing")
    Tracker marketing;

    void use() {
      tracker.isEnabled();
      marketing.isEnabled();
    }
  }

  @AfterEach
  void clean() {
    logger.removeHandler(handler);
    System.clearProperty("snowplow.collector-uri");
    System.clearProperty("snowplow.app-id");
    System.clearProperty("snowplow.marketing.enabled");
    collector.close();
  }

  @Test
  void eachTrackerSaysOnceWhatItDoes() {
    logger.addHandler(handler);
    System.setProperty(
        "snowplow.collector-uri",
        collector.uri().toString().replace("://", "://user:s3cret@") + "?key=s3cret");
    System.setProperty("snowplow.app-id", "cdi-shop");
    System.setProperty("snowplow.marketing.enabled", "false");

    try (WeldContainer container =
        new Weld()
            .disableDiscovery()
            .addExtension(new SnowplowExtension())
            .addBeanClasses(Both.class)
            .initialize()) {
      container.select(Both.class).get().use();
      container.select(Both.class).get().use();
    }

    List<String> lines =
        records.stream()
            .filter(record -> record.getLevel() == Level.INFO)
            .map(LogRecord::getMessage)
            .filter(message -> message.startsWith("Snowplow CDI tracker"))
            .collect(Collectors.toList());
    assertThat(lines)
        .containsExactlyInAnyOrder(
            "Snowplow CDI tracker @Default: tracking on; collector "
                + collector.uri().toString().replaceAll("/$", "")
                + ", namespace default, app id cdi-shop, POST, spool off; default level"
                + " anonymous+server, in a request the level the filter decides",
            "Snowplow CDI tracker @TrackerNamespace(\"marketing\"): tracking off"
                + " (snowplow.enabled=false)");
    assertThat(String.join("\n", lines)).doesNotContain("s3cret").doesNotContain("user");
  }
}
