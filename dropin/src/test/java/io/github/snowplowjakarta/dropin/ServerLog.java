package io.github.snowplowjakarta.dropin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's console log read as records, as Payara Micro writes it: its own format, a record that
 * opens with a bracketed timestamp and, when multi-line, ends with {@code ]]}; after its log
 * handler is gone (late in shutdown), {@code java.util.logging}'s default two-line format; and
 * lines written to the console directly, each a record of its own. Colour codes are dropped.
 */
final class ServerLog {
  private static final Pattern COLOUR = Pattern.compile("\u001B\\[[0-9;]*m");
  private static final Pattern PAYARA_START =
      Pattern.compile("^\\[\\d{4}-\\d{2}-\\d{2}T[^]]*\\] .*");
  private static final Pattern PAYARA_LEVEL =
      Pattern.compile("^\\[[^]]*\\] \\[[^]]*\\] \\[(\\w+)\\]");
  private static final Pattern JUL_START =
      Pattern.compile("^[A-Z][a-z]{2} \\d{1,2}, \\d{4} \\d{1,2}:\\d{2}:\\d{2} [AP]M .*");
  private static final Pattern JUL_LEVEL = Pattern.compile("^(\\w+): ", Pattern.MULTILINE);

  private ServerLog() {}

  /**
   * The records an operations team would read as trouble caused by us: at SEVERE or WARNING (or
   * written to the console outside the server's logging) and naming our packages or SLF4J.
   */
  static List<String> warningsAboutUs(String log) {
    List<String> found = new ArrayList<>();
    for (String record : records(log)) {
      String level = level(record);
      boolean serious = level == null || level.equals("SEVERE") || level.equals("WARNING");
      String lower = record.toLowerCase(Locale.ROOT);
      boolean ours = lower.contains("io.github.snowplowjakarta");
      if (serious && (ours || (lower.contains("slf4j") && !serversOwnSlf4jCleanup(record)))) {
        found.add(record);
      }
    }
    return found;
  }

  /**
   * Payara 7's class-loader cache cleaner, failing on an application's own SLF4J 1.x (it expects
   * SLF4J 2's fields) when it drops a loader: the server and the application's jar, not us.
   */
  private static boolean serversOwnSlf4jCleanup(String record) {
    return record.contains("Error clearing SLF4J cache")
        && record.contains("com.sun.enterprise.loader.CacheCleaner.clearSLF4jCache");
  }

  /** The level of a record in one of the server's formats; null for a line written directly. */
  static String level(String record) {
    Matcher payara = PAYARA_LEVEL.matcher(record);
    if (payara.find()) {
      return payara.group(1);
    }
    if (JUL_START.matcher(record).matches() || record.indexOf('\n') > 0) {
      Matcher jul = JUL_LEVEL.matcher(record);
      if (jul.find()) {
        return jul.group(1);
      }
    }
    return null;
  }

  static List<String> records(String log) {
    List<String> records = new ArrayList<>();
    StringBuilder open = null;
    boolean julHeader = false;
    for (String line : COLOUR.matcher(log).replaceAll("").split("\\R")) {
      if (open != null && julHeader) {
        // The second line of a java.util.logging record: "LEVEL: message".
        open.append('\n').append(line);
        records.add(open.toString());
        open = null;
        julHeader = false;
      } else if (PAYARA_START.matcher(line).matches()) {
        if (open != null) {
          records.add(open.toString());
        }
        open = new StringBuilder(line);
        if (!line.endsWith("[[")) {
          records.add(open.toString());
          open = null;
        }
      } else if (open != null) {
        open.append('\n').append(line);
        if (line.endsWith("]]")) {
          records.add(open.toString());
          open = null;
        }
      } else if (JUL_START.matcher(line).matches()) {
        open = new StringBuilder(line);
        julHeader = true;
      } else if (!line.isBlank()) {
        records.add(line);
      }
    }
    if (open != null) {
      records.add(open.toString());
    }
    return records;
  }
}
