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

  private Shop shop() {
    return shop != null
        ? shop
        : jakarta.enterprise.inject.spi.CDI.current().select(Shop.class).get();
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
                    "<form method=post action=/basket><button id=add-to-cart>Add to cart</button></form>");
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
                                        io.github.snowplowjakarta.servlet.consent.Levels.name(
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
                out.println("<script src=/js/snowplow.js></script>");
                out.println(
                    "<script>SampleTracking.start(location.origin + '/collector', "
                        + (local ? "'" + Html.escape(next).replace("\\", "") + "'" : "null")
                        + ", "
                        + (known ? "'" + choice + "'" : "null")
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
                    "<form method=post action=/checkout><button id=checkout>Pay</button></form>");
              });
      default ->
          page(
              request,
              response,
              "Sample shop",
              out -> {
                out.println(
                    "<p>A shop tracked with the Snowplow Jakarta Tracker. Pick a consent choice above,"
                        + " browse, add to cart, pay, then see on <a href=/events>Events received</a> what reached the collector.</p>");
              });
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if ("/basket".equals(request.getServletPath())) {
      shop().addToCart("SHOE-42-RED", "Red shoes", 49.95, 1);
      response.sendRedirect("/basket");
    } else if ("/checkout".equals(request.getServletPath())) {
      shop().checkout("order-" + UUID.randomUUID(), "SHOE-42-RED", "Red shoes", 49.95, 1);
      response.sendRedirect("/events");
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
    ConsentServlet.bannerShown(request);
    PrintWriter out = Html.start(request, response, title);
    body.write(out);
    Html.end(out);
  }
}
