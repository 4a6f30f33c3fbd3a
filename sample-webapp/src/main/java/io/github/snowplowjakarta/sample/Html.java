package io.github.snowplowjakarta.sample;

import io.github.snowplowjakarta.servlet.SnowplowRequest;
import io.github.snowplowjakarta.web.consent.ConsentDecision;
import io.github.snowplowjakarta.web.consent.Levels;
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

  /**
   * A path of the sample as the browser must ask for it: under the context path the WAR is deployed
   * at ({@code /shop/basket}), so links, forms and redirects stay in the application.
   */
  static String url(HttpServletRequest request, String path) {
    return request.getContextPath() + path;
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
        "<nav><a href='"
            + href(request, "/")
            + "'>Shop</a><a href='"
            + href(request, "/product")
            + "'>Product</a><a href='"
            + href(request, "/privacy")
            + "'>Privacy</a><a href='"
            + href(request, "/events")
            + "'>Events received</a></nav>");
    out.println(
        "<div class=banner>Tracking level for this request: <b id=level>"
            + escape(level)
            + "</b>. Choose: "
            + "<a id=accept-all href='"
            + href(request, "/consent?choice=all")
            + "'>Accept all</a> · "
            + "<a id=session-only href='"
            + href(request, "/consent?choice=session")
            + "'>Session only</a> · "
            + "<a id=reject href='"
            + href(request, "/consent?choice=none")
            + "'>Reject</a></div>");
    out.println("<h1>" + escape(title) + "</h1>");
    return out;
  }

  /** {@link #url}, escaped for an HTML attribute. */
  static String href(HttpServletRequest request, String path) {
    return escape(url(request, path));
  }

  /**
   * A JavaScript string literal for a {@code <script>} element: everything but letters, digits and
   * a few URL characters as {@code \\uXXXX}, so no quote, backslash or {@code </script>} gets
   * through.
   */
  static String jsString(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('\'');
    for (char c : text.toCharArray()) {
      if ((c < 128 && Character.isLetterOrDigit(c)) || "/?=&%.-_".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.append('\'').toString();
  }

  static void end(PrintWriter out) {
    out.println("</body></html>");
  }
}
