package io.github.snowplowjakarta.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.cdi.internal.TrackerProducer;
import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.servlet.SnowplowFilter;
import io.github.snowplowjakarta.testing.RecordLoaderRelease;
import io.github.snowplowjakarta.web.consent.ConsentDecision;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each record of core, web, the servlet filter and this module (the modules this one is built on,
 * so one test sees them all; the servlet filter has none of its own), used from a class loader of
 * its own (equals, hashCode, toString), leaves that loader collectable: an application undeployed
 * after comparing two of them must not stay in memory. See {@link RecordLoaderRelease}.
 */
class RecordsReleaseTheirLoaderTest {
  static List<String> records() {
    List<String> records =
        RecordLoaderRelease.recordsBeside(
            Anonymisation.class,
            ConsentDecision.class,
            SnowplowFilter.class,
            TrackerProducer.class);
    assertThat(records)
        .as("records of each module")
        .anyMatch(name -> name.startsWith("io.github.snowplowjakarta.core."))
        .anyMatch(name -> name.startsWith("io.github.snowplowjakarta.web."))
        .anyMatch(name -> name.startsWith("io.github.snowplowjakarta.cdi."));
    return records;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void aRecordUsedFromItsOwnLoaderLeavesItCollectable(String record) throws Exception {
    WeakReference<ClassLoader> loader = RecordLoaderRelease.use(record);

    await("the class loader of " + record + " collected")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              System.gc();
              return loader.get() == null;
            });
  }
}
