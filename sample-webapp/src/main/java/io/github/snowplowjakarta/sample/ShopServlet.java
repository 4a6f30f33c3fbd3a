package io.github.snowplowjakarta.sample;

import io.github.snowplowjakarta.servlet.SnowplowRequest;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.UUID;

/** The shop's pages. */
@WebServlet(urlPatterns = {"", "/product", "/basket", "/checkout", "/privacy", "/browser"})
public class ShopServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient Shop shop;

  /**
   * The CDI bean when there is CDI (injected, or looked up where the container does not inject
   * servlets); on a plain servlet container (Tomcat without Weld) a shop that tracks through the
   * filter's tracker for this request, with the same consent, but without {@code @Tracked}.
   */
  private Shop shop(HttpServletRequest request) {
    if (shop != null) {
      return shop;
    }
    Shop bean = Cdi.shop();
    return bean != null ? bean : new Shop(SnowplowRequest.tracker(request).orElse(null));
  }

  /** CDI, when the container has it: its classes are touched only after they were found. */
  private static final class Cdi {
    private static final boolean PRESENT = present();

    private static boolean present() {
      try {
        Class.forName("jakarta.enterprise.inject.spi.CDI", false, Cdi.class.getClassLoader());
        return true;
      } catch (ClassNotFoundException | LinkageError absent) {
        return false;
      }
    }

    static Shop shop() {
      if (!PRESENT) {
        return null;
      }
      try {
        return jakarta.enterprise.inject.spi.CDI.current().select(Shop.class).get();
      } catch (IllegalStateException noCdiContainer) {
        return null;
      }
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    switch (request.getServletPath()) {
      case "/product" ->
          page(
              request,
              response,
              "Red shoes",
              out -> {
                out.println("<p>Red shoes, size 42: 49.95 EUR</p>");
                out.println(
                    "<form method=post action='"
                        + Html.href(request, "/basket")
                        + "'><button id=add-to-cart>Add to cart</button></form>");
              });
      case "/privacy" ->
          page(
              request,
              response,
              "Privacy",
              out -> {
                out.println(
                    "<p>This request is tracked as <b>"
                        + Html.escape(
                            SnowplowRequest.consent(request)
                                .map(
                                    d ->
                                        io.github.snowplowjakarta.web.consent.Levels.name(
                                            d.anonymisation()))
                                .orElse("-"))
                        + "</b> because: <span id=reason>"
                        + Html.escape(
                            SnowplowRequest.consent(request).map(d -> d.reason()).orElse("-"))
                        + "</span>.</p>");
                out.println(
                    "<p>full: every identifier; anonymous-with-session: no user ids, the session stays;"
                        + " anonymous: no user or session ids; +server: no IP address, network id or collector cookie.</p>");
              });
      case "/browser" ->
          page(
              request,
              response,
              "With the browser tracker",
              out -> {
                // The browser tracker on the same page: it writes the _sp_id/_sp_ses cookies the
                // filter reads, so both sides share one domain user id and session.
                String next = request.getParameter("next");
                boolean local = next != null && next.startsWith("/") && !next.startsWith("//");
                String choice = request.getParameter("consent");
                boolean known = choice != null && choice.matches("all|session|none");
                out.println(
                    "<p>This page also runs the Snowplow browser tracker, with the same consent"
                        + " choice.</p>");
                out.println(
                    "<script src='" + Html.href(request, "/js/snowplow.js") + "'></script>");
                out.println(
                    "<script>SampleTracking.start(location.origin + "
                        + Html.jsString(Html.url(request, "/collector"))
                        + ", "
                        + (local ? Html.jsString(Html.url(request, next)) : "null")
                        + ", "
                        + (known ? Html.jsString(choice) : "null")
                        + ");</script>");
              });
      case "/basket" ->
          page(
              request,
              response,
              "Basket",
              out -> {
                out.println("<p>Your basket holds red shoes.</p>");
                out.println(
                    "<form method=post action='"
                        + Html.href(request, "/checkout")
                        + "'><button id=checkout>Pay</button></form>");
              });
      default ->
          page(
              request,
              response,
              "Sample shop",
              out -> {
                out.println(
                    "<p>A shop tracked with the Snowplow Jakarta Tracker. Pick a consent choice above,"
                        + " browse, add to cart, pay, then see on <a href='"
                        + Html.href(request, "/events")
                        + "'>Events received</a> what reached the collector.</p>");
              });
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if ("/basket".equals(request.getServletPath())) {
      shop(request).addToCart("SHOE-42-RED", "Red shoes", 49.95, 1);
      response.sendRedirect(Html.url(request, "/basket"));
    } else if ("/checkout".equals(request.getServletPath())) {
      shop(request).checkout("order-" + UUID.randomUUID(), "SHOE-42-RED", "Red shoes", 49.95, 1);
      response.sendRedirect(Html.url(request, "/events"));
    } else {
      response.sendError(405);
    }
  }

  private interface Body {
    void write(PrintWriter out);
  }

  private static void page(
      HttpServletRequest request, HttpServletResponse response, String title, Body body)
      throws IOException {
    PrintWriter out = Html.start(request, response, title);
    body.write(out);
    out.println(ConsentServlet.bannerScript(request));
    Html.end(out);
  }
}
