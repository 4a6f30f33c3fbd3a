package io.github.snowplowjakarta.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;
import io.quarkus.test.QuarkusUnitTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the extension registers for a native image, read from the build (no GraalVM here: the image
 * itself is not built): the service files the tracker reads, its resources, and the class that
 * seeds random ids initialised at run time.
 */
class NativeImageTest {
  private static final Map<String, List<String>> SERVICES = new ConcurrentHashMap<>();
  private static final List<String> RESOURCES = new CopyOnWriteArrayList<>();
  private static final List<String> RUNTIME_INITIALIZED = new CopyOnWriteArrayList<>();

  @RegisterExtension
  static final QuarkusUnitTest QUARKUS =
      QuarkusApps.test()
          .withApplicationRoot(jar -> jar.addClasses(QuarkusApps.class))
          .overrideConfigKey("snowplow.enabled", "false")
          .addBuildChainCustomizer(NativeImageTest::recordRegistrations)
          .setAfterAllCustomizer(NativeImageTest::theLibraryIsRegistered);

  private static void recordRegistrations(BuildChainBuilder chain) {
    chain
        .addBuildStep(
            context -> {
              for (ServiceProviderBuildItem item :
                  context.consumeMulti(ServiceProviderBuildItem.class)) {
                SERVICES.merge(
                    item.serviceDescriptorFile(),
                    List.copyOf(item.providers()),
                    (a, b) -> Stream.concat(a.stream(), b.stream()).toList());
              }
              context
                  .consumeMulti(NativeImageResourceBuildItem.class)
                  .forEach(item -> RESOURCES.addAll(item.getResources()));
              context
                  .consumeMulti(RuntimeInitializedClassBuildItem.class)
                  .forEach(item -> RUNTIME_INITIALIZED.add(item.getClassName()));
              context.produce(new FeatureBuildItem("snowplow-native-check"));
            })
        .consumes(ServiceProviderBuildItem.class)
        .consumes(NativeImageResourceBuildItem.class)
        .consumes(RuntimeInitializedClassBuildItem.class)
        .produces(FeatureBuildItem.class)
        .build();
  }

  private static void theLibraryIsRegistered() {
    assertThat(
            SERVICES.get(
                "META-INF/services/io.github.snowplowjakarta.servlet.internal.ConsentSourceFinder"))
        .contains("io.github.snowplowjakarta.cdi.internal.CdiConsentSources");
    assertThat(RESOURCES)
        .contains(
            "META-INF/snowplow-tracker.properties",
            "io/github/snowplowjakarta/web/internal/crawler-user-agents.txt");
    assertThat(RUNTIME_INITIALIZED).contains("io.github.snowplowjakarta.core.internal.RandomUuids");
  }

  @Test
  void theApplicationBuilds() {
    // QUARKUS checks the registrations once the application has stopped.
  }
}
