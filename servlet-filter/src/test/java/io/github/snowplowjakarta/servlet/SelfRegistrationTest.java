package io.github.snowplowjakarta.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.servlet.annotated.AnnotatedTracking;
import io.github.snowplowjakarta.testing.TestCollector;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26 item 18: an application that registers the filter itself, while a collector URI is
 * configured where the zero-code registration reads it, gets exactly one tracking filter, whichever
 * way it registers: in code (the README's lines), in web.xml, or by annotation.
 */
class SelfRegistrationTest {
  private static final Path README =
      Path.of(System.getProperty("user.dir")).resolve("../README.md");
  private static final Path THIS_FILE =
      Path.of(System.getProperty("user.dir"))
          .resolve("src/test/java/io/github/snowplowjakarta/servlet/SelfRegistrationTest.java");

  @RegisterExtension final FilterFixture fixture = FilterFixture.perTest();
  private final TestCollector collector = fixture.collector();
  private final Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();

  /** The README's programmatic registration, as it stands there (checked below). */
  static final class ReadmeRegistration implements ServletContextListener {
    private final Tracker tracker;

    ReadmeRegistration(Tracker tracker) {
      this.tracker = tracker;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
      ServletContext context = event.getServletContext();
      // README:begin
      FilterRegistration.Dynamic filter =
          context.addFilter("snowplow", new SnowplowFilter(tracker));
      filter.setAsyncSupported(true);
      filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
      // README:end
    }
  }

  @Test
  void theReadmesProgrammaticRegistrationWorksBesideTheZeroCodeOne() throws IOException {
    Emitter emitter = Emitter.builder(collector.uri()).build();
    Tracker tracker =
        Tracker.builder(
                TrackerSettings.builder().appId("coded-shop").platform(Platform.WEB).build(),
                emitter)
            .build();
    ServletContextHandler context = TestApp.context();
    context.setInitParameter("snowplow.collector-uri", collector.uri().toString());
    context.addServletContainerInitializer(new SnowplowInitializer());
    context.addEventListener(new ReadmeRegistration(tracker));

    TestApp app = TestApp.start(context, emitter);
    app.get("/coded");
    app.flush();
    long emitters = emittersStarted();
    app.close();

    assertThat(pageViews()).extracting(e -> e.get("aid").asText()).containsExactly("coded-shop");
    assertThat(emitters)
        .as("the application's own; the auto-registered filter stood down")
        .isEqualTo(1);
    assertThat(normalised(Files.readString(README, StandardCharsets.UTF_8)))
        .as("README's code")
        .contains(readmeLines());
  }

  @Test
  void aFilterDeclaredInWebXmlWorksBesideTheZeroCodeOne() {
    WebAppContext webapp = new WebAppContext();
    webapp.setContextPath(TestApp.CONTEXT);
    webapp.setBaseResourceAsString(getClass().getResource("/webxml").toExternalForm());
    webapp.setParentLoaderPriority(true);
    webapp.setInitParameter("snowplow.collector-uri", collector.uri().toString());
    webapp.addServletContainerInitializer(new SnowplowInitializer());

    TestApp app = TestApp.start(webapp, null);
    app.get("/declared");
    long emitters = emittersStarted();
    app.close();

    assertThat(pageViews()).extracting(e -> e.get("aid").asText()).containsExactly("webxml-shop");
    assertThat(emitters).isEqualTo(1);
  }

  @Test
  void anAnnotatedFilterWorksBesideTheZeroCodeOne(@TempDir Path dir) throws IOException {
    // Without the annotated filter, Jetty finds the initializer through META-INF/services, as a
    // container does, and it registers the filter.
    WebAppContext plain = scannedWebapp(dir.resolve("plain"), false);
    TestApp app = TestApp.start(plain, null);
    assertThat(List.of(plain.getServletHandler().getFilters()))
        .extracting(holder -> holder.getName())
        .containsExactly(SnowplowInitializer.FILTER_NAME);
    app.close();

    WebAppContext annotated = scannedWebapp(dir.resolve("annotated"), true);
    app = TestApp.start(annotated, null);
    app.get("/annotated");
    long emitters = emittersStarted();
    app.close();

    assertThat(pageViews())
        .extracting(e -> e.get("aid").asText())
        .containsExactly("annotated-shop");
    assertThat(emitters).isEqualTo(1);
  }

  /** A web application scanned for annotations, with the annotated filter in WEB-INF/classes. */
  private WebAppContext scannedWebapp(Path dir, boolean withAnnotatedFilter) throws IOException {
    Files.createDirectories(dir.resolve("WEB-INF/classes"));
    if (withAnnotatedFilter) {
      String classFile = AnnotatedTracking.class.getName().replace('.', '/') + ".class";
      Path target = dir.resolve("WEB-INF/classes").resolve(classFile);
      Files.createDirectories(target.getParent());
      try (var in = AnnotatedTracking.class.getClassLoader().getResourceAsStream(classFile)) {
        Files.copy(in, target);
      }
    }
    Files.writeString(
        dir.resolve("WEB-INF/web.xml"),
        "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
            + "<servlet><servlet-name>pages</servlet-name>"
            + "<servlet-class>io.github.snowplowjakarta.servlet.TestPages</servlet-class>"
            + "<async-supported>true</async-supported></servlet>"
            + "<servlet-mapping><servlet-name>pages</servlet-name>"
            + "<url-pattern>/*</url-pattern></servlet-mapping></web-app>");
    WebAppContext webapp = new WebAppContext();
    webapp.setContextPath(TestApp.CONTEXT);
    webapp.setBaseResourceAsString(dir.toUri().toString());
    webapp.setParentLoaderPriority(true);
    webapp.addConfiguration(new AnnotationConfiguration());
    webapp.setInitParameter("snowplow.collector-uri", collector.uri().toString());
    return webapp;
  }

  /** Page views received; the applications were closed, so every emitter has delivered. */
  private List<JsonNode> pageViews() {
    return collector.acceptedEvents().stream()
        .filter(e -> e.get("e").asText().equals("pv"))
        .collect(Collectors.toList());
  }

  private long emittersStarted() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !threadsBefore.contains(t) && t.getName().startsWith("snowplow-emitter-"))
        .map(t -> t.getName().substring(0, t.getName().lastIndexOf('-')))
        .distinct()
        .count();
  }

  private static String readmeLines() throws IOException {
    Matcher lines =
        Pattern.compile("// README:begin(.*?)// README:end", Pattern.DOTALL)
            .matcher(Files.readString(THIS_FILE, StandardCharsets.UTF_8));
    assertThat(lines.find()).isTrue();
    return normalised(lines.group(1));
  }

  private static String normalised(String code) {
    return code.replaceAll("\\s+", " ").replace("( ", "(").trim();
  }
}
