package io.github.snowplowjakarta.core.emitter;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.encoding.PayloadEncoder;
import io.github.snowplowjakarta.core.testing.Fixtures;
import io.github.snowplowjakarta.testing.TestCollector;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real forward proxy (Jetty's) that refuses: it wants credentials (407), which the emitter never
 * sends, or its rules do not allow the collector's host (403 to {@code CONNECT}). Each is named as
 * the proxy's, once at ERROR; the events are kept and probed at the longest backoff.
 */
class ProxyRefusalTest {
  private static final String COLLECTOR_HOST = "collector.test";

  private final TestCollector collector = TestCollector.start();
  private final PayloadEncoder encoder = new PayloadEncoder(TrackerSettings.of("proxy-test"));
  private final List<String> proxied = new CopyOnWriteArrayList<>();
  private final List<Emitter> emitters = new ArrayList<>();
  private final Server proxy = new Server();
  private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
  private final Logger emitterLogger = Logger.getLogger(Emitter.class.getName());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel() == Level.SEVERE) {
            errors.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /** The proxy: its CONNECT part allows only {@code allowed.test}; both parts may want auth. */
  private void startProxy(boolean wantsCredentials) throws Exception {
    ServerConnector connector = new ServerConnector(proxy);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    proxy.addConnector(connector);
    ProxyHandler.Forward forward =
        new ProxyHandler.Forward() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            proxied.add(request.getMethod() + " " + request.getHttpURI());
            if (wantsCredentials
                && request.getHeaders().get(HttpHeader.PROXY_AUTHORIZATION) == null) {
              response.setStatus(HttpStatus.PROXY_AUTHENTICATION_REQUIRED_407);
              response.getHeaders().put(HttpHeader.PROXY_AUTHENTICATE, "Basic realm=\"corp\"");
              callback.succeeded();
              return true;
            }
            return super.handle(request, response, callback);
          }
        };
    ConnectHandler connect =
        new ConnectHandler(forward) {
          @Override
          protected boolean handleAuthentication(
              Request request, Response response, String address) {
            proxied.add("CONNECT " + address);
            if (wantsCredentials
                && request.getHeaders().get(HttpHeader.PROXY_AUTHORIZATION) == null) {
              response.getHeaders().put(HttpHeader.PROXY_AUTHENTICATE, "Basic realm=\"corp\"");
              return false;
            }
            return true;
          }
        };
    connect.getWhiteListHosts().add("allowed.test");
    proxy.setHandler(connect);
    proxy.start();
    emitterLogger.addHandler(capture);
  }

  @AfterEach
  void closeEverything() throws Exception {
    emitterLogger.removeHandler(capture);
    emitters.forEach(emitter -> emitter.close(ofSeconds(2)));
    proxy.stop();
    collector.close();
  }

  private URI proxyUri() {
    return URI.create(
        "http://127.0.0.1:" + ((ServerConnector) proxy.getConnectors()[0]).getLocalPort());
  }

  /** Three events through the proxy to {@code collector}; the emitter's stats once it gave up. */
  private EmitterStats refusedThrough(URI collectorUri) {
    Emitter emitter =
        Emitter.builder(collectorUri)
            .proxy(proxyUri())
            .retryBackoff(ofMillis(10), ofSeconds(60))
            .build();
    emitters.add(emitter);
    for (int i = 0; i < 3; i++) {
      emitter.add(
          encoder
              .encode(
                  Structured.builder().category("c").action("a").build(),
                  Fixtures.fullSubject(),
                  Anonymisation.FULL_TRACKING)
              .get(0));
    }
    emitter.flush(ofMillis(1));
    await().atMost(ofSeconds(10)).until(() -> emitter.stats().misconfiguration() != null);
    // No hot retry: the next probe comes after the longest backoff, a minute from now.
    assertThat(emitter.flush(ofMillis(500))).isFalse();
    EmitterStats stats = emitter.stats();
    assertThat(stats.retried()).isZero();
    assertThat(stats.failed()).isZero();
    assertThat(stats.queueDepth()).isEqualTo(3);
    assertThat(stats.internalErrors()).isZero();
    assertThat(proxied).hasSize(1);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).getMessage()).contains(stats.misconfiguration());
    assertThat(collector.acceptedEvents()).isEmpty();
    return stats;
  }

  @Test
  void aProxyWantingCredentialsIsNamedAsTheProxyNotRetriedAtOnce() throws Exception {
    startProxy(true);

    EmitterStats stats = refusedThrough(collector.uri());

    String proxyHost = "127.0.0.1:" + proxyUri().getPort();
    assertThat(stats.misconfiguration())
        .contains("the proxy " + proxyHost)
        .contains("HTTP 407")
        .contains("sends no proxy credentials");
    assertThat(stats.lastError()).isEqualTo("HTTP 407 from the proxy " + proxyHost);
  }

  @Test
  void aProxyWantingCredentialsForATunnelIsNamedAsTheProxy() throws Exception {
    startProxy(true);

    EmitterStats stats = refusedThrough(URI.create("https://" + COLLECTOR_HOST));

    assertThat(proxied).containsExactly("CONNECT " + COLLECTOR_HOST + ":443");
    assertThat(stats.misconfiguration())
        .contains("the proxy 127.0.0.1:" + proxyUri().getPort())
        .contains("HTTP 407")
        .contains("sends no proxy credentials");
  }

  @Test
  void aTunnelRefusedByTheProxysRulesIsNotBlamedOnTheCollectorsCredentials() throws Exception {
    startProxy(false);

    EmitterStats stats = refusedThrough(URI.create("https://" + COLLECTOR_HOST));

    assertThat(proxied).containsExactly("CONNECT " + COLLECTOR_HOST + ":443");
    assertThat(stats.misconfiguration())
        .contains("the proxy 127.0.0.1:" + proxyUri().getPort())
        .contains("refused to open a tunnel")
        .contains("HTTP 403")
        .doesNotContain("header(...)");
    assertThat(stats.lastError()).contains("HTTP 403 from the proxy");
  }

  @Test
  void aForbiddenFromTheCollectorThroughAProxyIsStillTheCollectors() throws Exception {
    startProxy(false);
    collector.respondWith(r -> TestCollector.Response.status(403));

    EmitterStats stats = refusedThrough(collector.uri());

    assertThat(stats.misconfiguration()).contains("wants credentials").doesNotContain("proxy");
  }
}
