package io.github.snowplowjakarta.sample.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** A stand-in collector: keeps the last events it received and shows them on {@code /events}. */
@RestController
class Collector {
  private static final int KEPT = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] FIELDS = {
    "e", "aid", "p", "tna", "url", "page", "se_ca", "se_ac", "duid", "sid", "uid", "ip"
  };

  private final Deque<String[]> events = new ArrayDeque<>();

  @PostMapping("/collector/com.snowplowanalytics.snowplow/tp2")
  String receive(
      @RequestBody String body,
      @RequestHeader(name = "SP-Anonymous", required = false) String anonymous)
      throws IOException {
    for (JsonNode event : JSON.readTree(body).path("data")) {
      String[] row = new String[FIELDS.length + 1];
      for (int i = 0; i < FIELDS.length; i++) {
        row[i] = event.path(FIELDS[i]).asText("");
      }
      row[FIELDS.length] = anonymous == null ? "" : "yes";
      synchronized (events) {
        events.addFirst(row);
        if (events.size() > KEPT) {
          events.removeLast();
        }
      }
    }
    return "ok";
  }

  @GetMapping(value = "/events", produces = MediaType.TEXT_HTML_VALUE)
  String show() {
    List<String[]> rows;
    synchronized (events) {
      rows = new ArrayList<>(events);
    }
    StringBuilder html =
        new StringBuilder(
            "<!doctype html><html><head><title>Events received</title></head><body>"
                + "<p><a href=/>back to the shop</a></p><table border=1><tr>");
    for (String field : FIELDS) {
      html.append("<th>").append(field).append("</th>");
    }
    html.append("<th>SP-Anonymous</th></tr>");
    for (String[] row : rows) {
      html.append("<tr>");
      for (String value : row) {
        html.append("<td>").append(HtmlUtils.htmlEscape(value)).append("</td>");
      }
      html.append("</tr>");
    }
    return html.append("</table></body></html>").toString();
  }
}
