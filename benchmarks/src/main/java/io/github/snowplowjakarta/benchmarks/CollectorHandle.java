package io.github.snowplowjakarta.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loopback collector, one endpoint per tracker: in this JVM, or with {@code -Dload.cpus} in a
 * process of its own on the load's CPUs, as a real collector runs on another machine.
 */
final class CollectorHandle {
  private final LoopbackCollector inProcess;
  private final Process process;
  private final BufferedReader output;
  private final Map<String, URI> uris;

  private CollectorHandle(
      LoopbackCollector inProcess, Process process, BufferedReader output, Map<String, URI> uris) {
    this.inProcess = inProcess;
    this.process = process;
    this.output = output;
    this.uris = uris;
  }

  static CollectorHandle start(String... names) throws IOException {
    Map<String, URI> uris = new LinkedHashMap<>();
    if (System.getProperty("load.cpus") == null) {
      LoopbackCollector collector = new LoopbackCollector(names);
      for (String name : names) {
        uris.put(name, collector.uri(name));
      }
      return new CollectorHandle(collector, null, null, uris);
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LoopbackCollector.class.getName()));
    command.addAll(List.of(names));
    Process process =
        new ProcessBuilder(FilterOverhead.pinned(command.toArray(String[]::new)))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader output =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String name : names) {
      uris.put(name, URI.create(output.readLine()));
    }
    return new CollectorHandle(null, process, output, uris);
  }

  /** The collector process's CPU time so far, or -1 when it runs in this JVM or cannot be read. */
  long processCpuNanos() {
    return process == null
        ? -1
        : process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  URI uri(String name) {
    return uris.get(name);
  }

  /** The events and requests each endpoint received so far. */
  Map<String, long[]> counts() throws IOException {
    if (inProcess != null) {
      return parse(inProcess.counts());
    }
    process.getOutputStream().write('\n');
    process.getOutputStream().flush();
    StringBuilder lines = new StringBuilder();
    String line;
    while ((line = output.readLine()) != null && !line.equals("end")) {
      lines.append(line).append('\n');
    }
    return parse(lines.toString());
  }

  /** Stops the collector; the events and requests each endpoint received. */
  Map<String, long[]> close() throws IOException, InterruptedException {
    String counts;
    if (inProcess != null) {
      counts = inProcess.counts();
      inProcess.close();
    } else {
      process.getOutputStream().close();
      StringBuilder lines = new StringBuilder();
      String line;
      while ((line = output.readLine()) != null) {
        lines.append(line).append('\n');
      }
      process.waitFor();
      counts = lines.toString();
    }
    return parse(counts);
  }

  private static Map<String, long[]> parse(String counts) {
    Map<String, long[]> received = new LinkedHashMap<>();
    for (String line : counts.split("\n")) {
      String[] fields = line.split(" ");
      if (fields.length == 4 && fields[0].equals("collector")) {
        received.put(fields[1], new long[] {Long.parseLong(fields[2]), Long.parseLong(fields[3])});
      }
    }
    return received;
  }
}
