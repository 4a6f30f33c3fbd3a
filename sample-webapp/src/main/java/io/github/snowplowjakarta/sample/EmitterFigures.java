package io.github.snowplowjakarta.sample;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.TreeSet;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The emitters' figures as an operator's JMX client sees them: one row per emitter running in this
 * JVM, read from its MBean ({@code io.github.snowplowjakarta:type=Emitter,name=*}).
 */
final class EmitterFigures {
  private static final String[] COLUMNS = {
    "EventsAccepted",
    "EventsSent",
    "EventsFailed",
    "EventsDropped",
    "QueueSize",
    "QueueCapacity",
    "RequestsInFlight",
    "SecondsSinceLastSuccess"
  };

  private EmitterFigures() {}

  static void print(PrintWriter out) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    out.println(
        "<h2>Emitters</h2><table id=emitters><tr><th>emitter</th><th>accepted</th><th>sent</th>"
            + "<th>failed</th><th>dropped</th><th>queue</th><th>capacity</th><th>in flight</th>"
            + "<th>s since last success</th><th>lost by reason</th><th>last error</th></tr>");
    Set<ObjectName> emitters = new TreeSet<>(server.queryNames(pattern(), null));
    for (ObjectName emitter : emitters) {
      try {
        String name = (String) server.getAttribute(emitter, "Name");
        out.println(
            "<tr id='emitter-" + Html.escape(name) + "'><td>" + Html.escape(name) + "</td>");
        for (String column : COLUMNS) {
          out.println("<td class=" + column + ">" + server.getAttribute(emitter, column) + "</td>");
        }
        out.println("<td class=lost>" + Html.escape(lostByReason(server, emitter)) + "</td>");
        Object lastError = server.getAttribute(emitter, "LastError");
        out.println(
            "<td>" + (lastError == null ? "" : Html.escape(lastError.toString())) + "</td></tr>");
      } catch (Exception e) {
        // Closed while the page was written: its row is left out.
      }
    }
    out.println("</table>");
  }

  /** {@code failed refused=3, dropped queue_full=10}: the reasons that counted any. */
  private static String lostByReason(MBeanServer server, ObjectName emitter) throws Exception {
    StringBuilder text = new StringBuilder();
    for (MBeanAttributeInfo attribute : server.getMBeanInfo(emitter).getAttributes()) {
      String name = attribute.getName();
      if (!name.matches("Events(Dropped|Failed)[A-Z]\\w+")) {
        continue;
      }
      long count = ((Number) server.getAttribute(emitter, name)).longValue();
      if (count > 0) {
        text.append(text.length() == 0 ? "" : ", ")
            .append(name.substring(6))
            .append('=')
            .append(count);
      }
    }
    return text.toString();
  }

  private static ObjectName pattern() {
    try {
      return new ObjectName("io.github.snowplowjakarta:type=Emitter,*");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
