package io.github.snowplowjakarta.sample;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SampleServer#main} as the README's run command starts it: in a JVM of its own, on the
 * class path {@code exec:java} gives it (the compile scope, written to {@code
 * target/exec-classpath.txt} by the dependency plugin), with nothing on its console from SLF4J.
 */
class SampleMainTest {
  private static final Pattern STARTED = Pattern.compile("Sample shop: http://localhost:(\\d+)/");

  @Test
  void theRunCommandsClassPathServesTheShopWithNoSlf4jWarning(@TempDir Path dir) throws Exception {
    Path target = Path.of(System.getProperty("user.dir"), "target");
    String classPath =
        target.resolve("classes")
            + File.pathSeparator
            + Files.readString(target.resolve("exec-classpath.txt")).strip();
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process sample =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsample.port=0",
                "-cp",
                classPath,
                SampleServer.class.getName())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      await()
          .atMost(ofSeconds(60))
          .until(() -> STARTED.matcher(Files.readString(out)).find() || !sample.isAlive());
      Matcher started = STARTED.matcher(Files.readString(out));
      assertThat(started.find()).as("started; its stderr: " + Files.readString(err)).isTrue();

      HttpResponse<String> home =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + started.group(1) + "/"))
                      .timeout(ofSeconds(20))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(home.statusCode()).isEqualTo(200);
    } finally {
      sample.destroy();
      if (!sample.waitFor(20, TimeUnit.SECONDS)) {
        sample.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    assertThat(Files.readString(err, StandardCharsets.UTF_8)).doesNotContain("SLF4J");
  }
}
