package io.github.snowplowjakarta.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Page titles read from the HTML as it streams out, on a real Jetty. */
class PageTitleTest {
  static final Charset SHIFT_JIS = Charset.forName("Shift_JIS");
  static final String HUGE_FILLER = "<p>" + "x".repeat(1000) + "</p>\n";

  @RegisterExtension final FilterFixture fixture = FilterFixture.perTest();
  private final TestCollector collector = fixture.collector();
  private TestApp app;

  /** One page per path, each writing its HTML in its own way. */
  static final class Pages extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      switch (request.getPathInfo()) {
        case "/writer" -> {
          response.setContentType("text/html;charset=utf-8");
          response.getWriter().print("<!doctype html><html><head><title>Basket</title></head>");
        }
        case "/split" -> {
          response.setContentType("text/html;charset=utf-8");
          PrintWriter out = response.getWriter();
          out.write("<html><head><!-- <title>not this</title> --><ti");
          out.flush();
          out.print("tle>Your\n   bas");
          response.flushBuffer();
          out.write("ket".toCharArray());
          out.println();
          out.printf("  (%d items)</ti", 3);
          out.flush();
          out.write('t');
          out.append("le></head><body>hello</body></html>");
        }
        case "/latin1" -> {
          response.setContentType("text/html;charset=ISO-8859-1");
          ServletOutputStream out = response.getOutputStream();
          byte[] page =
              "<html><head><title>Café Müller</title>".getBytes(StandardCharsets.ISO_8859_1);
          for (byte b : page) {
            out.write(b);
            if (b == (byte) 'é') {
              out.flush();
            }
          }
        }
        case "/shift-jis" -> {
          response.setContentType("text/html");
          ServletOutputStream out = response.getOutputStream();
          byte[] page =
              "<html><head><meta charset=\"Shift_JIS\"><title>日本語のページ</title></head>"
                  .getBytes(SHIFT_JIS);
          out.write(page, 0, 60);
          out.flush();
          out.write(page, 60, page.length - 60);
        }
        case "/print" -> {
          response.setContentType("text/html;charset=utf-8");
          ServletOutputStream out = response.getOutputStream();
          out.print("<html><head><title>");
          out.println("Printed");
          out.print("</title>");
        }
        case "/entities" -> {
          response.setContentType("text/html");
          response
              .getWriter()
              .write(
                  "<head><TITLE lang=\"en\">&lt;Shop&gt; &#8211; caf&eacute; &#x1F600;"
                      + " &unknown; &amp;c</TITLE>");
        }
        case "/no-title" -> {
          response.setContentType("text/html");
          response.getWriter().write("<html><head></head><body><svg><title>icon</title></svg>");
        }
        case "/huge" -> {
          response.setContentType("text/html;charset=utf-8");
          PrintWriter out = response.getWriter();
          out.write("<html><head><title>Huge</title></head><body>");
          for (int i = 0; i < 5_000; i++) {
            out.write(HUGE_FILLER);
          }
        }
        case "/title-too-late" -> {
          response.setContentType("text/html;charset=utf-8");
          ServletOutputStream out = response.getOutputStream();
          out.write("<html><head>".getBytes(StandardCharsets.UTF_8));
          for (int i = 0; i < 40; i++) {
            out.write(
                ("<meta name=\"m" + i + "\" content=\"" + "y".repeat(1000) + "\">")
                    .getBytes(StandardCharsets.UTF_8));
          }
          out.write("<title>Too late</title></head>".getBytes(StandardCharsets.UTF_8));
        }
        case "/async" -> {
          AsyncContext async = request.startAsync();
          async.start(
              () -> {
                try {
                  HttpServletResponse r = (HttpServletResponse) async.getResponse();
                  r.setContentType("text/html;charset=utf-8");
                  r.getWriter().write("<html><head><title>Async ");
                  r.flushBuffer();
                  r.getWriter().write("page</title>");
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
                async.complete();
              });
        }
        case "/named" -> {
          SnowplowRequest.pageTitle(request, "Named by the application");
          response.setContentType("text/html");
          response.getWriter().write("<title>From the HTML</title>");
        }
        case "/reset" -> {
          response.setContentType("text/html");
          response.getWriter().write("<title>Discarded</title>");
          response.resetBuffer();
          response.getWriter().write("<title>Kept</title>");
        }
        case "/small-writes" -> {
          response.setContentType("text/html;charset=utf-8");
          PrintWriter out = response.getWriter();
          out.write("<html><head>");
          for (int i = 0; i < 300; i++) {
            out.write("<meta a=" + i + ">");
          }
          for (char c : "<title>Many small writes</title></head>".toCharArray()) {
            out.write(c);
          }
        }
        case "/email" -> {
          response.setContentType("text/html");
          response.getWriter().write("<title>Orders of anna@example.com</title>");
        }
        default -> response.sendError(404);
      }
    }
  }

  /**
   * The one page view. An async request's is tracked when the container completes it, which may
   * come after the client has the response: waited for, not assumed.
   */
  private JsonNode pageView() {
    await().atMost(Duration.ofSeconds(10)).until(() -> !pageViews().isEmpty());
    app.flush();
    List<JsonNode> views = pageViews();
    assertThat(views).hasSize(1);
    return views.get(0);
  }

  private List<JsonNode> pageViews() {
    return collector.acceptedEvents().stream()
        .filter(e -> e.get("e").asText().equals("pv"))
        .toList();
  }

  private String titleOf(String path) {
    HttpResponse<String> response = app.get(path);
    assertThat(response.statusCode()).isEqualTo(200);
    app.flush();
    return TrackerPayloads.fields(pageView()).get("page");
  }

  private void start(Map<String, String> config) {
    app = TestApp.withTracker(collector, config, null, new Pages());
  }

  @Test
  void theTitleIsReadFromWhatTheWriterSends() {
    start(Map.of());
    assertThat(titleOf("/writer")).isEqualTo("Basket");
  }

  @Test
  void aTitleSplitAcrossWritesAndFlushesIsReadAndThePageArrivesUnchanged() {
    start(Map.of());
    HttpResponse<String> response = app.get("/split");
    app.flush();

    assertThat(response.body())
        .isEqualTo(
            "<html><head><!-- <title>not this</title> --><title>Your\n   basket"
                + System.lineSeparator()
                + "  (3 items)</title></head><body>hello</body></html>");
    assertThat(TrackerPayloads.fields(pageView())).containsEntry("page", "Your basket (3 items)");
  }

  @Test
  void bytesAreReadInTheCharsetTheContentTypeNames() {
    start(Map.of());
    assertThat(titleOf("/latin1")).isEqualTo("Café Müller");
  }

  @Test
  void bytesAreReadInTheCharsetAMetaElementNames() throws Exception {
    start(Map.of());
    HttpResponse<byte[]> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(app.uri("/shift-jis")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    app.flush();

    assertThat(new String(response.body(), SHIFT_JIS)).contains("<title>日本語のページ</title>");
    assertThat(TrackerPayloads.fields(pageView())).containsEntry("page", "日本語のページ");
  }

  @Test
  void whatTheStreamPrintsIsRead() {
    start(Map.of());
    assertThat(titleOf("/print")).isEqualTo("Printed");
  }

  @Test
  void characterReferencesAreDecoded() {
    start(Map.of());
    assertThat(titleOf("/entities")).isEqualTo("<Shop> – café 😀 &unknown; &c");
  }

  @Test
  void aPageWithoutATitleHasNone() {
    start(Map.of());
    assertThat(titleOf("/no-title")).isNull();
  }

  @Test
  void aHugePageArrivesWholeAndItsTitleIsRead() {
    start(Map.of());
    HttpResponse<String> response = app.get("/huge");
    app.flush();

    assertThat(response.body()).hasSize(44 + 5_000 * HUGE_FILLER.length());
    assertThat(TrackerPayloads.fields(pageView())).containsEntry("page", "Huge");
  }

  @Test
  void aHeadInManySmallWritesIsCopiedAsItGrows() {
    start(Map.of());
    assertThat(titleOf("/small-writes")).isEqualTo("Many small writes");
  }

  @Test
  void onlyTheStartOfTheDocumentIsRead() {
    start(Map.of());
    HttpResponse<String> response = app.get("/title-too-late");
    app.flush();

    assertThat(response.body()).endsWith("<title>Too late</title></head>");
    assertThat(TrackerPayloads.fields(pageView())).doesNotContainKey("page");
  }

  @Test
  void anAsyncPageWritingOnAnotherThreadHasItsTitleRead() {
    start(Map.of());
    HttpResponse<String> response = app.get("/async");
    app.flush();

    assertThat(response.body()).isEqualTo("<html><head><title>Async page</title>");
    assertThat(TrackerPayloads.fields(pageView())).containsEntry("page", "Async page");
  }

  @Test
  void theApplicationsTitleWins() {
    start(Map.of());
    assertThat(titleOf("/named")).isEqualTo("Named by the application");
  }

  @Test
  void aResetBufferStartsTheDocumentAgain() {
    start(Map.of());
    assertThat(titleOf("/reset")).isEqualTo("Kept");
  }

  @Test
  void anEmailAddressInTheTitleIsRedacted() {
    start(Map.of());
    assertThat(titleOf("/email")).isEqualTo("Orders of redacted-email");
  }

  @Test
  void readingTitlesCanBeTurnedOff() {
    start(Map.of("snowplow.page-title.from-html", "false"));
    assertThat(titleOf("/writer")).isNull();
  }
}
