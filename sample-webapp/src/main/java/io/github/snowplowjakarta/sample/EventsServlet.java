package io.github.snowplowjakarta.sample;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.snowplowjakarta.testing.TrackerPayloads;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * What the collector received, decoded: fields, entities, and whether the request was anonymous.
 */
@WebServlet("/events")
public class EventsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final List<String> IDENTIFIERS =
      List.of("uid", "duid", "sid", "vid", "ip", "tnuid");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    PrintWriter out = Html.start(request, response, "Events received");
    out.println(
        "<p>Newest first. Identifiers the consent level allowed are shown; an empty cell means it was not sent."
            + " <a href='"
            + Html.href(request, "/events")
            + "'>Refresh</a> (events arrive within a second).</p>");
    out.println("<table id=events><tr><th>event</th><th>SP-Anonymous</th>");
    IDENTIFIERS.forEach(key -> out.println("<th>" + key + "</th>"));
    out.println("<th>url / data</th><th>entities</th><th>schema check</th></tr>");
    for (ReceivedEvents.Received received : CollectorServlet.received(getServletContext()).all()) {
      JsonNode event = received.event();
      Map<String, String> fields = TrackerPayloads.fields(event);
      out.println(
          "<tr class='event e-"
              + Html.escape(fields.get("e"))
              + "'><td>"
              + Html.escape(fields.get("e"))
              + "</td>");
      out.println("<td>" + (received.anonymousRequest() ? "yes" : "no") + "</td>");
      for (String key : IDENTIFIERS) {
        out.println("<td class=" + key + ">" + Html.escape(fields.get(key)) + "</td>");
      }
      JsonNode data = TrackerPayloads.selfDescribingEvent(event);
      out.println(
          "<td>"
              + Html.escape(fields.getOrDefault("url", ""))
              + (data == null ? "" : "<br>" + Html.escape(data.toString()))
              + (fields.containsKey("tr_id")
                  ? "<br>order "
                      + Html.escape(fields.get("tr_id"))
                      + ": "
                      + Html.escape(fields.get("tr_tt"))
                  : "")
              + "</td>");
      StringBuilder entities = new StringBuilder();
      for (JsonNode entity : TrackerPayloads.entities(event)) {
        entities.append(Html.escape(entity.get("schema").asText())).append("<br>");
      }
      out.println("<td>" + entities + "</td>");
      out.println(
          "<td>"
              + (received.errors().isEmpty() ? "valid" : Html.escape(received.errors().toString()))
              + "</td></tr>");
    }
    out.println("</table>");
    Html.end(out);
  }
}
