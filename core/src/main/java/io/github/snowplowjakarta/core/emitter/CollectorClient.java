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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
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
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends requests to the collector over Apache HttpClient 5's async client: one I/O thread from the
 * emitter's thread factory, pooled keep-alive connections, TLS from the JVM's defaults, the JVM's
 * proxy settings ({@link ProxySelector}) unless a proxy is given. Cookies are never kept: the
 * collector's {@code sp} cookie of one user must not travel with another's events. Redirects are
 * never followed. A response body is never kept: it is read and discarded, and a body over {@link
 * #MAX_BODY_BYTES} ends the connection.
 */
final class CollectorClient {
  static final ContentType JSON = ContentType.parse("application/json; charset=utf-8");

  /** A collector answers with a few bytes; a body longer than this is not read to its end. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final URI postUri;
  private final String getUri;
  private final RequestMethod method;
  private final Map<String, String> headers;
  private final CloseableHttpAsyncClient client;

  /**
   * The collector's answer: its status line and the headers the emitter reads.
   *
   * @param location the {@code Location} header, or null
   */
  record Response(int status, String retryAfter, String location) {
    // equals, hashCode and toString are written out: on Java 17 a record's generated ones can
    // keep its class loader alive (see Anonymisation).
    @Override
    public boolean equals(Object other) {
      return other instanceof Response that
          && status == that.status
          && Objects.equals(retryAfter, that.retryAfter)
          && Objects.equals(location, that.location);
    }

    @Override
    public int hashCode() {
      return Objects.hash(status, retryAfter, location);
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
          + "]";
    }
  }

  CollectorClient(EmitterSettings settings, ThreadFactory threadFactory) {
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
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(settings.responseTimeout()))
                    .build())
            .setThreadFactory(threadFactory)
            .setUserAgent("snowplow-jakarta-tracker/" + TrackerVersion.VERSION)
            .disableCookieManagement()
            .disableAutomaticRetries()
            .disableRedirectHandling();
    if (settings.proxy() != null) {
      builder.setRoutePlanner(new DefaultProxyRoutePlanner(HttpHost.create(settings.proxy())));
    } else {
      // Null: the default ProxySelector of the moment, asked for each request.
      builder.setRoutePlanner(new SystemDefaultRoutePlanner(null));
    }
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
    client.close(immediately ? CloseMode.IMMEDIATE : CloseMode.GRACEFUL);
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

    /** Ends the exchange now: the answer is the response if it came, else a timeout. */
    void abort(String why) {
      Future<Response> running = request;
      if (running != null) {
        running.cancel(true);
      }
      finish(new IOException(why));
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
          finish(new CancellationException("request cancelled"));
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
      head =
          new Response(
              response.getCode(),
              retryAfter == null ? null : retryAfter.getValue(),
              location == null ? null : location.getValue());
      if (entity == null) {
        resultCallback.completed(head);
      } else {
        bodyDone = resultCallback;
      }
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
