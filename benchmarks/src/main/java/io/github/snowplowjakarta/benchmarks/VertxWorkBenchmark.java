package io.github.snowplowjakarta.benchmarks;

import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.config.ConfigSource;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.quarkus.internal.vertx.RouteFilter;
import io.github.snowplowjakarta.web.internal.PageViewTracking;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
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
 * The Quarkus route filter's work for one page view, as {@link FilterWorkBenchmark} measures the
 * servlet filter's, on the same request: the filter's {@code handle}, then what Vert.x calls back
 * (the headers-end and end handlers). The routing context, request and response are stand-ins
 * answering the calls the adapter makes (the headers are Vert.x's own {@code MultiMap}); run the
 * two together to compare them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VertxWorkBenchmark {
  private static final AsyncResult<Void> ENDED = Future.succeededFuture();

  /** As {@link FilterWorkBenchmark#visitor}. */
  @Param({"returning", "first"})
  public String visitor;

  Emitter emitter; // read by VertxWorkBenchmarkTest
  private RouteFilter filter;
  private RoutingContext context;
  private Handler<Void> headersEnd;
  private Handler<AsyncResult<Void>> end;

  @Setup
  @SuppressWarnings("unchecked")
  public void setUp() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    emitter = Emitter.builder(URI.create("http://127.0.0.1:" + closedPort)).build();
    Tracker tracker =
        Tracker.builder(
                TrackerSettings.builder().appId("bench").platform(Platform.WEB).build(), emitter)
            .build();
    filter =
        new RouteFilter(
            "", new PageViewTracking(tracker, new TrackerConfig(ConfigSource.of(Map.of()))));
    MultiMap requestHeaders =
        MultiMap.caseInsensitiveMultiMap()
            .add("User-Agent", FilterWorkBenchmark.CHROME)
            .add("Accept-Language", "en-GB,en;q=0.9");
    if (visitor.equals("returning")) {
      requestHeaders.add("Cookie", FilterWorkBenchmark.COOKIES);
    }
    HostAndPort authority = HostAndPort.create("127.0.0.1", 8080);
    SocketAddress remote = SocketAddress.inetSocketAddress(50000, "127.0.0.1");
    HttpServerRequest request =
        proxy(
            HttpServerRequest.class,
            (name, args) ->
                switch (name) {
                  case "method" -> HttpMethod.GET;
                  case "getHeader" -> requestHeaders.get((String) args[0]);
                  case "headers" -> requestHeaders;
                  case "absoluteURI" -> "http://127.0.0.1:8080/hello";
                  case "path" -> "/hello";
                  case "authority" -> authority;
                  case "scheme" -> "http";
                  case "remoteAddress" -> remote;
                  default -> null;
                });
    MultiMap responseHeaders =
        MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/html;charset=utf-8");
    HttpServerResponse response =
        proxy(
            HttpServerResponse.class,
            (name, args) ->
                switch (name) {
                  case "getStatusCode" -> 200;
                  case "headers" -> responseHeaders;
                  case "headWritten" -> false;
                  default -> null;
                });
    context =
        proxy(
            RoutingContext.class,
            (name, args) ->
                switch (name) {
                  case "request" -> request;
                  case "response" -> response;
                  case "addHeadersEndHandler" -> {
                    headersEnd = (Handler<Void>) args[0];
                    yield 0;
                  }
                  case "addEndHandler" -> {
                    end = (Handler<AsyncResult<Void>>) args[0];
                    yield 0;
                  }
                  default -> null;
                });
  }

  private interface Answers {
    Object answer(String method, Object[] args);
  }

  private static <T> T proxy(Class<T> type, Answers answers) {
    return type.cast(
        Proxy.newProxyInstance(
            VertxWorkBenchmark.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> answers.answer(method.getName(), args)));
  }

  @TearDown
  public void tearDown() {
    emitter.close(Duration.ofSeconds(1));
  }

  /** As {@code FilterWorkBenchmark.andTrackThePageView}, through the route filter. */
  @Benchmark
  public Handler<AsyncResult<Void>> trackThePageView() {
    filter.handle(context);
    headersEnd.handle(null);
    end.handle(ENDED);
    return end;
  }
}
