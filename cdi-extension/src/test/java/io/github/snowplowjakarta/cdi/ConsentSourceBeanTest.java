package io.github.snowplowjakarta.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.servlet.SnowplowFilter;
import io.github.snowplowjakarta.servlet.SnowplowRequest;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.web.consent.ConsentDecision;
import io.github.snowplowjakarta.web.consent.ConsentRequest;
import io.github.snowplowjakarta.web.consent.ConsentSource;
import io.github.snowplowjakarta.web.consent.Levels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.environment.servlet.Listener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A consent source that is a CDI bean, found by the filter in real Jetty 12 with real Weld. */
class ConsentSourceBeanTest {
  private final TestCollector collector = TestCollector.start();
  private WeldContainer container;
  private Server server;
  private Emitter emitter;

  /** The application's own record of consent, here a header its front end sets. */
  @ApplicationScoped
  public static class HeaderConsent implements ConsentSource {
    @Override
    public String name() {
      return "app-header";
    }

    @Override
    public Optional<ConsentDecision> decide(ConsentRequest request) {
      return "no".equals(request.header("X-App-Consent"))
          ? Optional.of(new ConsentDecision(Anonymisation.OFF, "app header no"))
          : Optional.empty();
    }
  }

  /** Answers with the request's consent level. */
  public static class LevelServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
      response.setHeader(
          "X-Consent",
          SnowplowRequest.consent(request).map(c -> Levels.name(c.anonymisation())).orElse("-"));
    }
  }

  /** A container of these beans, with the portable extension. */
  Weld weld(Class<?>... beans) {
    return Containers.portable(beans);
  }

  @BeforeEach
  void start() throws Exception {
    container = weld(HeaderConsent.class).initialize();
    emitter = Emitter.builder(collector.uri()).build();
    ServletContextHandler context = new ServletContextHandler("/");
    context.addEventListener(Listener.using(container));
    context.addFilter(
        new FilterHolder(
            new SnowplowFilter(Tracker.builder(TrackerSettings.of("filter"), emitter).build())),
        "/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new LevelServlet()), "/level");
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
    emitter.close(Duration.ofSeconds(5));
    container.close();
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }

  private String level(String... headers) throws Exception {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/level"))
            .headers(headers)
            .timeout(Duration.ofSeconds(10))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.ofString())
        .headers()
        .firstValue("X-Consent")
        .orElseThrow();
  }

  @Test
  void aConsentSourceBeanIsAskedByTheFilter() throws Exception {
    assertThat(level("Cookie", "sp_consent=all")).isEqualTo("full");
    assertThat(level("Cookie", "sp_consent=all", "X-App-Consent", "no")).isEqualTo("off");
  }
}
