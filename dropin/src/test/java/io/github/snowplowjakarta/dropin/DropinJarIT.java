package io.github.snowplowjakarta.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.testing.TestCollector;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The drop-in jar as built: what it holds, and that it tracks on its own without a word. */
class DropinJarIT {
  private static final Path JAR = Path.of(System.getProperty("dropin.jar"));
  private static final String MODULE = "io.github.snowplowjakarta.all";
  private static final List<String> ORIGINAL_PACKAGES =
      List.of("com/fasterxml/jackson/", "org/apache/hc/", "org/slf4j/", "org/publicsuffix/");

  /** The README gives the jar's size in whole megabytes; checked here, so it cannot rot. */
  @Test
  void theReadmeGivesItsSize() throws IOException {
    // The jar is in dropin/target; the README two levels up.
    Path readmeFile = JAR.toAbsolutePath().getParent().getParent().resolveSibling("README.md");
    String readme = Files.readString(readmeFile, StandardCharsets.UTF_8);
    Matcher stated =
        Pattern.compile("`snowplow-jakarta-all-<version>\\.jar` \\(about (\\d+) MB\\)")
            .matcher(readme);
    assertThat(stated.find()).as("the README states the drop-in jar's size").isTrue();
    long bytes = Files.size(JAR);
    assertThat(Math.round(bytes / 1e6))
        .as("the jar's " + bytes + " bytes, in MB (10^6 bytes)")
        .isEqualTo(Long.parseLong(stated.group(1)));
  }

  @Test
  void everyClassLivesUnderOurPackage() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> foreign =
          Collections.list(jar.entries()).stream()
              .map(JarEntry::getName)
              .filter(name -> name.endsWith(".class"))
              .filter(name -> !name.startsWith("io/github/snowplowjakarta/"))
              .toList();
      assertThat(foreign).isEmpty();
      assertThat(
              jar.getEntry("io/github/snowplowjakarta/shaded/jackson/databind/ObjectMapper.class"))
          .isNotNull();
      assertThat(
              jar.getEntry(
                  "io/github/snowplowjakarta/shaded/hc/client5/http/impl/async/HttpAsyncClients.class"))
          .isNotNull();
      assertThat(
              jar.getEntry(
                  "io/github/snowplowjakarta/shaded/publicsuffix/list/effective_tld_names.dat"))
          .isNotNull();
      assertThat(jar.getEntry("io/github/snowplowjakarta/web/internal/crawler-user-agents.txt"))
          .as("the web module's list of crawlers")
          .isNotNull();
    }
  }

  @Test
  void noClassRefersToABundledLibraryByItsOriginalName() throws IOException {
    List<String> references = new ArrayList<>();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      for (JarEntry entry : Collections.list(jar.entries())) {
        if (!entry.getName().endsWith(".class")) {
          continue;
        }
        String constants = read(jar, entry);
        for (String original : ORIGINAL_PACKAGES) {
          // Internal names: what class, field and method references link against. (Dotted names
          // remain in a few error messages, as prose.)
          if (constants.contains(original)) {
            references.add(entry.getName() + " -> " + original);
          }
        }
      }
    }
    assertThat(references).isEmpty();
  }

  @Test
  void serviceFilesNameClassesInTheJarUnderRelocatedInterfaces() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(service(jar, "jakarta.servlet.ServletContainerInitializer"))
          .containsExactly("io.github.snowplowjakarta.servlet.SnowplowInitializer");
      assertThat(service(jar, "jakarta.enterprise.inject.spi.Extension"))
          .containsExactly("io.github.snowplowjakarta.cdi.SnowplowExtension");
      assertThat(service(jar, "io.github.snowplowjakarta.shaded.slf4j.spi.SLF4JServiceProvider"))
          .containsExactly("io.github.snowplowjakarta.dropin.internal.SystemLoggerProvider");
      List<String> serviceFiles =
          Collections.list(jar.entries()).stream()
              .map(JarEntry::getName)
              .filter(name -> name.startsWith("META-INF/services/") && !name.endsWith("/"))
              .toList();
      for (String file : serviceFiles) {
        String type = file.substring("META-INF/services/".length());
        assertThat(type).doesNotStartWith("org.slf4j").doesNotStartWith("com.fasterxml");
        for (String implementation : service(jar, type)) {
          assertThat(jar.getEntry(implementation.replace('.', '/') + ".class"))
              .as(file + " names " + implementation)
              .isNotNull();
        }
      }
    }
  }

  @Test
  void manifestAndLicencesAreThere() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
          .isEqualTo("io.github.snowplowjakarta.all");
      assertThat(read(jar, jar.getJarEntry("META-INF/LICENSE"))).contains("Apache License");
      assertThat(read(jar, jar.getJarEntry("META-INF/LICENSE.txt"))).contains("QOS.ch");
      assertThat(read(jar, jar.getJarEntry("META-INF/NOTICE")))
          .contains("Jackson")
          .contains("Apache HttpClient")
          .contains("Apache HttpComponents Core");
      assertThat(jar.getEntry("META-INF/FastDoubleParser-LICENSE")).isNotNull();
      assertThat(read(jar, jar.getJarEntry("META-INF/THIRD-PARTY.txt")))
          .contains("io.github.snowplowjakarta.shaded.jackson")
          .doesNotContain("${");
    }
  }

  @Test
  void aloneOnTheClassPathItTracksAndWritesNothingToTheConsole() throws Exception {
    String stdout = trackStandalone("-cp", JAR + File.pathSeparator + testClasses());

    assertThat(stdout).contains("module=unnamed");
  }

  /**
   * On the module path the jar is the automatic module {@code io.github.snowplowjakarta.all} (it
   * cannot carry a module-info: see dropin/pom.xml), which an application's code reads and uses
   * like the separate modules.
   */
  @Test
  void onTheModulePathItIsTheAutomaticModuleAllAndTracks() throws Exception {
    String stdout =
        trackStandalone(
            "--module-path",
            JAR.toString(),
            "--add-modules",
            MODULE,
            "-cp",
            testClasses().toString());

    assertThat(stdout).contains("module=" + MODULE + " automatic=true");
  }

  /**
   * What an automatic module shows: every package, so on the module path the {@code internal} and
   * relocated packages are reachable from this jar, as on the class path; the separate modules hide
   * them. Its service files become {@code provides}, so containers find it either way.
   */
  @Test
  void asAnAutomaticModuleItExportsEveryPackageAndProvidesItsServices() {
    ModuleDescriptor all = ModuleFinder.of(JAR).find(MODULE).orElseThrow().descriptor();

    assertThat(all.isAutomatic()).isTrue();
    assertThat(all.packages())
        .contains(
            "io.github.snowplowjakarta.core",
            "io.github.snowplowjakarta.web",
            "io.github.snowplowjakarta.web.consent",
            "io.github.snowplowjakarta.web.internal",
            "io.github.snowplowjakarta.servlet",
            "io.github.snowplowjakarta.cdi",
            "io.github.snowplowjakarta.core.internal",
            "io.github.snowplowjakarta.shaded.jackson.databind")
        .noneMatch(p -> p.startsWith("com.fasterxml") || p.startsWith("org.apache.hc"));
    assertThat(all.provides())
        .extracting(ModuleDescriptor.Provides::service)
        .contains(
            "jakarta.servlet.ServletContainerInitializer",
            "jakarta.enterprise.inject.spi.Extension");
  }

  /** Runs {@link StandaloneTracking} in a child JVM with these options; returns its output. */
  private static String trackStandalone(String... options) throws Exception {
    try (TestCollector collector = TestCollector.start()) {
      Path out = Files.createTempFile("standalone", ".out");
      Path err = Files.createTempFile("standalone", ".err");
      List<String> command = new ArrayList<>();
      command.add(javaExecutable());
      command.addAll(List.of(options));
      command.add(StandaloneTracking.class.getName());
      command.add(collector.uri().toString());
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();

      String stdout = Files.readString(out);
      assertThat(process.exitValue()).as(stdout + Files.readString(err)).isZero();
      assertThat(Files.readString(err)).as("stderr").isEmpty();
      assertThat(stdout).contains("queued=true flushed=true");
      Matcher records = Pattern.compile("httpclient-records=(\\d+)").matcher(stdout);
      assertThat(records.find()).isTrue();
      assertThat(Integer.parseInt(records.group(1)))
          .as("HttpClient's FINE records that reached java.util.logging")
          .isPositive();
      assertThat(collector.acceptedEvents())
          .extracting((JsonNode event) -> event.path("url").asText())
          .containsExactly("https://shop.example/standalone");
      assertThat(collector.validationErrors()).isEmpty();
      return stdout;
    }
  }

  private static Path testClasses() throws Exception {
    return Path.of(
        StandaloneTracking.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static List<String> service(JarFile jar, String type) throws IOException {
    JarEntry entry = jar.getJarEntry("META-INF/services/" + type);
    assertThat(entry).as("service file for " + type).isNotNull();
    return read(jar, entry)
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  /** The entry's bytes as Latin-1: class constants in modified UTF-8 stay searchable as text. */
  private static String read(JarFile jar, JarEntry entry) throws IOException {
    try (InputStream in = jar.getInputStream(entry)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static String javaExecutable() {
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }
}
