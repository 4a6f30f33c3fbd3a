package io.github.snowplowjakarta.servlet;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.event.ConsentWithdrawn;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same servlet, on the container's own response and through the filter's wrappers (with {@code
 * snowplow.cookie.manage}, the identity-cookie writer beneath the title capture): what the
 * application observes must be the same.
 */
class ResponseParityTest {
  private static final Map<String, String> MANAGE = Map.of("snowplow.cookie.manage", "true");
  private static final String CONSENT = "sp_consent=all";

  @RegisterExtension final FilterFixture fixture = FilterFixture.perTest();

  /** What each way of writing reported, one line per request. */
  private final BlockingQueue<String> reports = new LinkedBlockingQueue<>();

  private final HttpServlet pages = new Pages(reports);

  private TestApp plain() {
    return TestApp.start(TestApp.context(pages), null);
  }

  private TestApp filtered(Filter outer) {
    return TestApp.withTracker(fixture.collector(), MANAGE, outer, pages);
  }

  private static List<String> setCookieNames(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .map(c -> c.substring(0, c.indexOf('=')))
        .toList();
  }

  /** The application's pages. */
  private static final class Pages extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient BlockingQueue<String> reports;

    Pages(BlockingQueue<String> reports) {
      this.reports = reports;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String path = request.getPathInfo();
      switch (path) {
        case "/events-writer" -> {
          // Server-sent events until the writer says the client has gone, bounded in time.
          response.setContentType("text/event-stream");
          PrintWriter writer = response.getWriter();
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
          long writes = 0;
          while (System.nanoTime() < deadline) {
            writer.write("data: tick\n\n");
            writer.flush();
            writes++;
            if (writer.checkError()) {
              reports.add("error seen");
              return;
            }
          }
          reports.add("no error in " + writes + " writes");
        }
        case "/events-stream" -> {
          response.setContentType("text/event-stream");
          var out = response.getOutputStream();
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
          try {
            while (System.nanoTime() < deadline) {
              out.write("data: tick\n\n".getBytes(StandardCharsets.UTF_8));
              out.flush();
            }
            reports.add("no error");
          } catch (IOException e) {
            reports.add("error seen");
          }
        }
        case "/print-utf8" -> {
          response.setContentType("text/html;charset=UTF-8");
          var out = response.getOutputStream();
          out.print("<p>5 € ");
          out.print('é');
          out.println("ünd");
          out.print(42);
          out.println(1.5);
        }
        case "/print-latin1" -> {
          response.setContentType("text/html");
          response.getOutputStream().print("<p>5 € and é</p>");
        }
        case "/reset" -> {
          response.setContentType("text/html");
          response.getWriter().write("<p>draft</p>");
          response.reset();
          response.setContentType("text/html;charset=UTF-8");
          response.getWriter().write("<p>final: 5 €</p>");
        }
        case "/reset-stream" -> {
          response.setContentType("text/html");
          response.getOutputStream().write("<p>draft</p>".getBytes(StandardCharsets.UTF_8));
          response.reset();
          response.setContentType("text/html");
          response.getWriter().write("<p>final</p>");
        }
        case "/withdraw-then-reset" -> {
          SnowplowRequest.recordConsent(
              request, "none", ConsentWithdrawn.builder().all(true).build());
          response.setContentType("text/html");
          response.getWriter().write("<p>draft</p>");
          response.reset();
          response.setContentType("text/html");
          response.getWriter().write("<p>withdrawn</p>");
        }
        default -> {
          response.setContentType("text/html");
          response.getWriter().write("<html><head><title>Page</title></head><body>ok</body>");
        }
      }
    }
  }

  /**
   * Opens the event stream on a raw socket, reads until the first event arrives and leaves: what
   * the servlet reported then.
   */
  private String leaveEventStream(TestApp app, String path) throws Exception {
    var uri = app.uri(path);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + uri.getPath()
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: "
                  + CONSENT
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder seen = new StringBuilder();
      byte[] buffer = new byte[1024];
      while (seen.indexOf("data: tick") < 0) {
        int n = in.read(buffer);
        assertThat(n).as("the stream ended before its first event").isPositive();
        seen.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
      }
      socket.setSoLinger(true, 0); // leave abruptly, as a closed tab does
    }
    String report = reports.poll(20, TimeUnit.SECONDS);
    assertThat(report).as("the servlet's report").isNotNull();
    return report;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/events-writer", "/events-stream"})
  void aDepartedClientIsSeenThroughTheWrappersAsWithout(String path) throws Exception {
    String own = leaveEventStream(plain(), path);
    String wrapped = leaveEventStream(filtered(null), path);

    assertThat(own).isEqualTo("error seen");
    assertThat(wrapped).isEqualTo(own);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/print-utf8", "/print-latin1", "/reset", "/reset-stream"})
  void theStreamsPrintMethodsAndResetAnswerAsTheContainersOwn(String path) {
    HttpResponse<String> own = plain().get(path, "Cookie", CONSENT);
    HttpResponse<String> wrapped = filtered(null).get(path, "Cookie", CONSENT);

    assertThat(wrapped.statusCode()).isEqualTo(own.statusCode());
    assertThat(wrapped.body()).isEqualTo(own.body());
    assertThat(wrapped.headers().firstValue("Content-Type"))
        .isEqualTo(own.headers().firstValue("Content-Type"));
  }

  @Test
  void aWriterTakenAfterAResetWritesInTheNewCharset() {
    HttpResponse<String> wrapped = filtered(null).get("/reset", "Cookie", CONSENT);

    assertThat(wrapped.body()).isEqualTo("<p>final: 5 €</p>");
  }

  @Test
  void theEuroSignPrintedInUtf8GoesOutAsWritten() {
    HttpResponse<String> wrapped = filtered(null).get("/print-utf8", "Cookie", CONSENT);

    assertThat(wrapped.statusCode()).isEqualTo(200);
    assertThat(wrapped.body()).startsWith("<p>5 € éünd");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/reset", "/reset-stream"})
  void theIdentityCookiesSurviveAResetOfTheResponse(String path) {
    HttpResponse<String> response = filtered(null).get(path, "Cookie", CONSENT);

    assertThat(response.body()).startsWith("<p>final");
    assertThat(setCookieNames(response)).containsExactlyInAnyOrder("_sp_id.dc78", "_sp_ses.dc78");
  }

  @ParameterizedTest(name = "cookie.manage={0}")
  @ValueSource(booleans = {true, false})
  void aRecordedWithdrawalSurvivesAResetOfTheResponse(boolean manage) {
    TestApp app =
        TestApp.withTracker(
            fixture.collector(),
            Map.of("snowplow.cookie.manage", String.valueOf(manage)),
            null,
            pages);
    HttpResponse<String> response =
        app.get(
            "/withdraw-then-reset",
            "Cookie",
            CONSENT + "; " + PageViewTest.SP_ID + "; " + PageViewTest.SP_SES);

    assertThat(response.body()).isEqualTo("<p>withdrawn</p>");
    assertThat(response.headers().allValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).startsWith("sp_consent=none;").contains("Path=/shop"));
    if (manage) {
      assertThat(response.headers().allValues("Set-Cookie"))
          .anySatisfy(c -> assertThat(c).startsWith("_sp_id.1fff=;").contains("Max-Age=0"));
    }
  }

  /** A framework's response wrapper that will not take cookies. */
  private static final class NoCookies implements Filter {
    @Override
    public void doFilter(
        jakarta.servlet.ServletRequest request,
        jakarta.servlet.ServletResponse response,
        jakarta.servlet.FilterChain chain)
        throws IOException, jakarta.servlet.ServletException {
      chain.doFilter(
          request,
          new HttpServletResponseWrapper((HttpServletResponse) response) {
            @Override
            public void addHeader(String name, String value) {
              if (name.equalsIgnoreCase("Set-Cookie")) {
                throw new IllegalStateException("no cookies here");
              }
              super.addHeader(name, value);
            }
          });
    }
  }

  @Test
  void aFailureToWriteTheCookiesNeverReachesTheApplicationsWrite() {
    TestApp app = filtered(new NoCookies());

    HttpResponse<String> response = app.get("/page", "Cookie", CONSENT);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("<title>Page</title>");
    await()
        .atMost(ofSeconds(10))
        .untilAsserted(
            () -> {
              app.flush();
              assertThat(fixture.collector().acceptedEvents())
                  .anySatisfy(e -> assertThat(e.get("e").asText()).isEqualTo("pv"));
            });
  }
}
