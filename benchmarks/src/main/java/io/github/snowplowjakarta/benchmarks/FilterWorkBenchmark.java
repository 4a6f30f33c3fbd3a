package io.github.snowplowjakarta.benchmarks;

import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.config.ConfigSource;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.servlet.internal.ServletWebRequest;
import io.github.snowplowjakarta.servlet.internal.ServletWebResponse;
import io.github.snowplowjakarta.servlet.internal.TitleCapture;
import io.github.snowplowjakarta.web.internal.PageViewTracking;
import io.github.snowplowjakarta.web.internal.RequestTracking;
import io.github.snowplowjakarta.web.internal.TitleScanner;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The filter's own work for one request, without a server: deciding consent (what every request
 * costs), and that plus reading the request and tracking its page view, on the request {@code
 * FilterOverhead} sends but with a browser's user agent. The request is a stand-in answering the
 * few calls the filter makes, seen through the filter's adapters as the filter sees it. Parts of
 * the page view's work alone: the check that a person asked for the page (on a browser's user
 * agent, and a crawler's), and reading the title of a page's head as it is written.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FilterWorkBenchmark {
  /** A returning visitor's cookies: the consent cookie "all" and the browser tracker's. */
  static final String COOKIES =
      "sp_consent=all; _sp_id.dc78=c8e4b7a2-3f1d-4e5a-9b6c-7d8e9f0a1b2c.1700000000.3.1700000500."
          + "1699990000.0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e.aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee."
          + "ffffffff-1111-4222-8333-444444444444.1700000000123.7; _sp_ses.dc78=*";

  static final String CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Safari/537.36";
  static final String BINGBOT =
      "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0;"
          + " +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36";

  /** A page's head as a JSF application writes it, in four writes. */
  static final String[] HEAD = {
    "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head id=\"j_idt2\">\n",
    "<link type=\"text/css\" rel=\"stylesheet\" href=\"/shop/jakarta.faces.resource/theme.css"
        + "?ln=primefaces-saga&amp;v=13.0.0\" />\n<script src=\"/shop/jakarta.faces.resource/"
        + "jquery/jquery.js?ln=primefaces&amp;v=13.0.0\"></script>\n",
    "<meta charset=\"utf-8\" />\n<title>Cargo Tracker &ndash; Track your cargo</title>\n",
    "</head><body>\n<div class=\"layout\">" + "<p>content</p>".repeat(100) + "</div>"
  };

  /**
   * {@code returning}: the consent cookie "all" and the browser tracker's cookies, as {@code
   * FilterOverhead}'s returning visitor; {@code first}: no cookie, so no consent signal.
   */
  @Param({"returning", "first"})
  public String visitor;

  private Emitter emitter;
  private PageViewTracking tracking;
  private HttpServletRequest request;
  private HttpServletResponse response;
  private ServletWebRequest webRequest;
  private static final java.io.PrintWriter NOWHERE =
      new java.io.PrintWriter(java.io.Writer.nullWriter());

  @Setup
  public void setUp() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    // Nothing listens: events queue, the oldest dropped, as in a long outage.
    emitter = Emitter.builder(URI.create("http://127.0.0.1:" + closedPort)).build();
    Tracker tracker =
        Tracker.builder(
                TrackerSettings.builder().appId("bench").platform(Platform.WEB).build(), emitter)
            .build();
    tracking = new PageViewTracking(tracker, new TrackerConfig(ConfigSource.of(Map.of())));
    Map<String, Object> answers = new HashMap<>();
    answers.put("getHeader:User-Agent", CHROME);
    answers.put("getHeader:Accept-Language", "en-GB,en;q=0.9");
    answers.put("getRequestURI", "/hello");
    answers.put("getContextPath", "");
    answers.put("getQueryString", null);
    answers.put("getRemoteAddr", "127.0.0.1");
    answers.put("getMethod", "GET");
    request =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getHeaders" ->
                          Collections.enumeration(
                              "Cookie".equals(args[0]) && visitor.equals("returning")
                                  ? java.util.List.of(COOKIES)
                                  : java.util.List.of());
                      case "getHeader" -> answers.get("getHeader:" + args[0]);
                      case "getRequestURL" -> new StringBuffer("http://127.0.0.1:8080/hello");
                      case "getAttribute", "getUserPrincipal" -> null;
                      default -> answers.get(method.getName());
                    });
    response =
        (HttpServletResponse)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getStatus" -> 200;
                      case "getContentType" -> "text/html;charset=utf-8";
                      case "getWriter" -> NOWHERE;
                      default -> null;
                    });
    webRequest = new ServletWebRequest(request);
  }

  @TearDown
  public void tearDown() {
    emitter.close(Duration.ofSeconds(1));
  }

  /** What every request costs: the consent decision; the rest is read only if something tracks. */
  @Benchmark
  public RequestTracking decideConsent() {
    // The adapters made per request, as the filter makes them.
    return tracking.start(new ServletWebRequest(request), new ServletWebResponse(response));
  }

  @Benchmark
  public RequestTracking andTrackThePageView() {
    ServletWebRequest web = new ServletWebRequest(request);
    ServletWebResponse webResponse = new ServletWebResponse(response);
    RequestTracking state = tracking.start(web, webResponse);
    tracking.finish(state, web, webResponse);
    return state;
  }

  /** Part of the above: no crawler, monitor or headless browser, no prefetch. */
  @Benchmark
  public boolean personCheckOnABrowser() {
    return tracking.askedForByAPerson(webRequest, CHROME);
  }

  @Benchmark
  public boolean personCheckOnACrawler() {
    return tracking.askedForByAPerson(webRequest, BINGBOT);
  }

  /** Not part of the above: the head written through the title capture, and the title read. */
  @Benchmark
  public String readTheTitle() throws java.io.IOException {
    TitleCapture capture =
        new TitleCapture(
            request, response, new TitleScanner(new ServletWebResponse(response), type -> true));
    java.io.PrintWriter out = capture.response().getWriter();
    for (String part : HEAD) {
      out.write(part);
    }
    return capture.title();
  }
}
