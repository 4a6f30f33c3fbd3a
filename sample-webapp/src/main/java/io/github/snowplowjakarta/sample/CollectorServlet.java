package io.github.snowplowjakarta.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.snowplowjakarta.testing.IgluSchemas;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A collector endpoint built into the sample, for running it with nothing else installed: it takes
 * the tracker protocol's POSTs ({@code /collector/com.snowplowanalytics.snowplow/tp2}), validates
 * each against the real schemas and keeps it for the events page.
 */
@WebServlet("/collector/*")
public class CollectorServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final int MAX_BODY = 1024 * 1024;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final IgluSchemas SCHEMAS = new IgluSchemas();

  static ReceivedEvents received(jakarta.servlet.ServletContext context) {
    synchronized (context) {
      Object events = context.getAttribute(ReceivedEvents.class.getName());
      if (events == null) {
        events = new ReceivedEvents();
        context.setAttribute(ReceivedEvents.class.getName(), events);
      }
      return (ReceivedEvents) events;
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!"/com.snowplowanalytics.snowplow/tp2".equals(request.getPathInfo())) {
      response.sendError(404);
      return;
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      response.sendError(413);
      return;
    }
    String json = new String(body, StandardCharsets.UTF_8);
    List<String> errors = SCHEMAS.validatePostBody(json);
    boolean anonymous = request.getHeader("SP-Anonymous") != null;
    ReceivedEvents events = received(getServletContext());
    try {
      for (JsonNode event : MAPPER.readTree(json).path("data")) {
        events.add(new ReceivedEvents.Received(Instant.now(), event, anonymous, errors));
      }
    } catch (IOException notJson) {
      response.sendError(400, "not JSON");
      return;
    }
    response.setContentType("text/plain");
    response.getWriter().write("ok");
  }
}
