package io.github.snowplowjakarta.dropin.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.VersionInfo;

/**
 * A page of an application that ships its own, older Jackson and HttpClient next to the drop-in
 * jar: it uses both (HttpClient calls {@code /ping} of this application, Jackson writes the answer)
 * and says which versions it got. Deployed by {@code PayaraDropinIT} in a WAR of its own; compiled
 * against the newer versions, it uses only API the older ones have.
 */
@WebServlet("/versions")
public class OwnLibrariesServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Map<String, String> seen = new LinkedHashMap<>();
    seen.put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    seen.put(
        "httpclient",
        VersionInfo.loadVersionInfo("org.apache.hc.client5", HttpClients.class.getClassLoader())
            .getRelease());
    String ping = "http://127.0.0.1:" + request.getLocalPort() + request.getContextPath() + "/ping";
    try (CloseableHttpClient client = HttpClients.createDefault()) {
      seen.put(
          "ping",
          client.execute(new HttpGet(ping), answer -> EntityUtils.toString(answer.getEntity())));
    }
    response.setContentType("text/html;charset=UTF-8");
    response
        .getWriter()
        .write(
            "<!DOCTYPE html><html><head><title>Own libraries</title></head><body><pre>"
                + new ObjectMapper().writeValueAsString(seen)
                + "</pre></body></html>");
  }
}
