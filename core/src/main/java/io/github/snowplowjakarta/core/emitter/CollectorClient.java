package io.github.snowplowjakarta.core.emitter;

import io.github.snowplowjakarta.core.TrackerVersion;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.encoding.PostBody;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends requests to the collector over Apache HttpClient 5's async client: one I/O thread from the
 * emitter's thread factory, pooled keep-alive connections, TLS from the JVM's defaults. Cookies are
 * never kept: the collector's {@code sp} cookie of one user must not travel with another's events.
 */
final class CollectorClient {
  static final ContentType JSON = ContentType.parse("application/json; charset=utf-8");

  private final URI postUri;
  private final String getUri;
  private final RequestMethod method;
  private final Map<String, String> headers;
  private final long waitMillis;
  private final CloseableHttpAsyncClient client;

  /** The collector's answer. */
  record Response(int status, String retryAfter) {}

  CollectorClient(
      URI collector,
      String postPath,
      RequestMethod method,
      Map<String, String> headers,
      Duration connectTimeout,
      Duration responseTimeout,
      ThreadFactory threadFactory) {
    String base = collector.toString().replaceAll("/+$", "");
    this.postUri = URI.create(base + postPath);
    this.getUri = base + "/i?";
    this.method = method;
    this.headers = Map.copyOf(headers);
    this.waitMillis = connectTimeout.plus(responseTimeout).plusSeconds(1).toMillis();
    this.client =
        HttpAsyncClients.custom()
            .setConnectionManager(
                PoolingAsyncClientConnectionManagerBuilder.create()
                    .setTlsStrategy(
                        ClientTlsStrategyBuilder.create().useSystemProperties().buildAsync())
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(connectTimeout))
                            .setSocketTimeout(Timeout.of(responseTimeout))
                            .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                            .build())
                    .setMaxConnTotal(2)
                    .setMaxConnPerRoute(2)
                    .build())
            .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
            .setDefaultRequestConfig(
                RequestConfig.custom().setResponseTimeout(Timeout.of(responseTimeout)).build())
            .setThreadFactory(threadFactory)
            .setUserAgent("snowplow-jakarta-tracker/" + TrackerVersion.VERSION)
            .disableCookieManagement()
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .build();
    client.start();
  }

  /**
   * Sends one batch and waits for the answer. A POST carries the whole batch; a GET carries one
   * event, so its batches hold one.
   *
   * @throws IOException when no answer came: refused, reset, timed out
   * @throws InterruptedException when the emitter is being stopped
   */
  Response send(List<EncodedEvent> events, long sentTimestampMillis, boolean serverAnonymisation)
      throws IOException, InterruptedException {
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
    Future<SimpleHttpResponse> future = client.execute(request, null);
    try {
      SimpleHttpResponse response = future.get(waitMillis, TimeUnit.MILLISECONDS);
      Header retryAfter = response.getFirstHeader("Retry-After");
      return new Response(response.getCode(), retryAfter == null ? null : retryAfter.getValue());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw cause instanceof IOException ? (IOException) cause : new IOException(cause);
    } catch (TimeoutException | CancellationException e) {
      future.cancel(true);
      throw new IOException("no answer from the collector within " + waitMillis + " ms", e);
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    }
  }

  void close(boolean immediately) {
    client.close(immediately ? CloseMode.IMMEDIATE : CloseMode.GRACEFUL);
  }
}
