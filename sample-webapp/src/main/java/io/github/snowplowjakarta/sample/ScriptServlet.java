package io.github.snowplowjakarta.sample;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/** The browser tracker bundle, built from src/main/js at build time (when npm is there). */
@WebServlet("/js/snowplow.js")
public class ScriptServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final String BUNDLE = "sample-js/snowplow.js";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try (InputStream bundle = ScriptServlet.class.getClassLoader().getResourceAsStream(BUNDLE)) {
      if (bundle == null) {
        response.sendError(404, "the browser tracker bundle was not built: npm was not found");
        return;
      }
      response.setContentType("text/javascript;charset=utf-8");
      bundle.transferTo(response.getOutputStream());
    }
  }
}
