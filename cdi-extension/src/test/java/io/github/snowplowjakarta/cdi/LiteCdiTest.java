package io.github.snowplowjakarta.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.cdi.internal.SnowplowBuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;
import java.util.ServiceLoader;
import org.jboss.weld.environment.se.Weld;
import org.junit.jupiter.api.Test;

/**
 * Every {@link CdiTest} through the build-compatible extension alone, as a CDI Lite container runs
 * it: injection, namespaces, customizers, {@code @Tracked}, the checks at deployment and start, the
 * flush at shutdown.
 */
class LiteCdiTest extends CdiTest {
  @Override
  Weld weld(Class<?>... beans) {
    return Containers.lite(beans);
  }

  @Test
  void theBuildCompatibleExtensionIsRegisteredAsAServiceAndStandsAsideForThePortableOne() {
    assertThat(ServiceLoader.load(BuildCompatibleExtension.class))
        .anySatisfy(
            extension ->
                assertThat(extension).isInstanceOf(SnowplowBuildCompatibleExtension.class));
    assertThat(
            SnowplowBuildCompatibleExtension.class
                .getAnnotation(SkipIfPortableExtensionPresent.class)
                .value())
        .isEqualTo(SnowplowExtension.class);
    assertThat(Containers.liteExtension().getName())
        .isEqualTo(SnowplowBuildCompatibleExtension.class.getName());
    assertThat(Containers.liteExtension().getAnnotations()).isEmpty();
  }
}
