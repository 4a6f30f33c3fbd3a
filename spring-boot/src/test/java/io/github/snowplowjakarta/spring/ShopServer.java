package io.github.snowplowjakarta.spring;

import io.github.snowplowjakarta.testing.TestCollector;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The shop on embedded Tomcat on a free loopback port, tracking to a test collector. */
final class ShopServer implements AutoCloseable {
  private final HttpClient client = HttpClient.newHttpClient();
  final ConfigurableApplicationContext context;
  private final int port;

  ShopServer(TestCollector collector, Class<?>[] sources, String... properties) {
    List<String> all = new ArrayList<>();
    all.add("server.port=0");
    all.add("server.address=127.0.0.1");
    all.add("spring.application.name=shop");
    all.add("spring.main.banner-mode=off");
    all.add("snowplow.collector-uri=" + collector.uri());
    all.add("snowplow.emitter.flush-interval=50ms");
    all.addAll(List.of(properties));
    context =
        new SpringApplicationBuilder(sources)
            .web(WebApplicationType.SERVLET)
            .properties(all.toArray(String[]::new))
            .run();
    port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  /** An application already started on embedded Tomcat. */
  ShopServer(ConfigurableApplicationContext context) {
    this.context = context;
    this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
