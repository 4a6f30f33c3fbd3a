package io.github.snowplowjakarta.sample;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Tomcat distribution (unpacked by the build into {@code tomcat.home}) in its own process,
 * as {@code catalina.sh run} starts it: its own {@code CATALINA_BASE} under {@code target/}, one
 * HTTP connector on a free loopback port, the shutdown port disabled, no auto-deployment, and the
 * manager application (text interface) to deploy, undeploy, dump threads and find leaks.
 */
final class StandaloneTomcat implements AutoCloseable {
  /** A JUL record's first line as Tomcat's formatter writes it: date, time, level, thread. */
  private static final Pattern RECORD =
      Pattern.compile("^\\d{2}-\\w{3}-\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} (\\w+) .*");

  private static final Pattern PROBLEM_LEVEL = Pattern.compile("SEVERE|WARNING|WARN|ERROR");

  private final Path base;
  private final Process process;
  private final int port;
  private final String authorization;
  private final HttpClient http = HttpClient.newHttpClient();

  private StandaloneTomcat(Path base, Process process, int port, String authorization) {
    this.base = base;
    this.process = process;
    this.port = port;
    this.authorization = authorization;
  }

  /** The distribution the build unpacked (the failsafe property {@code tomcat.home}). */
  static Path home() {
    Path home = Path.of(System.getProperty("tomcat.home", "target/tomcat-dist/missing"));
    assertThat(home.resolve("bin/bootstrap.jar")).as("the unpacked Tomcat distribution").exists();
    return home;
  }

  /** Starts Tomcat with this environment, and waits until its manager answers. */
  static StandaloneTomcat start(String name, Map<String, String> environment) throws Exception {
    Path home = home();
    Path base = Path.of("target", "tomcat", name).toAbsolutePath();
    deleteRecursively(base);
    for (String dir : List.of("conf/Catalina/localhost", "webapps", "logs", "temp", "work")) {
      Files.createDirectories(base.resolve(dir));
    }
    for (String file :
        List.of("web.xml", "catalina.properties", "context.xml", "logging.properties")) {
      Files.copy(home.resolve("conf").resolve(file), base.resolve("conf").resolve(file));
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Files.writeString(
        base.resolve("conf/server.xml"),
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Server port="-1" shutdown="SHUTDOWN">
          <Listener className="org.apache.catalina.startup.VersionLoggerListener"/>
          <Listener className="org.apache.catalina.core.JreMemoryLeakPreventionListener"/>
          <Listener className="org.apache.catalina.mbeans.GlobalResourcesLifecycleListener"/>
          <Listener className="org.apache.catalina.core.ThreadLocalLeakPreventionListener"/>
          <GlobalNamingResources>
            <Resource name="UserDatabase" auth="Container" type="org.apache.catalina.UserDatabase"
                factory="org.apache.catalina.users.MemoryUserDatabaseFactory"
                pathname="conf/tomcat-users.xml"/>
          </GlobalNamingResources>
          <Service name="Catalina">
            <Connector address="127.0.0.1" port="%d" protocol="HTTP/1.1" connectionTimeout="20000"/>
            <Engine name="Catalina" defaultHost="localhost">
              <Realm className="org.apache.catalina.realm.UserDatabaseRealm" resourceName="UserDatabase"/>
              <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
            </Engine>
          </Service>
        </Server>
        """
            .formatted(port));
    String password = UUID.randomUUID().toString();
    Files.writeString(
        base.resolve("conf/tomcat-users.xml"),
        """
        <tomcat-users>
          <role rolename="manager-script"/>
          <user username="test" password="%s" roles="manager-script"/>
        </tomcat-users>
        """
            .formatted(password));
    Files.writeString(
        base.resolve("conf/Catalina/localhost/manager.xml"),
        "<Context docBase=\""
            + home.resolve("webapps/manager")
            + "\" privileged=\"true\" antiResourceLocking=\"false\"/>");

    // What catalina.sh run does: the same class path, logging and --add-opens (which Tomcat's
    // leak prevention needs on Java 9+).
    ProcessBuilder builder =
        new ProcessBuilder(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xmx512m",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
                "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Dcatalina.home=" + home.toAbsolutePath(),
                "-Dcatalina.base=" + base,
                "-Djava.io.tmpdir=" + base.resolve("temp"),
                "-cp",
                home.resolve("bin/bootstrap.jar")
                    + File.pathSeparator
                    + home.resolve("bin/tomcat-juli.jar"),
                "org.apache.catalina.startup.Bootstrap",
                "start")
            .directory(base.toFile())
            .redirectErrorStream(true)
            .redirectOutput(base.resolve("logs/console.out").toFile());
    builder.environment().putAll(environment);
    StandaloneTomcat tomcat =
        new StandaloneTomcat(
            base,
            builder.start(),
            port,
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(("test:" + password).getBytes(StandardCharsets.UTF_8)));
    try {
      await()
          .atMost(ofSeconds(180))
          .pollInterval(ofSeconds(1))
          .ignoreExceptions()
          .until(
              () -> {
                assertThat(tomcat.process.isAlive()).as("Tomcat is running").isTrue();
                return tomcat.manager("serverinfo").startsWith("OK");
              });
    } catch (RuntimeException | Error notStarted) {
      tomcat.close();
      throw notStarted;
    }
    return tomcat;
  }

  /** {@code http://127.0.0.1:port} and the context path. */
  String url(String contextPath) {
    return "http://127.0.0.1:" + port + contextPath;
  }

  /** Deploys this WAR at this context path through the manager, as an operator would. */
  void deploy(String contextPath, Path war) throws Exception {
    String answer =
        manager(
            "deploy?path="
                + URLEncoder.encode(contextPath, StandardCharsets.UTF_8)
                + "&war="
                + URLEncoder.encode(
                    war.toAbsolutePath().toUri().toString(), StandardCharsets.UTF_8));
    assertThat(answer).as("deploying " + war + " at " + contextPath).startsWith("OK");
  }

  void undeploy(String contextPath) throws Exception {
    String answer =
        manager("undeploy?path=" + URLEncoder.encode(contextPath, StandardCharsets.UTF_8));
    assertThat(answer).as("undeploying " + contextPath).startsWith("OK");
  }

  /**
   * The JVM's threads as the manager dumps them: each thread's name, then its stack. Our emitter
   * threads clear their context class loader, so Tomcat's own "failed to stop a thread" check
   * cannot see them: the test looks for them here.
   */
  List<String> threads() throws Exception {
    List<String> threads = new ArrayList<>();
    StringBuilder current = null;
    for (String line : manager("threaddump").lines().toList()) {
      if (line.startsWith("\"")) {
        if (current != null) {
          threads.add(current.toString());
        }
        current = new StringBuilder();
      }
      if (current != null) {
        current.append(line).append('\n');
      }
    }
    if (current != null) {
      threads.add(current.toString());
    }
    return threads;
  }

  /**
   * The stack dumps of the threads named as our emitters name theirs ({@code snowplow-…}) or
   * running our code.
   */
  List<String> ourThreads() throws Exception {
    return threads().stream()
        .filter(
            dump -> dump.startsWith("\"snowplow-") || dump.contains("io.github.snowplowjakarta"))
        .toList();
  }

  /**
   * Tomcat's own leak check: a full GC, then the context paths of stopped applications whose class
   * loader (held weakly by the host) is still reachable; empty when none is.
   */
  List<String> leakedApplications() throws Exception {
    List<String> answer = manager("findleaks?statusLine=true").lines().toList();
    assertThat(answer).isNotEmpty();
    assertThat(answer.get(0)).startsWith("OK");
    // "OK - No memory leaks found", or "OK - Found potential memory leaks…" and one path a line.
    return answer.stream().skip(1).filter(line -> !line.isBlank()).toList();
  }

  /**
   * The log records (console output, which holds stderr, and the log files) at SEVERE, WARNING,
   * WARN (JBoss Logging's name for it) or ERROR whose text contains one of these strings, with
   * their stack traces; and any line at all that contains them outside a record (stderr).
   */
  List<String> problems(String... naming) throws IOException {
    List<String> found = new ArrayList<>();
    List<Path> logs;
    try (Stream<Path> files = Files.list(base.resolve("logs"))) {
      logs = files.sorted().toList();
    }
    for (Path log : logs) {
      String level = null;
      StringBuilder record = new StringBuilder();
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        var header = RECORD.matcher(line);
        if (header.matches()) {
          addIfNaming(found, level, record, naming);
          level = header.group(1);
          record.setLength(0);
          record.append(log.getFileName()).append(": ").append(line);
        } else if (level != null && (line.startsWith("\t") || line.startsWith(" "))) {
          record.append('\n').append(line);
        } else {
          addIfNaming(found, level, record, naming);
          level = "STDERR";
          record.setLength(0);
          record.append(log.getFileName()).append(": ").append(line);
        }
      }
      addIfNaming(found, level, record, naming);
    }
    return found;
  }

  private static void addIfNaming(
      List<String> found, String level, StringBuilder record, String... naming) {
    if (level == null || !(level.equals("STDERR") || PROBLEM_LEVEL.matcher(level).matches())) {
      return;
    }
    String text = record.toString();
    for (String name : naming) {
      if (text.contains(name)) {
        found.add(text);
        return;
      }
    }
  }

  private String manager(String command) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url("/manager/text/" + command)))
                .header("Authorization", authorization)
                .timeout(Duration.ofMinutes(3))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("manager " + command).isEqualTo(200);
    return response.body();
  }

  /**
   * A copy of this WAR with these files added (path in the WAR → file), as a user adds a jar to
   * {@code WEB-INF/lib} or a descriptor to {@code WEB-INF}.
   */
  static Path warWith(Path war, Path copy, Map<String, Path> added) throws IOException {
    Files.createDirectories(copy.getParent());
    Files.copy(war, copy, StandardCopyOption.REPLACE_EXISTING);
    try (FileSystem zip = FileSystems.newFileSystem(copy)) {
      for (Map.Entry<String, Path> entry : added.entrySet()) {
        Path target = zip.getPath(entry.getKey());
        Files.createDirectories(target.getParent());
        Files.copy(entry.getValue(), target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return copy;
  }

  /** Stops Tomcat as a service manager does (SIGTERM: its shutdown hook stops every context). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
