package io.github.snowplowjakarta.core.emitter;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a health check says of one running emitter: whether its collector is unavailable, and its
 * figures. The MicroProfile Health check and the Spring Boot health indicator named {@code
 * snowplow} both report these.
 *
 * <p>The collector is unavailable while it answers in a way only a change of settings will fix
 * ({@link EmitterStats#misconfiguration()}), or while events wait to be sent again after a request
 * that failed later than the last one the collector acknowledged: it is down, unreachable or
 * answering with errors to retry. A collector that refuses some events but takes others is not
 * unavailable, nor is an idle one.
 */
public final class EmitterHealth {
  // Groups: the scheme, then (after the user info) host and path; the query or fragment is left.
  private static final Pattern URI_SECRETS =
      Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)(?:[^/@\\s]*@)?([^\\s?#]*)(?:[?#][^\\s]*)?");

  private final String name;
  private final boolean collectorUnavailable;
  private final Map<String, Object> details;

  private EmitterHealth(String name, boolean collectorUnavailable, Map<String, Object> details) {
    this.name = name;
    this.collectorUnavailable = collectorUnavailable;
    this.details = details;
  }

  /**
   * Every emitter built and not yet closed in this class loader, oldest first: the application's,
   * when the tracker's jars are in the application (as in {@code WEB-INF/lib}).
   */
  public static List<EmitterHealth> running() {
    List<EmitterHealth> running = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Emitter emitter : Emitter.running()) {
      String name = emitter.name();
      for (int n = 2; !names.add(name); n++) {
        name = emitter.name() + "-" + n;
      }
      running.add(of(emitter, name));
    }
    return running;
  }

  static EmitterHealth of(Emitter emitter, String name) {
    EmitterSettings settings = emitter.settings();
    EmitterStats stats = emitter.stats();
    long now = settings.clock().millis();
    long lastSuccess = emitter.counters.lastSuccessMillis;
    long lastFailure = emitter.counters.lastFailureMillis;
    boolean unavailable =
        stats.misconfiguration() != null
            || stats.queueDepth() > 0 && lastFailure != 0 && lastFailure > lastSuccess;

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("collector", withoutSecrets(settings.collector()));
    details.put("collectorUnavailable", unavailable);
    details.put("queueDepth", stats.queueDepth());
    details.put("queueCapacity", (long) settings.queueCapacity());
    details.put("accepted", stats.accepted());
    details.put("sent", stats.sent());
    details.put("failed", stats.failed());
    details.put("dropped", stats.dropped());
    details.put("retried", stats.retried());
    // Since the start while nothing was ever acknowledged: an emitter that never delivered ages
    // too.
    details.put(
        "secondsSinceLastSuccess",
        Math.max(0, now - (lastSuccess != 0 ? lastSuccess : emitter.startedMillis)) / 1000);
    if (stats.lastError() != null) {
      details.put("lastError", redacted(stats.lastError()));
    }
    if (stats.misconfiguration() != null) {
      details.put("misconfiguration", redacted(stats.misconfiguration()));
    }
    details.put("clientRestarts", stats.clientRestarts());
    details.put("internalErrors", stats.internalErrors());
    SpoolStats spool = stats.spool();
    if (spool == null) {
      details.put("spool", "off");
    } else if (spool.unavailable() != null) {
      details.put("spool", "unavailable: " + spool.unavailable());
    } else {
      details.put("spool", "on");
      details.put("spoolBytes", spool.bytes());
      details.put("spoolSegments", (long) spool.segments());
      details.put("spoolSkipped", spool.skipped());
    }
    return new EmitterHealth(name, unavailable, Collections.unmodifiableMap(details));
  }

  /** A message with the user info, query and fragment of every URI in it left out. */
  static String redacted(String message) {
    return URI_SECRETS.matcher(message).replaceAll("$1$2");
  }

  /** Scheme, host, port and path: no user info, query or fragment. */
  private static String withoutSecrets(URI uri) {
    String text = uri.getScheme() + "://" + uri.getHost();
    if (uri.getPort() >= 0) {
      text += ":" + uri.getPort();
    }
    String path = uri.getRawPath();
    return path == null || path.isEmpty() || "/".equals(path) ? text : text + path;
  }

  /**
   * The emitter's {@linkplain Emitter#name() name}, as in JMX; a second running emitter of the same
   * name is {@code <name>-2}.
   */
  public String name() {
    return name;
  }

  /** Whether its collector is unavailable or misconfigured now (see the class's description). */
  public boolean collectorUnavailable() {
    return collectorUnavailable;
  }

  /**
   * Its figures, by name, in this order: {@code collector} (without credentials or query), {@code
   * collectorUnavailable}, {@code queueDepth}, {@code queueCapacity}, {@code accepted}, {@code
   * sent}, {@code failed}, {@code dropped}, {@code retried}, {@code secondsSinceLastSuccess} (since
   * the start while none), {@code lastError} and {@code misconfiguration} (when there is one),
   * {@code clientRestarts}, {@code internalErrors}, {@code spool} ({@code off}, {@code on} or
   * {@code unavailable: why}) and, with a spool in use, {@code spoolBytes}, {@code spoolSegments},
   * {@code spoolSkipped}. Each value a {@code String}, {@code Long} or {@code Boolean}.
   */
  public Map<String, Object> details() {
    return details;
  }

  @Override
  public String toString() {
    return "EmitterHealth[" + name + ", " + details + "]";
  }
}
