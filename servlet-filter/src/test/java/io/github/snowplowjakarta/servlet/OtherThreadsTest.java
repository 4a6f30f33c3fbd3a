package io.github.snowplowjakarta.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Work a request hands to other threads tracks as the request does: tasks of {@code
 * AsyncContext.start} by themselves, executor tasks when carried. The application's tracker is one
 * that follows the request, as the CDI extension's are ({@code workInProgress}); its own default
 * level is full tracking, so an event at the default level would show.
 */
class OtherThreadsTest {
  private static final String VISITOR = PageViewTest.SP_ID + "; " + PageViewTest.SP_SES;

  @RegisterExtension final FilterFixture fixture = FilterFixture.perTest();
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private Tracker application;
  private TestApp app;

  @BeforeEach
  void start() {
    Emitter emitter = Emitter.builder(fixture.collector().uri()).build();
    TrackerSettings settings =
        TrackerSettings.builder().appId("shop").platform(Platform.WEB).build();
    Tracker filterTracker = Tracker.builder(settings, emitter).build();
    application =
        Tracker.builder(settings, emitter)
            .anonymisation(Anonymisation.FULL_TRACKING)
            .workInProgress(SnowplowRequest::currentOrNull)
            .build();
    ServletContextHandler context = TestApp.context(new Pages());
    FilterHolder filter = new FilterHolder(new SnowplowFilter(filterTracker));
    filter.setAsyncSupported(true);
    filter.setInitParameter("snowplow.consent.cookie.values", "all=full,none=off");
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    app = TestApp.start(context, emitter);
  }

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private void track(String action) {
    application.track(Structured.builder().category("thread").action(action).build());
  }

  private final class Pages extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String path = request.getPathInfo();
      try {
        switch (path) {
          case "/async-start" -> {
            AsyncContext async = request.startAsync();
            async.start(() -> finish(async, "async-start"));
          }
          case "/async-context" -> {
            request.startAsync();
            request
                .getAsyncContext()
                .start(() -> finish(request.getAsyncContext(), "async-context"));
          }
          case "/executor" -> {
            CompletableFuture.runAsync(() -> track("executor"), SnowplowRequest.carrying(pool))
                .get(10, TimeUnit.SECONDS);
            response.getWriter().write("done");
          }
          case "/runnable" -> {
            pool.submit(SnowplowRequest.carry(() -> track("runnable"))).get(10, TimeUnit.SECONDS);
            response.getWriter().write("done");
          }
          case "/callable" -> {
            String result =
                pool.submit(
                        SnowplowRequest.carry(
                            () -> {
                              track("callable");
                              return "done";
                            }))
                    .get(10, TimeUnit.SECONDS);
            response.getWriter().write(result);
          }
          default -> response.sendError(404);
        }
      } catch (Exception e) {
        throw new IOException(e);
      }
    }

    private void finish(AsyncContext async, String action) {
      track(action);
      try {
        async.getResponse().getWriter().write("done");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      async.complete();
    }
  }

  private List<Map<String, String>> events(String action) {
    app.flush();
    return fixture.collector().acceptedEvents().stream()
        .map(TrackerPayloads::fields)
        .filter(e -> action.equals(e.get("se_ac")))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"async-start", "async-context", "executor", "runnable", "callable"})
  void anotherThreadTracksAtTheVisitorsLevel(String way) {
    assertThat(app.get("/" + way, "Cookie", "sp_consent=all; " + VISITOR).body()).isEqualTo("done");

    assertThat(events(way))
        .singleElement()
        .satisfies(e -> assertThat(e).containsEntry("duid", PageViewTest.DUID));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"async-start", "async-context", "executor", "runnable", "callable"})
  void aVisitorAtOffIsNeverTrackedFromAnotherThread(String way) {
    long withheld = application.withheld();

    assertThat(app.get("/" + way, "Cookie", "sp_consent=none; " + VISITOR).body())
        .isEqualTo("done");

    assertThat(events(way)).isEmpty();
    assertThat(application.withheld()).isEqualTo(withheld + 1);
  }

  @Test
  void aTaskCarriedFromNoRequestRunsAtTheDefaultLevel() throws Exception {
    Runnable fromNowhere = SnowplowRequest.carry(() -> track("nowhere"));
    assertThat(SnowplowRequest.current()).isEmpty();

    pool.submit(fromNowhere).get(10, TimeUnit.SECONDS);

    assertThat(events("nowhere"))
        .singleElement()
        .satisfies(e -> assertThat(e).doesNotContainKey("duid").containsKey("eid"));
  }
}
