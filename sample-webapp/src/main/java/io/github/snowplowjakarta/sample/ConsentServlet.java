package io.github.snowplowjakarta.sample;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/** The consent banner's choices: sets the cookie the filter reads, {@code sp_consent}. */
@WebServlet("/consent")
public class ConsentServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Set<String> CHOICES = Set.of("all", "session", "none");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String choice = request.getParameter("choice");
    if (!CHOICES.contains(choice)) {
      response.sendError(400, "choice must be all, session or none");
      return;
    }
    String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
    response.addHeader(
        "Set-Cookie",
        "sp_consent=" + choice + "; Path=" + path + "; Max-Age=31536000; SameSite=Lax");
    response.sendRedirect(Html.url(request, "/privacy"));
  }
}
