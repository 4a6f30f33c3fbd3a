package io.github.snowplowjakarta.core.emitter;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.encoding.PayloadEncoder;
import io.github.snowplowjakarta.core.testing.Fixtures;
import io.github.snowplowjakarta.testing.TestCollector;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The collector behind a real forward proxy (Jetty's), as in a corporate network. */
class ProxyTest {
  private final TestCollector collector = TestCollector.start();
  private final PayloadEncoder encoder = new PayloadEncoder(TrackerSettings.of("proxy-test"));
  private final List<String> proxied = new CopyOnWriteArrayList<>();
  private final List<Emitter> emitters = new ArrayList<>();
  private final Server proxy = new Server();
  private static final String HIDDEN_HOST = "collector.test";

  ProxyTest() throws Exception {
    ServerConnector connector = new ServerConnector(proxy);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    proxy.addConnector(connector);
    proxy.setHandler(
        new Handler.Wrapper(
            new ProxyHandler.Forward() {
              // The JVM's own selector never proxies loopback: the emitter then names the
              // collector collector.test, which only this proxy knows.
              @Override
              protected HttpURI rewriteHttpURI(Request request) {
                HttpURI uri = super.rewriteHttpURI(request);
                return HIDDEN_HOST.equals(uri.getHost())
                    ? HttpURI.build(uri).host("127.0.0.1").asImmutable()
                    : uri;
              }
            }) {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            proxied.add(request.getMethod() + " " + request.getHttpURI());
            return super.handle(request, response, callback);
          }
        });
    proxy.start();
  }

  @AfterEach
  void closeEverything() throws Exception {
    emitters.forEach(emitter -> emitter.close(ofSeconds(2)));
    proxy.stop();
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  private URI proxyUri() {
    return URI.create(
        "http://127.0.0.1:" + ((ServerConnector) proxy.getConnectors()[0]).getLocalPort());
  }

  private List<String> deliverThree(Emitter.Builder builder) {
    Emitter emitter = builder.build();
    emitters.add(emitter);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      EncodedEvent event =
          encoder
              .encode(
                  Structured.builder().category("c").action("a").build(),
                  Fixtures.fullSubject(),
                  Anonymisation.FULL_TRACKING)
              .get(0);
      emitter.add(event);
      ids.add(event.eventId());
    }
    assertThat(emitter.flush(ofSeconds(10))).isTrue();
    assertThat(
            collector.acceptedEvents().stream()
                .map(e -> e.get("eid").asText())
                .collect(Collectors.toList()))
        .containsExactlyElementsOf(ids);
    return ids;
  }

  @Test
  void aProxyGivenToTheBuilderCarriesEveryRequest() {
    deliverThree(Emitter.builder(collector.uri()).proxy(proxyUri()));

    assertThat(proxied)
        .isNotEmpty()
        .allSatisfy(
            line ->
                assertThat(line).isEqualTo("POST " + collector.uri() + TestCollector.POST_PATH));
  }

  @Test
  void withoutOneTheJvmsProxySelectorDecides() {
    ProxySelector jvmDefault = ProxySelector.getDefault();
    List<URI> asked = new CopyOnWriteArrayList<>();
    ProxySelector.setDefault(
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            asked.add(uri);
            return List.of(
                new Proxy(
                    Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxyUri().getPort())));
          }

          @Override
          public void connectFailed(URI uri, SocketAddress address, IOException e) {}
        });
    try {
      deliverThree(Emitter.builder(collector.uri()));
    } finally {
      ProxySelector.setDefault(jvmDefault);
    }

    assertThat(asked).isNotEmpty();
    assertThat(proxied).isNotEmpty();
  }

  @Test
  void withoutOneTheJvmsProxyPropertiesDecide() {
    String[] keys = {"http.proxyHost", "http.proxyPort", "http.nonProxyHosts"};
    String[] before = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      before[i] = System.getProperty(keys[i]);
    }
    System.setProperty("http.proxyHost", "127.0.0.1");
    System.setProperty("http.proxyPort", Integer.toString(proxyUri().getPort()));
    System.setProperty("http.nonProxyHosts", "none.invalid|localhost");
    try {
      deliverThree(
          Emitter.builder(URI.create("http://" + HIDDEN_HOST + ":" + collector.uri().getPort())));
    } finally {
      for (int i = 0; i < keys.length; i++) {
        if (before[i] == null) {
          System.clearProperty(keys[i]);
        } else {
          System.setProperty(keys[i], before[i]);
        }
      }
    }

    assertThat(proxied).isNotEmpty().allSatisfy(line -> assertThat(line).contains(HIDDEN_HOST));
  }

  @Test
  void withNoProxyConfiguredRequestsGoStraightToTheCollector() {
    deliverThree(Emitter.builder(collector.uri()));

    assertThat(proxied).isEmpty();
  }
}
