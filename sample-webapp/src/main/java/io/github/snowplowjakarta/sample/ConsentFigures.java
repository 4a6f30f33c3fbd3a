package io.github.snowplowjakarta.sample;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.TreeSet;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The privacy officer's figures as a JMX client sees them: page views and events by the level they
 * were tracked at and what decided it, for each web tracking running in this JVM ({@code
 * io.github.snowplowjakarta:type=WebTracking,name=*}). Only the pairs that counted any are shown.
 */
final class ConsentFigures {
  private ConsentFigures() {}

  static void print(PrintWriter out) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    out.println(
        "<h2>By consent</h2><table id=consent-figures><tr><th>tracking</th><th>level</th>"
            + "<th>decided by</th><th>page views</th><th>events</th></tr>");
    for (ObjectName tracking : new TreeSet<>(server.queryNames(pattern(), null))) {
      try {
        String name = (String) server.getAttribute(tracking, "Name");
        String[] levels = (String[]) server.getAttribute(tracking, "Levels");
        String[] sources = (String[]) server.getAttribute(tracking, "ConsentSources");
        long[] pageViews = (long[]) server.getAttribute(tracking, "PageViews");
        long[] events = (long[]) server.getAttribute(tracking, "Events");
        for (int level = 0; level < levels.length; level++) {
          for (int source = 0; source < sources.length; source++) {
            int at = level * sources.length + source;
            if (pageViews[at] > 0 || events[at] > 0) {
              out.println(
                  "<tr class='consent-figure'><td>"
                      + Html.escape(name)
                      + "</td><td class=level>"
                      + Html.escape(levels[level])
                      + "</td><td class=source>"
                      + Html.escape(sources[source])
                      + "</td><td class=page-views>"
                      + pageViews[at]
                      + "</td><td class=events>"
                      + events[at]
                      + "</td></tr>");
            }
          }
        }
      } catch (Exception e) {
        // Stopped while the page was written: its rows are left out.
      }
    }
    out.println("</table>");
  }

  private static ObjectName pattern() {
    try {
      return new ObjectName("io.github.snowplowjakarta:type=WebTracking,*");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
