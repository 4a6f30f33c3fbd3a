package io.github.snowplowjakarta.core.emitter;

import io.github.snowplowjakarta.core.TrackerVersion;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.internal.encoding.PostBody;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.RouteInfo;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultProxyRoutePlanner;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.function.Decorator;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.IOReactorStatus;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends requests to the collector over Apache HttpClient 5's async client: one I/O thread from the
 * emitter's thread factory, pooled keep-alive connections, TLS from the JVM's defaults, the JVM's
 * proxy settings ({@link ProxySelector}) unless a proxy is given. Cookies are never kept: the
 * collector's {@code sp} cookie of one user must not travel with another's events. Redirects are
 * never followed. A response body is never kept: it is read and discarded, and a body over {@link
 * #MAX_BODY_BYTES} ends the connection.
 *
 * <p>Nothing read from the network is unbounded: at most {@link #MAX_HEADERS} header lines of at
 * most {@link #MAX_LINE_BYTES} each, and at most {@link #MAX_READ_PER_REQUEST} bytes of anything
 * (interim {@code 1xx} answers, headers, body) per request sent on a connection ({@link
 * ReadLimit}); whatever breaks a bound ends the connection, and the exchange with it. In time, the
 * worker's deadline bounds each exchange.
 */
final class CollectorClient {
  static final ContentType JSON = ContentType.parse("application/json; charset=utf-8");

  /** A collector answers with a few bytes; a body longer than this is not read to its end. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private static final String PLANNED_ROUTE = "snowplow.planned-route";

  static final int MAX_HEADERS = 100;
  static final int MAX_LINE_BYTES = 16 * 1024;

  /**
   * Bytes a connection may deliver after each request written on it, whatever they are: a
   * collector's answer is a few hundred, and the body is dropped at {@link #MAX_BODY_BYTES}.
   */
  static final long MAX_READ_PER_REQUEST = 1024 * 1024;

  private final URI postUri;
  private final String getUri;
  private final RequestMethod method;
  private final Map<String, String> headers;
  private final CloseableHttpAsyncClient client;

  /** The client's threads: its I/O reactor's, and the one that starts it. */
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  /** Why the I/O thread ended, if an error ended it. */
  private volatile Throwable ioThreadError;

  private volatile boolean closed;

  /**
   * The collector's answer: its status line and the headers the emitter reads.
   *
   * @param location the {@code Location} header, or null
   * @param proxy the proxy that gave this answer itself ({@code host:port}) rather than passing on
   *     the collector's: a refused {@code CONNECT}, or a 407; else null
   */
  record Response(int status, String retryAfter, String location, String proxy) {
    Response(int status, String retryAfter, String location) {
      this(status, retryAfter, location, null);
    }

    // equals, hashCode and toString are written out: on Java 17 a record's generated ones can
    // keep its class loader alive (see Anonymisation).
    @Override
    public boolean equals(Object other) {
      return other instanceof Response that
          && status == that.status
          && Objects.equals(retryAfter, that.retryAfter)
          && Objects.equals(location, that.location)
          && Objects.equals(proxy, that.proxy);
    }

    @Override
    public int hashCode() {
      return Objects.hash(status, retryAfter, location, proxy);
    }

    @Override
    public String toString() {
      return "Response["
          + "status="
          + status
          + ", retryAfter="
          + retryAfter
          + ", location="
          + location
          + ", proxy="
          + proxy
          + "]";
    }
  }

  CollectorClient(EmitterSettings settings, ThreadFactory threadFactory) {
    this(settings, threadFactory, ReadLimit::new);
  }

  /** With {@code sessions} wrapping each connection: {@link ReadLimit}, or a test's. */
  CollectorClient(
      EmitterSettings settings, ThreadFactory threadFactory, Decorator<IOSession> sessions) {
    String base = settings.collector().toString().replaceAll("/+$", "");
    this.postUri = URI.create(base + settings.postPath());
    this.getUri = base + "/i?";
    this.method = settings.method();
    this.headers = settings.headers();
    int connections = settings.maxRequestsInFlight() + 1;
    HttpAsyncClientBuilder builder =
        HttpAsyncClients.custom()
            .setConnectionManager(
                PoolingAsyncClientConnectionManagerBuilder.create()
                    .setTlsStrategy(
                        ClientTlsStrategyBuilder.create().useSystemProperties().buildAsync())
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                            .setSocketTimeout(Timeout.of(settings.responseTimeout()))
                            .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                            .build())
                    .setMaxConnTotal(connections)
                    .setMaxConnPerRoute(connections)
                    .build())
            .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
            .setHttp1Config(
                Http1Config.custom()
                    .setMaxHeaderCount(MAX_HEADERS)
                    .setMaxLineLength(MAX_LINE_BYTES)
                    .build())
            // An https collector may speak HTTP/2: the same bounds on its headers.
            .setH2Config(
                H2Config.custom()
                    .setPushEnabled(false)
                    .setMaxHeaderListSize(64 * 1024)
                    .setMaxContinuations(MAX_HEADERS)
                    .build())
            .setIoSessionDecorator(sessions)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(settings.responseTimeout()))
                    .build())
            .setThreadFactory(task -> watchedIoThread(threadFactory, task))
            .setUserAgent("snowplow-jakarta-tracker/" + TrackerVersion.VERSION)
            .disableCookieManagement()
            .disableAutomaticRetries()
            .disableRedirectHandling();
    builder.setRoutePlanner(
        remembered(
            settings.proxy() != null
                ? new DefaultProxyRoutePlanner(HttpHost.create(settings.proxy()))
                // Null: the default ProxySelector of the moment, asked for each request.
                : new SystemDefaultRoutePlanner(null)));
    this.client = builder.build();
    client.start();
  }

  /**
   * Starts sending one batch. A POST carries the whole batch; a GET carries one event, so its
   * batches hold one.
   */
  Exchange send(List<EncodedEvent> events, long sentTimestampMillis, boolean serverAnonymisation) {
    SimpleHttpRequest request =
        method == RequestMethod.POST
            ? SimpleRequestBuilder.post(postUri)
                .setBody(PostBody.toBytes(events, sentTimestampMillis), JSON)
                .build()
            : SimpleRequestBuilder.get(getUri + events.get(0).toQueryString(sentTimestampMillis))
                .build();
    headers.forEach(request::addHeader);
    if (serverAnonymisation) {
      request.addHeader("SP-Anonymous", "*");
    }
    Exchange exchange = new Exchange();
    exchange.request =
        client.execute(SimpleRequestProducer.create(request), exchange, exchange.callback());
    return exchange;
  }

  void close(boolean immediately) {
    closed = true;
    client.close(immediately ? CloseMode.IMMEDIATE : CloseMode.GRACEFUL);
  }

  /** Keeps each route in the context: a proxy refusing the tunnel is named from it. */
  private static HttpRoutePlanner remembered(HttpRoutePlanner planner) {
    return new HttpRoutePlanner() {
      @Override
      public HttpRoute determineRoute(HttpHost target, HttpContext context) throws HttpException {
        HttpRoute route = planner.determineRoute(target, context);
        context.setAttribute(PLANNED_ROUTE, route);
        return route;
      }

      @Override
      public HttpRoute determineRoute(HttpHost target, HttpRequest request, HttpContext context)
          throws HttpException {
        HttpRoute route = planner.determineRoute(target, request, context);
        context.setAttribute(PLANNED_ROUTE, route);
        return route;
      }
    };
  }

  private Thread watchedIoThread(ThreadFactory threadFactory, Runnable task) {
    Thread thread =
        threadFactory.newThread(
            () -> {
              try {
                task.run();
              } catch (Throwable e) {
                ioThreadError = e;
                throw e;
              }
            });
    threads.add(thread);
    return thread;
  }

  /**
   * Why this client can send no more although nobody closed it: its I/O reactor stopped (an error
   * such as an {@link OutOfMemoryError} on its thread, or an interrupt, ends it for good). Null
   * while it works.
   */
  String deathCause() {
    if (closed) {
      return null;
    }
    Throwable error = ioThreadError;
    if (error != null) {
      return "its I/O thread ended with " + error;
    }
    for (Thread thread : threads) {
      if (thread.getState() == Thread.State.TERMINATED) {
        return "its I/O thread ended";
      }
    }
    IOReactorStatus status = client.getStatus();
    // INACTIVE: still starting, on a thread of its own.
    if (status == IOReactorStatus.SHUTTING_DOWN || status == IOReactorStatus.SHUT_DOWN) {
      return "its I/O reactor is " + status;
    }
    return null;
  }

  /**
   * One request and its answer. The answer is known once the status line and headers arrived:
   * whatever then happens to the body (it never ends, is cut, or is huge) does not change it.
   * {@link #answer} completes when the exchange is over, with the response, or exceptionally with
   * the I/O error when no response came.
   */
  static final class Exchange implements AsyncResponseConsumer<Response> {
    final CompletableFuture<Response> answer = new CompletableFuture<>();
    private volatile Response head;
    private volatile Future<Response> request;
    private FutureCallback<Response> bodyDone;
    private long bodyBytes;

    /**
     * Ends the exchange now: the answer is the response if it came, else a {@link TimeoutException}
     * saying {@code why}.
     */
    void abort(String why) {
      // The answer first: cancelling calls back, and the first completion wins.
      finish(new TimeoutException(why));
      Future<Response> running = request;
      if (running != null) {
        running.cancel(true);
      }
    }

    private FutureCallback<Response> callback() {
      return new FutureCallback<>() {
        @Override
        public void completed(Response response) {
          answer.complete(response);
        }

        @Override
        public void failed(Exception e) {
          finish(e);
        }

        @Override
        public void cancelled() {
          finish(new IOException("request cancelled"));
        }
      };
    }

    private void finish(Exception e) {
      Response known = head;
      if (known != null) {
        answer.complete(known);
      } else {
        answer.completeExceptionally(e);
      }
    }

    @Override
    public void consumeResponse(
        HttpResponse response,
        EntityDetails entity,
        HttpContext context,
        FutureCallback<Response> resultCallback) {
      Header retryAfter = response.getFirstHeader("Retry-After");
      Header location = response.getFirstHeader("Location");
      int status = response.getCode();
      head =
          new Response(
              status,
              retryAfter == null ? null : retryAfter.getValue(),
              location == null ? null : location.getValue(),
              status >= 300 ? answeringProxy(status, context) : null);
      if (entity == null) {
        resultCallback.completed(head);
      } else {
        bodyDone = resultCallback;
      }
    }

    /**
     * The proxy, if the answer is its own: only proxies send 407, and an answer that came before
     * HttpClient's main exchange set its route is the proxy's answer to {@code CONNECT} (sent for
     * an https collector through a proxy), refusing the tunnel.
     */
    private static String answeringProxy(int status, HttpContext context) {
      if (!(context.getAttribute(PLANNED_ROUTE) instanceof RouteInfo planned)
          || planned.getProxyHost() == null) {
        return null;
      }
      boolean tunnelRefused = HttpClientContext.castOrCreate(context).getHttpRoute() == null;
      return status == 407 || tunnelRefused ? planned.getProxyHost().toHostString() : null;
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {}

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
      capacityChannel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
      bodyBytes += src.remaining();
      src.position(src.limit());
      if (bodyBytes > MAX_BODY_BYTES) {
        // The answer is known: no need to read on, the connection is not worth keeping.
        throw new IOException("response body over " + MAX_BODY_BYTES + " bytes: not read");
      }
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
      if (bodyDone != null) {
        bodyDone.completed(head);
      }
    }

    @Override
    public void failed(Exception cause) {
      finish(cause);
    }

    @Override
    public void releaseResources() {}
  }
}
