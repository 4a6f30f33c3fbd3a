package io.github.snowplowjakarta.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;

/**
 * The figures of every Snowplow emitter running in this JVM as Micrometer meters, read from the
 * emitters' JMX beans ({@code io.github.snowplowjakarta:type=Emitter,name=*}): an emitter started
 * after {@link #bindTo} gets its meters when it starts, and loses them when it closes. Reading a
 * meter reads the emitter's counters, never a lock its trackers take.
 *
 * <p>The meters, each tagged {@code emitter=<name>} and with the tags given here (an application's
 * {@code app_id}, say):
 *
 * <ul>
 *   <li>{@code snowplow.emitter.events.accepted} (counter): events taken into the queue;
 *   <li>{@code snowplow.emitter.events} (counter) with {@code outcome} = {@code sent} (the
 *       collector acknowledged them), {@code failed} (given up) or {@code dropped} (not taken, or
 *       thrown out), and {@code error.type} = the reason ({@code queue_full}, {@code refused}, …:
 *       the emitter's {@code LossReason}s) ({@code none} for {@code sent}, as every series of a
 *       name needs the same tag keys in Prometheus);
 *   <li>{@code snowplow.emitter.requests.inflight} and {@code snowplow.emitter.events.inflight}
 *       (gauges): requests sent and not yet answered, and their events;
 *   <li>{@code snowplow.emitter.request.duration} (function timer) with {@code outcome} = {@code
 *       success} or {@code failure}: requests to the collector and their time; {@code
 *       snowplow.emitter.request.duration.max} (time gauge): the longest that ended in the last one
 *       to two minutes;
 *   <li>{@code snowplow.emitter.retries} (counter): sends after the first attempt;
 *   <li>{@code snowplow.emitter.internal.errors} (counter): unexpected errors contained and logged;
 *   <li>{@code snowplow.emitter.queue.size} and {@code snowplow.emitter.queue.capacity} (gauges,
 *       events): accepted and not yet settled, and the most there may be;
 *   <li>{@code snowplow.emitter.last_success.age} (time gauge, seconds): since the collector last
 *       acknowledged a request, or since the emitter started if it never did;
 *   <li>{@code snowplow.emitter.misconfigured} (gauge, 0 or 1): 1 while the collector's answers say
 *       the settings are wrong (a redirect, 401, 403, 404, 405, 501);
 *   <li>{@code snowplow.emitter.client.restarts} (counter): times the HTTP client was found dead;
 *   <li>with a spool: {@code snowplow.emitter.spool.size} (gauge, bytes), {@code
 *       snowplow.emitter.spool.segments} (gauge), {@code snowplow.emitter.spool.recovered}
 *       (counter, events found at the start), {@code snowplow.emitter.spool.skipped} (counter,
 *       records lost to damage), {@code snowplow.emitter.spool.unavailable} (gauge, 1 while events
 *       are in memory only).
 * </ul>
 *
 * <p>And of every web tracking (a servlet filter: {@code
 * io.github.snowplowjakarta:type=WebTracking,name=*}), tagged {@code tracker=<name>}, {@code level}
 * (the configuration's name: {@code anonymous+server}, {@code full}, …) and {@code consent.source}
 * (what decided the level: a consent source's name such as {@code onetrust} or {@code gpc}, {@code
 * default} when none did, {@code unreadable} when the cookies could not be read, {@code undecided},
 * {@code no-request} for events outside any request), one series for each from the start:
 *
 * <ul>
 *   <li>{@code snowplow.page_views} (counter): page views tracked (none at {@code off}, {@code
 *       undecided} or {@code no-request}, which have no series);
 *   <li>{@code snowplow.tracker.events} (counter): events given to the request's tracker (page
 *       views, the application's events) or, under {@code no-request}, to the tracker outside any
 *       request; sent, dropped or withheld.
 * </ul>
 *
 * <p>Close it with the application: until then the platform MBean server holds it.
 */
public final class SnowplowMetrics implements MeterBinder, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SnowplowMetrics.class.getName());
  private static final String ERROR_TYPE = "error.type";
  private static final Pattern LOSS = Pattern.compile("Events(Dropped|Failed)([A-Z]\\w+)");
  private static final ObjectName EMITTERS = pattern("io.github.snowplowjakarta:type=Emitter,*");
  private static final ObjectName WEB = pattern("io.github.snowplowjakarta:type=WebTracking,*");
  private static final String CONSENT_SOURCE = "consent.source";

  private final Tags tags;
  private final MBeanServer server;
  private final List<Binding> bindings = new CopyOnWriteArrayList<>();

  /** Meters tagged with the emitter's name only. */
  public SnowplowMetrics() {
    this(Tags.empty());
  }

  /** Meters tagged with the emitter's name and these tags. */
  public SnowplowMetrics(Iterable<Tag> tags) {
    this.tags = Tags.of(tags);
    this.server = ManagementFactory.getPlatformMBeanServer();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Binding binding = new Binding(registry);
    bindings.add(binding);
    try {
      server.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, binding, null, null);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Snowplow emitters started from now on will have no meters: " + e);
    }
    for (ObjectName emitter : server.queryNames(EMITTERS, null)) {
      binding.add(emitter);
    }
    for (ObjectName web : server.queryNames(WEB, null)) {
      binding.add(web);
    }
  }

  /** Stops following emitters as they start and close; their meters stay in the registries. */
  @Override
  public void close() {
    for (Binding binding : bindings) {
      try {
        server.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, binding);
      } catch (Exception e) {
        // It was never added: bindTo said so.
      }
    }
    bindings.clear();
  }

  /** One registry's meters, per emitter, following the emitters' registrations. */
  private final class Binding implements NotificationListener {
    private final MeterRegistry registry;
    private final Map<ObjectName, Figures> emitters = new ConcurrentHashMap<>();

    Binding(MeterRegistry registry) {
      this.registry = registry;
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
      if (!(notification instanceof MBeanServerNotification registration)
          || !(EMITTERS.apply(registration.getMBeanName())
              || WEB.apply(registration.getMBeanName()))) {
        return;
      }
      try {
        if (MBeanServerNotification.REGISTRATION_NOTIFICATION.equals(registration.getType())) {
          add(registration.getMBeanName());
        } else if (MBeanServerNotification.UNREGISTRATION_NOTIFICATION.equals(
            registration.getType())) {
          remove(registration.getMBeanName());
        }
      } catch (RuntimeException e) {
        // On the thread that starts or closes an emitter: never thrown there.
        LOG.log(Level.WARNING, "Snowplow emitter meters not updated: " + e);
      }
    }

    void add(ObjectName name) {
      emitters.computeIfAbsent(name, n -> WEB.apply(n) ? registerWeb(n) : register(n));
    }

    void remove(ObjectName emitter) {
      Figures removed = emitters.remove(emitter);
      if (removed != null) {
        removed.meters.forEach(registry::remove);
      }
    }

    /** The emitter's meters, and the figures they read: held here, as meters hold them weakly. */
    private Figures register(ObjectName emitter) {
      Figures figures = new Figures(server, emitter);
      Tags emitterTags = tags.and("emitter", unquoted(emitter.getKeyProperty("name")));
      List<Meter> added = figures.meters;
      added.add(
          counter("snowplow.emitter.events.accepted", figures, "EventsAccepted", emitterTags)
              .description("Events taken into the emitter's queue")
              .register(registry));
      added.add(
          events(figures, "EventsSent", emitterTags.and("outcome", "sent", ERROR_TYPE, "none")));
      // The reasons are the emitter's own, as its core's version has them.
      for (String attribute : figures.attributes()) {
        Matcher loss = LOSS.matcher(attribute);
        if (loss.matches()) {
          added.add(
              events(
                  figures,
                  attribute,
                  emitterTags.and(
                      "outcome",
                      loss.group(1).toLowerCase(Locale.ROOT),
                      ERROR_TYPE,
                      snakeCase(loss.group(2)))));
        }
      }
      added.add(
          gauge(
                  "snowplow.emitter.requests.inflight",
                  figures,
                  f -> f.number("RequestsInFlight"),
                  emitterTags)
              .description("Requests to the collector sent and not yet answered")
              .register(registry));
      added.add(
          gauge(
                  "snowplow.emitter.events.inflight",
                  figures,
                  f -> f.number("EventsInFlight"),
                  emitterTags)
              .description("The events in the requests in flight")
              .register(registry));
      for (String[] outcome : new String[][] {{"success", "Succeeded"}, {"failure", "Failed"}}) {
        String count = "Requests" + outcome[1];
        added.add(
            FunctionTimer.builder(
                    "snowplow.emitter.request.duration",
                    figures,
                    f -> (long) f.number(count),
                    f -> f.number(count + "Seconds"),
                    TimeUnit.SECONDS)
                .tags(emitterTags.and("outcome", outcome[0]))
                .description("Requests to the collector and the time they took")
                .register(registry));
      }
      added.add(
          TimeGauge.builder(
                  "snowplow.emitter.request.duration.max",
                  figures,
                  TimeUnit.SECONDS,
                  f -> f.number("RequestDurationMaxSeconds"))
              .tags(emitterTags)
              .strongReference(true)
              .description("The longest request that ended in the last one to two minutes")
              .register(registry));
      added.add(
          counter("snowplow.emitter.retries", figures, "Retries", emitterTags)
              .description("Event sends after the first attempt")
              .register(registry));
      added.add(
          counter("snowplow.emitter.internal.errors", figures, "InternalErrors", emitterTags)
              .baseUnit("errors")
              .description("Unexpected errors the emitter contained and logged")
              .register(registry));
      added.add(
          gauge("snowplow.emitter.queue.size", figures, f -> f.number("QueueSize"), emitterTags)
              .description("Events accepted and not yet settled")
              .register(registry));
      added.add(
          gauge(
                  "snowplow.emitter.queue.capacity",
                  figures,
                  f -> f.number("QueueCapacity"),
                  emitterTags)
              .description("Events the queue holds at most")
              .register(registry));
      added.add(
          TimeGauge.builder(
                  "snowplow.emitter.last_success.age",
                  figures,
                  TimeUnit.SECONDS,
                  f -> f.number("SecondsSinceLastSuccess"))
              .tags(emitterTags)
              .strongReference(true)
              .description("Since the collector last acknowledged a request, or since the start")
              .register(registry));
      added.add(
          gauge("snowplow.emitter.misconfigured", figures, Figures::misconfigured, emitterTags)
              .description("1 while the collector's answers say the settings are wrong")
              .register(registry));
      added.add(
          counter("snowplow.emitter.client.restarts", figures, "ClientRestarts", emitterTags)
              .description("Times the HTTP client was found dead and replaced")
              .register(registry));
      if (figures.spooled()) {
        addSpoolMeters(figures, emitterTags);
      }
      return figures;
    }

    /**
     * One web tracking's counts, a meter per level and consent source: every cell exists from the
     * start, so the series do too.
     */
    private Figures registerWeb(ObjectName web) {
      Figures figures = new Figures(server, web);
      Tags webTags = tags.and("tracker", unquoted(web.getKeyProperty("name")));
      String[] levels = figures.names("Levels");
      String[] sources = figures.names("ConsentSources");
      for (int l = 0; l < levels.length; l++) {
        for (int s = 0; s < sources.length; s++) {
          int cell = l * sources.length + s;
          Tags cellTags = webTags.and("level", levels[l], CONSENT_SOURCE, sources[s]);
          if (tracksPages(levels[l], sources[s])) {
            figures.meters.add(
                FunctionCounter.builder(
                        "snowplow.page_views", figures, f -> f.cell("PageViews", cell))
                    .tags(cellTags)
                    .description("Page views by level and the consent source that decided it")
                    .register(registry));
          }
          figures.meters.add(
              FunctionCounter.builder(
                      "snowplow.tracker.events", figures, f -> f.cell("Events", cell))
                  .tags(cellTags)
                  .baseUnit("events")
                  .description("Events tracked by level and the consent source that decided it")
                  .register(registry));
        }
      }
      return figures;
    }

    /** Whether page views can have the level and source: not off, not outside a request. */
    private static boolean tracksPages(String level, String source) {
      return !level.equals("off") && !source.equals("no-request") && !source.equals("undecided");
    }

    private FunctionCounter events(Figures figures, String attribute, Tags tags) {
      return counter("snowplow.emitter.events", figures, attribute, tags)
          .baseUnit("events")
          .description("Events by how their delivery ended, and why if it failed")
          .register(registry);
    }

    private void addSpoolMeters(Figures figures, Tags emitterTags) {
      List<Meter> added = figures.meters;
      added.add(
          gauge("snowplow.emitter.spool.size", figures, f -> f.number("SpoolBytes"), emitterTags)
              .baseUnit("bytes")
              .description("The size of the spool's segment files")
              .register(registry));
      added.add(
          gauge(
                  "snowplow.emitter.spool.segments",
                  figures,
                  f -> f.number("SpoolSegments"),
                  emitterTags)
              .description("The spool's segment files")
              .register(registry));
      added.add(
          counter("snowplow.emitter.spool.recovered", figures, "SpoolRecoveredEvents", emitterTags)
              .description("Events an earlier run left in the spool, found at the start")
              .register(registry));
      added.add(
          counter("snowplow.emitter.spool.skipped", figures, "SpoolSkippedRecords", emitterTags)
              .description("Spool records lost to damage")
              .register(registry));
      added.add(
          gauge("snowplow.emitter.spool.unavailable", figures, Figures::unavailable, emitterTags)
              .description("1 while the spool could not be opened: events in memory only")
              .register(registry));
    }
  }

  private static FunctionCounter.Builder<Figures> counter(
      String name, Figures figures, String attribute, Tags tags) {
    // No base unit but where the name ends with it: Prometheus appends the unit to the name.
    return FunctionCounter.builder(name, figures, f -> f.number(attribute)).tags(tags);
  }

  private static Gauge.Builder<Figures> gauge(
      String name, Figures figures, ToDoubleFunction<Figures> value, Tags tags) {
    return Gauge.builder(name, figures, value).tags(tags).strongReference(true);
  }

  /** One emitter's attributes, NaN once it is gone, and its meters. */
  private static final class Figures {
    private final MBeanServer server;
    private final ObjectName emitter;
    final List<Meter> meters = new ArrayList<>();

    Figures(MBeanServer server, ObjectName emitter) {
      this.server = server;
      this.emitter = emitter;
    }

    double number(String attribute) {
      try {
        return ((Number) server.getAttribute(emitter, attribute)).doubleValue();
      } catch (Exception e) {
        return Double.NaN;
      }
    }

    /** One count of an array attribute. */
    double cell(String attribute, int index) {
      try {
        long[] counts = (long[]) server.getAttribute(emitter, attribute);
        return index < counts.length ? counts[index] : Double.NaN;
      } catch (Exception e) {
        return Double.NaN;
      }
    }

    String[] names(String attribute) {
      try {
        return (String[]) server.getAttribute(emitter, attribute);
      } catch (Exception e) {
        return new String[0];
      }
    }

    List<String> attributes() {
      List<String> names = new ArrayList<>();
      try {
        for (MBeanAttributeInfo attribute : server.getMBeanInfo(emitter).getAttributes()) {
          names.add(attribute.getName());
        }
      } catch (Exception e) {
        // Gone already: no meters.
      }
      return names;
    }

    boolean spooled() {
      try {
        return Boolean.TRUE.equals(server.getAttribute(emitter, "Spooled"));
      } catch (Exception e) {
        return false;
      }
    }

    double unavailable() {
      try {
        return server.getAttribute(emitter, "SpoolUnavailable") == null ? 0 : 1;
      } catch (Exception e) {
        return Double.NaN;
      }
    }

    double misconfigured() {
      try {
        return server.getAttribute(emitter, "Misconfiguration") == null ? 0 : 1;
      } catch (Exception e) {
        return Double.NaN;
      }
    }
  }

  /** {@code QueueFull} as {@code queue_full}. */
  static String snakeCase(String camelCase) {
    StringBuilder snake = new StringBuilder();
    for (char c : camelCase.toCharArray()) {
      if (Character.isUpperCase(c) && snake.length() > 0) {
        snake.append('_');
      }
      snake.append(Character.toLowerCase(c));
    }
    return snake.toString();
  }

  private static String unquoted(String value) {
    return value.startsWith("\"") ? ObjectName.unquote(value) : value;
  }

  private static ObjectName pattern(String name) {
    try {
      return new ObjectName(name);
    } catch (MalformedObjectNameException e) {
      throw new IllegalStateException(e);
    }
  }
}
