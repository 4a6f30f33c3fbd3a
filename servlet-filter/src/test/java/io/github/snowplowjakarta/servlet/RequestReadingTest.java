package io.github.snowplowjakarta.servlet;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.testing.TestCollector;
import io.github.snowplowjakarta.web.consent.ConsentDecision;
import io.github.snowplowjakarta.web.consent.ConsentRequest;
import io.github.snowplowjakarta.web.consent.ConsentSource;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request is read lazily, yet as if read on the request thread when it came in: security
 * wrappers that bind the user to the thread, log in and out, or track from inside the read.
 */
class RequestReadingTest {
  private static final String COOKIE =
      "sp_consent=all; " + PageViewTest.SP_ID + "; " + PageViewTest.SP_SES;
  private static final ThreadLocal<String> SECURITY_CONTEXT = new ThreadLocal<>();

  @RegisterExtension final FilterFixture fixture = FilterFixture.perTest();
  private final TestCollector collector = fixture.collector();
  private TestApp app;

  /** The filter behind {@code wrap}, which stands for a security library, serving {@code page}. */
  private TestApp start(UnaryOperator<HttpServletRequest> wrap, HttpServlet page) {
    return start(wrap, page, List.of());
  }

  /** With these consent sources of the application's own. */
  private TestApp start(
      UnaryOperator<HttpServletRequest> wrap, HttpServlet page, List<ConsentSource> sources) {
    Emitter emitter = Emitter.builder(collector.uri()).build();
    Tracker tracker =
        Tracker.builder(
                TrackerSettings.builder().appId("shop").platform(Platform.WEB).build(), emitter)
            .build();
    ServletContextHandler context = new ServletContextHandler(TestApp.CONTEXT);
    Filter security =
        (request, response, chain) -> {
          SECURITY_CONTEXT.set("alice");
          try {
            chain.doFilter(wrap.apply((HttpServletRequest) request), response);
          } finally {
            SECURITY_CONTEXT.remove();
          }
        };
    FilterHolder securityHolder = new FilterHolder(security);
    securityHolder.setAsyncSupported(true);
    context.addFilter(securityHolder, "/*", EnumSet.of(DispatcherType.REQUEST));
    SnowplowFilter filter = new SnowplowFilter(tracker);
    sources.forEach(filter::consentSource);
    FilterHolder snowplow = new FilterHolder(filter);
    snowplow.setAsyncSupported(true);
    snowplow.setInitParameter("snowplow.user-id.from-principal", "true");
    context.addFilter(snowplow, "/*", EnumSet.of(DispatcherType.REQUEST));
    ServletHolder servlet = new ServletHolder(page);
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, "/*");
    return TestApp.start(context, emitter);
  }

  private static void html(HttpServletResponse response) throws IOException {
    response.setContentType("text/html");
    response.getWriter().write("<h1>page</h1>");
  }

  /** The user and the user agent come from the thread, as some security libraries do. */
  private static HttpServletRequest threadBound(HttpServletRequest request) {
    return new HttpServletRequestWrapper(request) {
      @Override
      public Principal getUserPrincipal() {
        String user = SECURITY_CONTEXT.get();
        if (user == null) {
          throw new IllegalStateException("no security context bound to this thread");
        }
        return () -> user;
      }

      @Override
      public String getHeader(String name) {
        return "User-Agent".equalsIgnoreCase(name) && SECURITY_CONTEXT.get() == null
            ? "read on another thread"
            : super.getHeader(name);
      }
    };
  }

  private static final class AsyncPage extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
      AsyncContext async = request.startAsync();
      async.start(
          () -> {
            try {
              html((HttpServletResponse) async.getResponse());
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
            async.complete();
          });
    }
  }

  @Test
  void anAsyncPageViewIsReadOnTheRequestThread() {
    app = start(RequestReadingTest::threadBound, new AsyncPage());

    assertThat(
            app.get("/async", "Cookie", COOKIE, "User-Agent", "Mozilla/5.0 (Thread)").statusCode())
        .isEqualTo(200);
    await().atMost(ofSeconds(10)).until(() -> !collector.acceptedEvents().isEmpty());

    JsonNode pageView = collector.acceptedEvents().get(0);
    assertThat(pageView.get("uid").asText()).isEqualTo("alice");
    assertThat(pageView.get("ua").asText()).isEqualTo("Mozilla/5.0 (Thread)");
    assertThat(pageView.get("duid").asText()).isEqualTo(PageViewTest.DUID);
  }

  @Test
  void aPageThatLogsOutKeepsTheUserItArrivedWith() {
    AtomicReference<String> user = new AtomicReference<>("alice");
    app =
        start(
            request ->
                new HttpServletRequestWrapper(request) {
                  @Override
                  public Principal getUserPrincipal() {
                    String name = user.get();
                    return name == null ? null : () -> name;
                  }

                  @Override
                  public void logout() {
                    user.set(null);
                  }
                },
            new HttpServlet() {
              private static final long serialVersionUID = 1L;

              @Override
              protected void doGet(HttpServletRequest request, HttpServletResponse response)
                  throws IOException {
                try {
                  request.logout();
                } catch (jakarta.servlet.ServletException e) {
                  throw new IOException(e);
                }
                html(response);
              }
            });

    app.get("/logout", "Cookie", COOKIE);
    app.flush();

    assertThat(collector.acceptedEvents()).singleElement();
    assertThat(collector.acceptedEvents().get(0).get("uid").asText()).isEqualTo("alice");
  }

  @Test
  void codeTrackingFromInsideTheReadGetsATrackerWithoutTheRequestsDetails() {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    app =
        start(
            // An auditing wrapper tracking through the request being read.
            onReading(
                "User-Agent",
                request ->
                    SnowplowRequest.current()
                        .ifPresent(
                            t ->
                                t.track(
                                    Structured.builder().category("audit").action("ua").build()))),
            new HttpServlet() {
              private static final long serialVersionUID = 1L;

              @Override
              protected void doGet(HttpServletRequest request, HttpServletResponse response)
                  throws IOException {
                try {
                  SnowplowRequest.tracker(request)
                      .ifPresent(
                          t ->
                              t.track(
                                  Structured.builder().category("shop").action("view").build()));
                } catch (Throwable e) {
                  thrown.set(e);
                }
                html(response);
              }
            });

    assertThat(app.get("/page", "Cookie", COOKIE).statusCode()).isEqualTo(200);
    app.flush();

    assertThat(thrown.get()).as("thrown into the application").isNull();
    Map<String, JsonNode> byEvent =
        collector.acceptedEvents().stream()
            .collect(
                Collectors.toMap(
                    e -> e.get("e").asText() + ":" + e.path("se_ac").asText(), e -> e));
    assertThat(byEvent).containsOnlyKeys("se:ua", "se:view", "pv:");
    assertThat(byEvent.get("se:ua").has("url")).isFalse();
    assertThat(byEvent.get("se:view").get("duid").asText()).isEqualTo(PageViewTest.DUID);
    assertThat(byEvent.get("pv:").get("url").asText()).endsWith("/page");
  }

  /**
   * A wrapper that runs {@code onRead} each time {@code header} is read, before reading it, as an
   * auditing or logging library might.
   */
  private static UnaryOperator<HttpServletRequest> onReading(
      String header, Consumer<HttpServletRequest> onRead) {
    return request ->
        new HttpServletRequestWrapper(request) {
          @Override
          public String getHeader(String name) {
            if (header.equalsIgnoreCase(name)) {
              onRead.accept(this);
            }
            return super.getHeader(name);
          }
        };
  }

  private static final class ApiAndPage extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      if (request.getRequestURI().endsWith("/api")) {
        response.setContentType("application/json");
        response.getWriter().write("{}");
      } else {
        html(response);
      }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
      response.setStatus(204);
    }
  }

  @Test
  void consentIsDecidedOnlyForARequestThatTracks() {
    // Global Privacy Control: the header the default sources decide from.
    AtomicInteger reads = new AtomicInteger();
    app = start(onReading("Sec-GPC", request -> reads.incrementAndGet()), new ApiAndPage());

    assertThat(app.get("/api", "Cookie", COOKIE).statusCode()).isEqualTo(200);
    assertThat(app.post("/order", "Cookie", COOKIE).statusCode()).isEqualTo(204);
    assertThat(reads).as("consent headers read for an API call and a POST").hasValue(0);

    assertThat(app.get("/page", "Cookie", COOKIE).statusCode()).isEqualTo(200);
    app.flush();
    assertThat(reads).as("read once, for the page view").hasValue(1);
    assertThat(collector.acceptedEvents()).singleElement();
    assertThat(collector.acceptedEvents().get(0).get("duid").asText()).isEqualTo(PageViewTest.DUID);
  }

  @Test
  void codeAskingForTheConsentFromInsideTheDecisionGetsTheMostRestrictive() {
    AtomicReference<String> seenInside = new AtomicReference<>();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    app =
        start(
            // A logging wrapper asking for the consent that reading this header decides.
            onReading(
                "Sec-GPC",
                request -> {
                  try {
                    SnowplowRequest.consent(request)
                        .ifPresent(c -> seenInside.set(c.anonymisation().level().name()));
                  } catch (Throwable e) {
                    thrown.set(e);
                  }
                }),
            new ApiAndPage());

    assertThat(app.get("/page", "Cookie", COOKIE).statusCode()).isEqualTo(200);
    app.flush();

    assertThat(thrown.get()).isNull();
    assertThat(seenInside.get()).isEqualTo("OFF");
    assertThat(collector.acceptedEvents()).singleElement();
    assertThat(collector.acceptedEvents().get(0).get("duid").asText())
        .as("the page view has the decision taken, not the one seen inside it")
        .isEqualTo(PageViewTest.DUID);
  }

  @Test
  void aSourceThatMayReadMoreThanCookiesAndHeadersIsAskedAsTheRequestComesIn() {
    AtomicInteger asked = new AtomicInteger();
    ConsentSource session =
        new ConsentSource() {
          @Override
          public String name() {
            return "session";
          }

          @Override
          public Optional<ConsentDecision> decide(ConsentRequest request) {
            asked.incrementAndGet();
            // What the page sets during the request is not there yet when it comes in.
            return request.unwrap(HttpServletRequest.class).orElseThrow().getAttribute("chosen")
                    == null
                ? Optional.empty()
                : Optional.of(new ConsentDecision(Anonymisation.OFF, "set"));
          }
        };
    app =
        start(
            UnaryOperator.identity(),
            new HttpServlet() {
              private static final long serialVersionUID = 1L;

              @Override
              protected void doGet(HttpServletRequest request, HttpServletResponse response)
                  throws IOException {
                request.setAttribute("chosen", "off");
                html(response);
              }

              @Override
              protected void doPost(HttpServletRequest request, HttpServletResponse response) {
                response.setStatus(204);
              }
            },
            List.of(session));

    assertThat(app.post("/order", "Cookie", COOKIE).statusCode()).isEqualTo(204);
    assertThat(asked).as("asked for a POST").hasValue(1);
    assertThat(app.get("/page", "Cookie", COOKIE).statusCode()).isEqualTo(200);
    app.flush();
    assertThat(asked).hasValue(2);
    assertThat(collector.acceptedEvents())
        .as("decided before the page set its attribute: tracked as the cookie says")
        .singleElement();
  }
}
