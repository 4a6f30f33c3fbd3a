package io.github.snowplowjakarta.benchmarks;

import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.config.ConfigSource;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.servlet.internal.PageViewTracking;
import io.github.snowplowjakarta.servlet.internal.RequestTracking;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The filter's own work for one request, without a server: deciding consent (what every request
 * costs), and that plus reading the request and tracking its page view, on the request {@code
 * FilterOverhead} sends. The request is a stand-in answering the few calls the filter makes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FilterWorkBenchmark {
  private static final String COOKIES =
      "sp_consent=all; _sp_id.dc78=c8e4b7a2-3f1d-4e5a-9b6c-7d8e9f0a1b2c.1700000000.3.1700000500."
          + "1699990000.0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e.aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee."
          + "ffffffff-1111-4222-8333-444444444444.1700000000123.7; _sp_ses.dc78=*";

  private Emitter emitter;
  private PageViewTracking tracking;
  private HttpServletRequest request;
  private HttpServletResponse response;

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
    answers.put("getHeader:User-Agent", "Mozilla/5.0 (wrk)");
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
                              "Cookie".equals(args[0])
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
                      default -> null;
                    });
  }

  @TearDown
  public void tearDown() {
    emitter.close(Duration.ofSeconds(1));
  }

  /** What every request costs: the consent decision; the rest is read only if something tracks. */
  @Benchmark
  public RequestTracking decideConsent() {
    return tracking.start(request, response);
  }

  @Benchmark
  public RequestTracking andTrackThePageView() {
    RequestTracking state = tracking.start(request, response);
    tracking.finish(state, request, response);
    return state;
  }
}
