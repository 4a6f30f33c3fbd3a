package io.github.snowplowjakarta.dropin;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.testing.PayaraMicro;
import io.github.snowplowjakarta.testing.TestCollector;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The drop-in jar on Payara Micro (Jakarta EE 10, with Faces), configured by the environment only,
 * in two WARs deployed together: a Faces application in URL client-window mode with the drop-in jar
 * alone in {@code WEB-INF/lib}, and an application that ships its own, older Jackson, HttpClient 5
 * and SLF4J next to it. One server for all tests, stopped by the last one, which then reads its
 * log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraDropinIT {
  private static final Path WORK = Path.of(System.getProperty("payara.work"));

  /** A person's browser: the filter gives automated clients no page view. */
  private static final String DESKTOP_CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Safari/537.36";

  private final TestCollector collector = TestCollector.start();
  private final HttpClient browser = HttpClient.newHttpClient();
  private PayaraMicro payara;
  private String base;

  @BeforeAll
  void deploy() throws Exception {
    Path payaraJar = Path.of(System.getProperty("payara.jar"));
    Path dropinJar = Path.of(System.getProperty("dropin.jar"));
    Path webapps = Path.of(System.getProperty("test.webapps"));
    Path appLibs = Path.of(System.getProperty("app.libs"));
    Path appClasses =
        Path.of(
            io.github.snowplowjakarta.dropin.app.OwnLibrariesServlet.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    assertThat(payaraJar).exists();
    assertThat(dropinJar).exists();

    // Payara Micro keeps what it deployed under its root directory and would run that again.
    deleteRecursively(WORK);
    Path wars = Files.createDirectories(WORK.resolve("wars"));
    war(wars.resolve("faces.war"), webapps.resolve("faces"), List.of(), List.of(dropinJar));
    war(
        wars.resolve("libs.war"),
        webapps.resolve("libs"),
        classFiles(appClasses, "io/github/snowplowjakarta/dropin/app"),
        Stream.concat(Stream.of(dropinJar), jars(appLibs).stream()).toList());

    payara =
        PayaraMicro.start(payaraJar, WORK, collector.uri(), "--deploymentDir", wars.toString());
    base = payara.base();
    await()
        .atMost(ofSeconds(240))
        .pollInterval(ofSeconds(1))
        .ignoreExceptions()
        .until(
            () -> {
              assertThat(payara.isAlive()).as("Payara Micro is running").isTrue();
              return get("/faces/ready.txt").statusCode() == 200
                  && get("/libs/ping").statusCode() == 200;
            });
  }

  @AfterAll
  void stop() throws Exception {
    stopPayara();
    collector.close();
  }

  @Test
  @Order(1)
  void facesPageViewsCarryTheTitleAndNeverTheWindowIdOrViewState() throws Exception {
    HttpResponse<String> index = get("/faces/index.xhtml");
    assertThat(index.statusCode()).isEqualTo(200);
    String link = attribute(index.body(), "<a[^>]*id=\"show\"[^>]*href=\"([^\"]+)\"");
    assertThat(link).as("URL client-window mode puts the window id in links").contains("jfwid=");
    String windowId = URLDecoder.decode(query(link, "jfwid"), StandardCharsets.UTF_8);
    String viewState =
        attribute(index.body(), "name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    // The page's own address as the form posts to it: with the window id and, as no cookie came
    // back yet, the session id.
    String formAction =
        attribute(index.body(), "<form[^>]*action=\"([^\"]+)\"").replace("&amp;", "&");
    assertThat(formAction).contains("jfwid=");

    // The link as a browser follows it, coming from that page with the view state in its URL too.
    String referrer = base + formAction + "&jakarta.faces.ViewState=" + encode(viewState);
    HttpResponse<String> show =
        browser.send(
            HttpRequest.newBuilder(URI.create(base + link.replace("&amp;", "&")))
                .header("Referer", referrer)
                .header("User-Agent", DESKTOP_CHROME)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(show.statusCode()).isEqualTo(200);

    List<JsonNode> pageViews =
        await().atMost(ofSeconds(30)).until(() -> pageViews("/faces/"), views -> views.size() >= 2);
    JsonNode indexView = pageView(pageViews, "/faces/index.xhtml");
    JsonNode showView = pageView(pageViews, "/faces/show.xhtml");

    assertThat(indexView.path("page").asText()).isEqualTo("Cargo & Tracking – Routes");
    assertThat(showView.path("page").asText()).isEqualTo("Cargo ABC123 – details");
    assertThat(showView.path("url").asText()).contains("trackingId=ABC123");
    assertThat(showView.path("refr").asText()).startsWith(base + "/faces/index.xhtml");
    for (JsonNode event : collector.acceptedEvents()) {
      for (String field : List.of("url", "refr")) {
        String value = event.path(field).asText();
        assertThat(value)
            .as(field + " of " + event.path("e").asText())
            .doesNotContain("jfwid")
            .doesNotContain(windowId)
            .doesNotContain(encode(windowId))
            .doesNotContain("ViewState")
            .doesNotContain("jsessionid");
      }
    }
    assertThat(collector.validationErrors()).isEmpty();
  }

  @Test
  @Order(2)
  void anApplicationKeepsItsOwnJacksonAndHttpClientAndIsTracked() throws Exception {
    HttpResponse<String> page = get("/libs/versions");

    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body())
        .contains("\"jackson\":\"" + System.getProperty("app.jackson.version") + "\"")
        .contains("\"httpclient\":\"" + System.getProperty("app.httpclient5.version") + "\"")
        .contains("\"ping\":\"pong\"");
    List<JsonNode> pageViews =
        await().atMost(ofSeconds(30)).until(() -> pageViews("/libs/"), views -> !views.isEmpty());
    assertThat(pageViews)
        .extracting(view -> view.path("page").asText())
        .containsExactly("Own libraries");
    assertThat(collector.validationErrors()).isEmpty();
  }

  @Test
  @Order(3)
  void afterDeployTrafficAndUndeployTheLogHasNoWarningAboutUsOrSlf4j() throws Exception {
    stopPayara();

    String log = Files.readString(WORK.resolve("payara.log"), StandardCharsets.UTF_8);
    assertThat(log).as("both applications were deployed").contains("faces").contains("libs");
    assertThat(ServerLog.warningsAboutUs(log)).isEmpty();
  }

  private List<JsonNode> pageViews(String pathPrefix) {
    return collector.acceptedEvents().stream()
        .filter(event -> "pv".equals(event.path("e").asText()))
        .filter(event -> URI.create(event.path("url").asText()).getPath().startsWith(pathPrefix))
        .toList();
  }

  private static JsonNode pageView(List<JsonNode> pageViews, String path) {
    return pageViews.stream()
        .filter(event -> URI.create(event.path("url").asText()).getPath().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no page view of " + path + " in " + pageViews));
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return browser.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("User-Agent", DESKTOP_CHROME)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void stopPayara() throws InterruptedException {
    if (payara != null) {
      payara.close();
    }
  }

  private static String attribute(String html, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(html);
    assertThat(matcher.find()).as(regex + " in\n" + html).isTrue();
    return matcher.group(1);
  }

  private static String query(String link, String name) {
    Matcher matcher = Pattern.compile("[?&;]" + Pattern.quote(name) + "=([^&]+)").matcher(link);
    assertThat(matcher.find()).as(name + " in " + link).isTrue();
    return matcher.group(1);
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A WAR of a web directory, classes (as paths under WEB-INF/classes) and library jars. */
  private static void war(
      Path war, Path webDir, List<java.util.Map.Entry<String, Path>> classes, List<Path> libs)
      throws IOException {
    try (OutputStream file = Files.newOutputStream(war);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      try (Stream<Path> files = Files.walk(webDir)) {
        for (Path path : files.filter(Files::isRegularFile).toList()) {
          add(zip, webDir.relativize(path).toString().replace(File.separatorChar, '/'), path);
        }
      }
      for (var classFile : classes) {
        add(zip, "WEB-INF/classes/" + classFile.getKey(), classFile.getValue());
      }
      for (Path lib : libs) {
        add(zip, "WEB-INF/lib/" + lib.getFileName(), lib);
      }
    }
  }

  private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    Files.copy(file, zip);
    zip.closeEntry();
  }

  /** The class files of one package directory, keyed by their path under the class root. */
  private static List<java.util.Map.Entry<String, Path>> classFiles(Path root, String packageDir)
      throws IOException {
    try (Stream<Path> files = Files.list(root.resolve(packageDir))) {
      return files
          .filter(path -> path.toString().endsWith(".class"))
          .map(path -> java.util.Map.entry(packageDir + "/" + path.getFileName(), path))
          .toList();
    }
  }

  private static List<Path> jars(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(path -> path.toString().endsWith(".jar")).sorted().toList();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
