package io.github.snowplowjakarta.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the README compiles against our jars, so no example names a type,
 * method or variable that does not exist. The convention:
 *
 * <ul>
 *   <li>Each block is compiled in a package of its own, with {@link #IMPORTS}: our API packages and
 *       the usual {@code java.*} and {@code jakarta.*} ones.
 *   <li>A block with a type declaration at its first column ({@code public class Shop {…}}) is
 *       compiled as a file.
 *   <li>Any other block is a run of statements, compiled as the body of a method of a class whose
 *       fields are {@link #NAMES}, the names the README uses without declaring them. A block may
 *       declare its own variable of the same name.
 *   <li>A block that cannot compile here (pseudo-code, another framework's API) has {@code <!-- not
 *       compiled: why -->} as the last line before it.
 * </ul>
 */
class ReadmeJavaBlocksTest {
  private static final Path README =
      Path.of(System.getProperty("user.dir")).resolve("../README.md");

  static final String IMPORTS =
      """
      import static org.assertj.core.api.Assertions.assertThat;
      import io.github.snowplowjakarta.cdi.*;
      import io.github.snowplowjakarta.core.*;
      import io.github.snowplowjakarta.core.config.*;
      import io.github.snowplowjakarta.core.emitter.*;
      import io.github.snowplowjakarta.core.encoding.*;
      import io.github.snowplowjakarta.core.event.*;
      import io.github.snowplowjakarta.servlet.*;
      import io.github.snowplowjakarta.web.consent.*;
      import io.github.snowplowjakarta.testing.*;
      import jakarta.enterprise.context.*;
      import jakarta.inject.*;
      import jakarta.servlet.*;
      import jakarta.servlet.http.*;
      import java.net.*;
      import java.nio.file.*;
      import java.time.*;
      import java.util.*;
      import java.util.concurrent.*;
      """;

  static final String NAMES =
      """
        Tracker tracker;
        Emitter emitter;
        Event event;
        URI collector;
        ServletContext context;
        ConsentSource source;
        HttpServletRequest request;
        HttpServletResponse response;
        String schema;
        Map<String, Object> data;
        ExecutorService pool;
        Runnable work;
      """;

  static final String NOT_COMPILED = "<!-- not compiled:";

  private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\S*)\\s*$");
  private static final Pattern TYPE =
      Pattern.compile(
          "^(?:public\\s+|final\\s+|abstract\\s+)*(?:class|interface|record|enum)\\s+(\\w+)",
          Pattern.MULTILINE);

  /** A java block of the README: the line of its first code line (1-based) and its code. */
  record Block(int line, String code, boolean compiled) {}

  static List<Block> javaBlocks(List<String> lines) {
    List<Block> blocks = new ArrayList<>();
    String previous = "";
    int previousLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      boolean marked = previous.startsWith(NOT_COMPILED);
      if (marked && !(open.matches() && open.group(2).equals("java"))) {
        throw new AssertionError(
            "README.md:" + previousLine + ": " + previous + " stands before no java block");
      }
      if (!open.matches()) {
        if (!lines.get(i).isBlank()) {
          previous = lines.get(i).strip();
          previousLine = i + 1;
        }
        continue;
      }
      String indent = open.group(1);
      StringBuilder code = new StringBuilder();
      int close = i + 1;
      while (close < lines.size() && !lines.get(close).strip().equals("```")) {
        String line = lines.get(close);
        code.append(line.startsWith(indent) ? line.substring(indent.length()) : line).append('\n');
        close++;
      }
      if (open.group(2).equals("java")) {
        blocks.add(new Block(i + 2, code.toString(), !marked));
      }
      previous = "";
      i = close;
    }
    return blocks;
  }

  /** A block as a Java source file, and how many lines precede the block's first line in it. */
  record Source(JavaFileObject file, int offset, Block block) {}

  static Source source(Block block) {
    String pkg = "package readme.line" + block.line() + ";\n" + IMPORTS;
    Matcher type = TYPE.matcher(block.code());
    String text;
    String name;
    if (type.find()) {
      name = type.group(0).startsWith("public") ? type.group(1) : "Block";
      text = pkg + block.code();
    } else {
      name = "Block";
      pkg += "class Block {\n" + NAMES + "  void run() throws Exception {\n";
      text = pkg + block.code() + "  }\n}\n";
    }
    int offset = (int) pkg.chars().filter(c -> c == '\n').count();
    URI uri = URI.create("string:///readme/line" + block.line() + "/" + name + ".java");
    JavaFileObject file =
        new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
          }
        };
    return new Source(file, offset, block);
  }

  /** The compiler's errors, each as "README.md:line: message". */
  static List<String> compile(List<Block> blocks, Path out) {
    List<Source> sources = blocks.stream().map(ReadmeJavaBlocksTest::source).toList();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options =
        List.of(
            "-proc:none",
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            out.toString());
    StringWriter output = new StringWriter();
    boolean ok =
        javac
            .getTask(
                output,
                null,
                diagnostics,
                options,
                null,
                sources.stream().map(Source::file).toList())
            .call();
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      Source source =
          sources.stream().filter(s -> s.file() == d.getSource()).findFirst().orElse(null);
      String where =
          source == null
              ? "?"
              : String.valueOf(source.block().line() + d.getLineNumber() - 1 - source.offset());
      errors.add("README.md:" + where + ": " + d.getMessage(Locale.ROOT));
    }
    if (!ok && errors.isEmpty()) {
      errors.add("javac failed: " + output);
    }
    return errors;
  }

  @Test
  void everyJavaBlockCompiles(@TempDir Path out) throws IOException {
    List<Block> blocks = javaBlocks(Files.readAllLines(README, StandardCharsets.UTF_8));
    List<Block> compiled = blocks.stream().filter(Block::compiled).toList();
    System.out.printf(
        "README: %d java blocks compiled, %d marked not compiled%n",
        compiled.size(), blocks.size() - compiled.size());

    assertThat(compiled).as("java blocks in the README").isNotEmpty();
    assertThat(compile(compiled, out)).as("README java blocks that do not compile").isEmpty();
  }

  @Test
  void aBrokenBlockIsReportedWithItsReadmeLine(@TempDir Path out) {
    List<String> readme =
        List.of(
            "text",
            "```java",
            "tracker.track(event);",
            "tracker.trak(event);",
            "```",
            "<!-- not compiled: pseudo-code -->",
            "```java",
            "this is not Java",
            "```",
            "```java",
            "@ApplicationScoped",
            "public class Checkout {",
            "  @Inject Tracker tracker;",
            "  void pay() { tracker.track(UNDEFINED); }",
            "}",
            "```");
    List<Block> blocks = javaBlocks(readme);
    assertThat(blocks).extracting(Block::line).containsExactly(3, 8, 11);
    assertThat(blocks).extracting(Block::compiled).containsExactly(true, false, true);

    List<String> errors = compile(blocks.stream().filter(Block::compiled).toList(), out);

    assertThat(errors)
        .hasSize(2)
        .anySatisfy(e -> assertThat(e).startsWith("README.md:4: ").contains("trak"))
        .anySatisfy(e -> assertThat(e).startsWith("README.md:14: ").contains("UNDEFINED"));
  }

  @Test
  void aMarkerBeforeNoJavaBlockFails() {
    List<String> readme =
        List.of("<!-- not compiled: stale -->", "", "prose", "```java", "x", "```");
    assertThatThrownBy(() -> javaBlocks(readme)).hasMessageStartingWith("README.md:1: ");
  }
}
