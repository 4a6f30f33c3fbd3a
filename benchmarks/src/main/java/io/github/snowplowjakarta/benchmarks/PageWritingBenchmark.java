package io.github.snowplowjakarta.benchmarks;

import io.github.snowplowjakarta.servlet.internal.ServletWebResponse;
import io.github.snowplowjakarta.servlet.internal.TitleCapture;
import io.github.snowplowjakarta.web.internal.TitleScanner;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The realistic page of {@link FilterOverhead} ({@link ProductListing}, 36 products, about 52 KB
 * written by FreeMarker in a few thousand pieces) written to a container-like writer straight, and
 * through the title capture's writer: what reading the title costs a large page, apart from the
 * server. Each benchmark runs in a JVM of its own, as a server whose pages all go through the
 * capture would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(2)
public class PageWritingBenchmark {
  private final ProductListing listing = new ProductListing(36);
  private final CountingWriter sink = new CountingWriter();
  private final PrintWriter container = new PrintWriter(sink, false);
  private HttpServletRequest request;
  private HttpServletResponse response;

  @Setup
  public void setUp() {
    request =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> null);
    response =
        (HttpServletResponse)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getContentType" -> "text/html;charset=utf-8";
                      case "getWriter" -> container;
                      default -> null;
                    });
  }

  @Benchmark
  public long straight() throws Exception {
    listing.render("jackets", container);
    container.flush();
    return sink.count;
  }

  @Benchmark
  public String throughTheCapture() throws Exception {
    TitleCapture capture =
        new TitleCapture(
            request, response, new TitleScanner(new ServletWebResponse(response), type -> true));
    PrintWriter writer = capture.response().getWriter();
    listing.render("jackets", writer);
    writer.flush();
    return capture.title();
  }

  /** Counts what it is given, as a container's writer would encode and buffer it. */
  static final class CountingWriter extends Writer {
    long count;

    @Override
    public void write(char[] buf, int off, int len) {
      count += len;
    }

    @Override
    public void write(String s, int off, int len) {
      count += len;
    }

    @Override
    public void write(int c) {
      count++;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
