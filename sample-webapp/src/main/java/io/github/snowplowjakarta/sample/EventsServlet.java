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
  private static final String CONSENT_SCHEMAS = "iglu:com.snowplowanalytics.snowplow/";
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
    EmitterFigures.print(out);
    ConsentFigures.print(out);
    out.println("<h2>Events</h2>");
    out.println("<table id=events><tr><th>event</th><th>SP-Anonymous</th>");
    IDENTIFIERS.forEach(key -> out.println("<th>" + key + "</th>"));
    out.println("<th>url / data</th><th>consent</th><th>entities</th><th>schema check</th></tr>");
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
      out.println("<td class=consent>" + Html.escape(consent(data, event)) + "</td>");
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

  /**
   * What a consent event records, in a few words: the choice and its scopes, or the grant or
   * withdrawal and its document; with the GDPR basis if the event carries one.
   */
  static String consent(JsonNode data, JsonNode event) {
    if (data == null || !data.path("schema").asText().startsWith(CONSENT_SCHEMAS)) {
      return "";
    }
    String name = data.get("schema").asText().substring(CONSENT_SCHEMAS.length());
    JsonNode fields = data.get("data");
    StringBuilder text = new StringBuilder();
    if (name.startsWith("consent_preferences/")) {
      text.append(fields.path("eventType").asText())
          .append(": scopes ")
          .append(join(fields.path("consentScopes")))
          .append(" (")
          .append(fields.path("basisForProcessing").asText())
          .append(", policy ")
          .append(fields.path("consentVersion").asText())
          .append(")");
    } else if (name.startsWith("consent_granted/")) {
      text.append("granted")
          .append(fields.has("expiry") ? " until " + fields.get("expiry").asText() : "");
    } else if (name.startsWith("consent_withdrawn/")) {
      text.append(fields.path("all").asBoolean() ? "withdrawn: all" : "withdrawn: this document");
    } else if (name.startsWith("cmp_visible/")) {
      text.append("banner shown");
    } else {
      return "";
    }
    for (JsonNode document :
        TrackerPayloads.entities(event, CONSENT_SCHEMAS + "consent_document/")) {
      JsonNode d = document.get("data");
      text.append("; document ")
          .append(d.path("id").asText())
          .append(" v")
          .append(d.path("version").asText());
      if (d.has("name")) {
        text.append(" (").append(d.get("name").asText()).append(")");
      }
    }
    for (JsonNode gdpr : TrackerPayloads.entities(event, CONSENT_SCHEMAS + "gdpr/")) {
      text.append("; GDPR basis ").append(gdpr.at("/data/basisForProcessing").asText());
    }
    return text.toString();
  }

  private static String join(JsonNode array) {
    List<String> items = new java.util.ArrayList<>();
    array.forEach(item -> items.add(item.asText()));
    return String.join(", ", items);
  }
}
