package io.github.snowplowjakarta.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Payara Micro in a JVM of its own, on a free loopback port, configured by the environment to send
 * to a collector with a short flush interval; its output goes to a log file. Stopped by {@link
 * #close()}.
 */
public final class PayaraMicro implements AutoCloseable {
  private final Process process;
  private final int port;

  private PayaraMicro(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts {@code payaraJar} with {@code deployment}'s arguments (what to deploy, and how), its
   * root directory and log under {@code work}.
   */
  public static PayaraMicro start(Path payaraJar, Path work, URI collector, String... deployment)
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    // A fresh root: one left by another Payara version (a second run on another JDK) fails its
    // start.
    deleteTree(work.resolve("root"));
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    // A short-lived server: the quick compiler only, for a faster start.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-jar");
    command.add(payaraJar.toString());
    command.addAll(List.of(deployment));
    command.addAll(
        List.of(
            "--port",
            Integer.toString(port),
            "--nocluster",
            "--rootDir",
            work.resolve("root").toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("payara.log").toFile());
    builder.environment().put("SNOWPLOW_COLLECTOR_URI", collector.toString());
    builder.environment().put("SNOWPLOW_EMITTER_FLUSH_INTERVAL", "200ms");
    return new PayaraMicro(builder.start(), port);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** Where it serves: {@code http://127.0.0.1:<port>}. */
  public String base() {
    return "http://127.0.0.1:" + port;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops it as a service manager would, forcibly if it has not stopped after a minute. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
