package io.github.snowplowjakarta.sample;

import io.github.snowplowjakarta.servlet.SnowplowRequest;
import io.github.snowplowjakarta.servlet.consent.ConsentDecision;
import io.github.snowplowjakarta.servlet.consent.Levels;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/** The sample's page frame: title, navigation, consent banner. */
final class Html {
  private Html() {}

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static PrintWriter start(HttpServletRequest request, HttpServletResponse response, String title)
      throws IOException {
    SnowplowRequest.pageTitle(request, title);
    response.setContentType("text/html;charset=utf-8");
    PrintWriter out = response.getWriter();
    String level =
        SnowplowRequest.consent(request)
            .map(ConsentDecision::anonymisation)
            .map(Levels::name)
            .orElse("not tracked");
    out.println(
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>"
            + escape(title)
            + "</title>");
    out.println(
        "<style>body{font-family:sans-serif;max-width:60em;margin:1em auto}"
            + "nav a{margin-right:1em}.banner{background:#eef;padding:.5em;margin:1em 0}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .4em;font-size:.85em;vertical-align:top}</style></head><body>");
    out.println(
        "<nav><a href=/>Shop</a><a href=/product>Product</a><a href=/privacy>Privacy</a><a href=/events>Events received</a></nav>");
    out.println(
        "<div class=banner>Tracking level for this request: <b id=level>"
            + escape(level)
            + "</b>. Choose: "
            + "<a id=accept-all href='/consent?choice=all'>Accept all</a> · "
            + "<a id=session-only href='/consent?choice=session'>Session only</a> · "
            + "<a id=reject href='/consent?choice=none'>Reject</a></div>");
    out.println("<h1>" + escape(title) + "</h1>");
    return out;
  }

  static void end(PrintWriter out) {
    out.println("</body></html>");
  }
}
