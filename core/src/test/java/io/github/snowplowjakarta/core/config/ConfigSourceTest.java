package io.github.snowplowjakarta.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {
  @Test
  void thePropertiesFilesTheClassLoaderSeesAreReadTheFirstWinning(@TempDir Path root)
      throws Exception {
    Path first = root.resolve("first").resolve(ConfigSource.PROPERTIES_FILE);
    Path second = root.resolve("second").resolve(ConfigSource.PROPERTIES_FILE);
    Files.createDirectories(first.getParent());
    Files.createDirectories(second.getParent());
    Files.writeString(first, "snowplow.app-id=from-first\n");
    Files.writeString(second, "snowplow.app-id=from-second\nsnowplow.namespace=only-second\n");
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {
              root.resolve("first").toUri().toURL(), root.resolve("second").toUri().toURL()
            },
            null)) {

      ConfigSource files = ConfigSource.propertiesFiles(loader);

      assertThat(files.get("snowplow.app-id")).isEqualTo("from-first");
      assertThat(files.get("snowplow.namespace")).isEqualTo("only-second");
      assertThat(files.get("snowplow.platform")).isNull();
    }
  }

  @Test
  void withoutMicroProfileConfigTheStandardChainIsSystemPropertiesThenTheFile(@TempDir Path root)
      throws Exception {
    Path file = root.resolve(ConfigSource.PROPERTIES_FILE);
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, "snowplow.config-source-test.a=file\nsnowplow.config-source-test.b=file\n");
    System.setProperty("snowplow.config-source-test.a", "property");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {

      ConfigSource chain = ConfigSource.standard(loader);

      assertThat(chain.get("snowplow.config-source-test.a")).isEqualTo("property");
      assertThat(chain.get("snowplow.config-source-test.b")).isEqualTo("file");
    } finally {
      System.clearProperty("snowplow.config-source-test.a");
    }
  }

  @Test
  void microProfileConfigComesFirstWhenTheApplicationHasIt(@TempDir Path root) throws Exception {
    Path mpFile = root.resolve("META-INF/microprofile-config.properties");
    Files.createDirectories(mpFile.getParent());
    Files.writeString(
        mpFile, "snowplow.config-source-test.a=microprofile\nsnowplow.config-source-test.c=mp\n");
    Files.writeString(
        root.resolve(ConfigSource.PROPERTIES_FILE),
        "snowplow.config-source-test.a=file\nsnowplow.config-source-test.b=file\n");
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader())) {
      try {

        ConfigSource chain = ConfigSource.standard(loader);

        assertThat(chain.get("snowplow.config-source-test.a")).isEqualTo("microprofile");
        assertThat(chain.get("snowplow.config-source-test.b")).isEqualTo("file");
        assertThat(chain.get("snowplow.config-source-test.c")).isEqualTo("mp");
      } finally {
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig(loader));
      }
    }
  }
}
