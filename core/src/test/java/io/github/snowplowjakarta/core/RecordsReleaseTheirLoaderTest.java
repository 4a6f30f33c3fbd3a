package io.github.snowplowjakarta.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.testing.RecordLoaderRelease;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each record of this module, used from a class loader of its own (equals, hashCode, toString),
 * leaves that loader collectable: an application undeployed after comparing two of them must not
 * stay in memory. See {@link RecordLoaderRelease}.
 */
class RecordsReleaseTheirLoaderTest {
  static Stream<String> records() throws Exception {
    Path classes =
        Path.of(
            io.github.snowplowjakarta.core.Anonymisation.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    List<String> records = RecordLoaderRelease.recordsIn(classes);
    assertThat(records).as("records under " + classes).isNotEmpty();
    return records.stream();
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
