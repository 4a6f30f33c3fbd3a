package io.github.snowplowjakarta.sample;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser: headless Chromium loads the sample's page that also runs the Snowplow browser
 * tracker (bundled from npm at build time), then follows on to a server-tracked page. Both sides
 * must share one domain user id and session when the visitor accepts, and send none when they
 * reject. When Chromium or the bundle is missing, or the browser cannot start, the test is reported
 * as skipped with the reason.
 */
class BrowserTest {
  private static final Path CHROMIUM =
      Path.of(Optional.ofNullable(System.getenv("CHROMIUM")).orElse("/usr/bin/chromium"));

  @TempDir Path profiles;
  private SampleServer sample;
  private final List<Process> browsers = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM),
        "headless Chromium not found at " + CHROMIUM + " (set CHROMIUM)");
    Assumptions.assumeTrue(
        BrowserTest.class.getClassLoader().getResource(ScriptServlet.BUNDLE) != null,
        "the browser tracker bundle was not built: npm was not found at build time");
    sample = SampleServer.start(0);
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (Process browser : browsers) {
      browser.descendants().forEach(ProcessHandle::destroyForcibly);
      browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (sample != null) {
      sample.close();
    }
  }

  private void visit(String choice) throws IOException {
    Path profile = Files.createDirectory(profiles.resolve(choice));
    Process browser =
        new ProcessBuilder(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                // Headless Chromium says HeadlessChrome, which the filter takes for automation
                // and gives no page view; this browser stands in for a person.
                "--user-agent=Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like"
                    + " Gecko) Chrome/131.0.0.0 Safari/537.36",
                "--user-data-dir=" + profile,
                "http://127.0.0.1:"
                    + sample.port()
                    + "/browser?consent="
                    + choice
                    + "&next=/product%3Fbrowser%3D"
                    + choice)
            .redirectErrorStream(true)
            .redirectOutput(profiles.resolve(choice + ".log").toFile())
            .start();
    browsers.add(browser);
  }

  /** The browser tracker's page view and the server's one of the next page, once both arrived. */
  private JsonNode[] awaitBothSides(String choice) throws IOException {
    JsonNode[] sides = new JsonNode[2];
    Process browser = browsers.get(browsers.size() - 1);
    try {
      await()
          .atMost(ofSeconds(60))
          .until(
              () -> {
                if (!browser.isAlive() && browser.exitValue() != 0) {
                  return true;
                }
                for (ReceivedEvents.Received received : sample.received()) {
                  JsonNode event = received.event();
                  String url = event.path("url").asText();
                  if (event.get("tv").asText().startsWith("js-")
                      && url.contains("/browser?consent=" + choice)) {
                    sides[0] = annotated(received);
                  }
                  if (event.get("tv").asText().startsWith("java-")
                      && url.endsWith("/product?browser=" + choice)) {
                    sides[1] = annotated(received);
                  }
                }
                return sides[0] != null && sides[1] != null;
              });
    } finally {
      if (!browser.isAlive() && browser.exitValue() != 0) {
        Assumptions.abort(
            "headless Chromium could not start (exit "
                + browser.exitValue()
                + "): "
                + Files.readString(profiles.resolve(choice + ".log")).lines().limit(5).toList());
      }
    }
    return sides;
  }

  private static JsonNode annotated(ReceivedEvents.Received received) {
    assertThat(received.errors()).as("schema check").isEmpty();
    ((com.fasterxml.jackson.databind.node.ObjectNode) received.event())
        .put("_anonymousRequest", received.anonymousRequest());
    return received.event();
  }

  @Test
  void acceptedTheServerSharesTheBrowserTrackersUserAndSession() throws Exception {
    visit("all");

    JsonNode[] sides = awaitBothSides("all");

    JsonNode browser = sides[0];
    JsonNode server = sides[1];
    assertThat(browser.get("duid").asText()).isNotBlank();
    assertThat(server.get("duid").asText()).isEqualTo(browser.get("duid").asText());
    assertThat(server.get("sid").asText()).isEqualTo(browser.get("sid").asText());
    assertThat(server.get("vid").asText()).isEqualTo(browser.get("vid").asText());
    assertThat(browser.get("_anonymousRequest").asBoolean()).isFalse();
    assertThat(server.get("_anonymousRequest").asBoolean()).isFalse();
  }

  @Test
  void rejectedNeitherSideSendsIdentifiers() throws Exception {
    visit("none");

    JsonNode[] sides = awaitBothSides("none");

    for (JsonNode side : sides) {
      assertThat(side.has("duid")).as(side.get("tv").asText() + " duid").isFalse();
      assertThat(side.has("sid")).as(side.get("tv").asText() + " sid").isFalse();
      assertThat(side.has("uid")).isFalse();
      assertThat(side.get("_anonymousRequest").asBoolean())
          .as(side.get("tv").asText() + " SP-Anonymous")
          .isTrue();
    }
  }
}
