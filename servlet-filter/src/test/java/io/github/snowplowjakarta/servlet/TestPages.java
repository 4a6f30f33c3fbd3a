package io.github.snowplowjakarta.servlet;

import io.github.snowplowjakarta.core.event.BasisForProcessing;
import io.github.snowplowjakarta.core.event.ConsentEvent;
import io.github.snowplowjakarta.core.event.ConsentPreferences;
import io.github.snowplowjakarta.core.event.ConsentWithdrawn;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.web.consent.Levels;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The pages of the test application; which one is served depends on the path. */
public class TestPages extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    SnowplowRequest.consent(request)
        .ifPresent(c -> response.setHeader("X-Consent", Levels.name(c.anonymisation())));
    // An included page sees the including request's paths; the included ones are attributes.
    String path =
        request.getAttribute(RequestDispatcher.INCLUDE_REQUEST_URI) != null
            ? text(request.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH))
                + text(request.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO))
            : request.getServletPath() + text(request.getPathInfo());
    switch (path) {
      case "/api":
        write(response, 200, "application/json", "{\"ok\":true}");
        break;
      case "/api-tracked":
        SnowplowRequest.current()
            .ifPresent(t -> t.track(Structured.builder().category("api").action("poll").build()));
        write(response, 200, "application/json", "{\"ok\":true}");
        break;
      case "/missing":
        write(response, 404, "text/html", "<h1>not here</h1>");
        break;
      case "/fails":
        throw new ServletException("the application failed");
      case "/fails-late":
        response.setContentType("text/html");
        response.getWriter().write("<h1>half a page");
        throw new ServletException("the application failed after writing");
      case "/data.json":
        SnowplowRequest.current()
            .ifPresent(t -> t.track(Structured.builder().category("api").action("data").build()));
        write(response, 200, "application/json", "{}");
        break;
      case "/async":
        AsyncContext async = request.startAsync();
        async.start(
            () -> {
              try {
                write(
                    (HttpServletResponse) async.getResponse(), 200, "text/html", "<h1>async</h1>");
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
              async.complete();
            });
        break;
      case "/async-titled":
        // No title given: the filter reads it from what the async cycle writes.
        AsyncContext titled = request.startAsync();
        titled.start(
            () -> {
              try {
                write(
                    (HttpServletResponse) titled.getResponse(),
                    200,
                    "text/html",
                    "<html><head><title>Async shop</title></head><body>async</body></html>");
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
              titled.complete();
            });
        break;
      case "/forward":
        request.getRequestDispatcher("/page").forward(request, response);
        break;
      case "/include":
        response.setContentType("text/html");
        request.getRequestDispatcher("/page").include(request, response);
        break;
      case "/custom":
        SnowplowRequest.tracker(request)
            .ifPresent(
                t -> t.track(Structured.builder().category("shop").action("custom").build()));
        write(response, 200, "text/html", "<h1>custom</h1>");
        break;
      case "/current":
        SnowplowRequest.current()
            .ifPresent(
                t -> t.track(Structured.builder().category("shop").action("current").build()));
        write(response, 200, "text/html", "<h1>current</h1>");
        break;
      case "/record-consent":
        if ("true".equals(request.getParameter("commit"))) {
          response.setContentType("text/html");
          response.getWriter().write("<h1>committed</h1>");
          response.flushBuffer();
        }
        recordConsent(request);
        SnowplowRequest.tracker(request)
            .ifPresent(t -> t.track(Structured.builder().category("shop").action("after").build()));
        write(response, 200, "text/html", "<h1>recorded</h1>");
        break;
      case "/page-view-id":
        write(
            response,
            200,
            "text/html",
            SnowplowRequest.pageViewId(request).orElse("none")
                + " "
                + SnowplowRequest.pageViewId(request).orElse("none"));
        break;
      case "/suppressed":
        SnowplowRequest.suppressPageView(request);
        write(response, 200, "text/html", "<h1>quiet</h1>");
        break;
      default:
        SnowplowRequest.pageTitle(request, "Test page " + path);
        write(response, 200, "text/html;charset=utf-8", "<h1>hello</h1>");
    }
  }

  /** The consent endpoint: {@code choice} for the cookie, {@code type} for the event. */
  private static void recordConsent(HttpServletRequest request) {
    String choice = request.getParameter("choice");
    String type = request.getParameter("type");
    ConsentEvent event =
        "withdrawn-all".equals(type)
            ? ConsentWithdrawn.builder().all(true).build()
            : ConsentPreferences.builder(ConsentPreferences.Type.valueOf(type))
                .basisForProcessing(BasisForProcessing.CONSENT)
                .consentUrl("https://shop.example.com/privacy")
                .consentVersion("1")
                .consentScopes("necessary")
                .domainsApplied("shop.example.com")
                .build();
    if ("current".equals(request.getParameter("via"))) {
      SnowplowRequest.recordConsent(choice, event);
    } else {
      SnowplowRequest.recordConsent(request, choice, event);
    }
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  private static void write(HttpServletResponse response, int status, String type, String body)
      throws IOException {
    response.setStatus(status);
    response.setContentType(type);
    response.getWriter().write(body);
  }
}
