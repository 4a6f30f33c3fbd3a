package io.github.snowplowjakarta.cdi.internal;

import io.github.snowplowjakarta.cdi.TrackerCustomizer;
import io.github.snowplowjakarta.cdi.TrackerNamespace;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.core.emitter.Emitter;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanContainer;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Produces the trackers: one emitter per configured tracker, shared by every injection point, and
 * closed (flushing, with the configured bounded wait) when the container shuts down. Inside an HTTP
 * request the filter tracks, the trackers follow that request's subject and consent. Not API.
 */
@ApplicationScoped
public class TrackerProducer {
  private final Map<String, Built> trackers = new ConcurrentHashMap<>();

  /** Every emitter built, so close() reaches one whose tracker was still being built. */
  private final List<Built> built = new ArrayList<>();

  private boolean closed; // guarded by built

  @Inject @Any Instance<TrackerCustomizer> customizers;
  @Inject TrackersInUse inUse;
  @Inject BeanContainer beans;

  private record Built(Tracker tracker, Emitter emitter, Duration closeTimeout) {
    // equals, hashCode and toString are written out: on Java 17 a record's generated ones can
    // keep its class loader alive (see Anonymisation).
    @Override
    public boolean equals(Object other) {
      return other instanceof Built that
          && Objects.equals(tracker, that.tracker)
          && Objects.equals(emitter, that.emitter)
          && Objects.equals(closeTimeout, that.closeTimeout);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tracker, emitter, closeTimeout);
    }

    @Override
    public String toString() {
      return "Built["
          + "tracker="
          + tracker
          + ", emitter="
          + emitter
          + ", closeTimeout="
          + closeTimeout
          + "]";
    }
  }

  /**
   * Checks the configuration of the trackers in use once the application has started (see {@link
   * TrackersInUse#applicationStarted}), before the application's own observers, which may track.
   */
  void applicationStarted(
      @Observes
          @Priority(Interceptor.Priority.PLATFORM_BEFORE)
          @Initialized(ApplicationScoped.class)
          Object payload) {
    inUse.applicationStarted(payload);
  }

  @Produces
  @Default
  Tracker defaultTracker() {
    return tracker("");
  }

  @Produces
  @TrackerNamespace("")
  Tracker namedTracker(InjectionPoint injectionPoint) {
    String namespace = "";
    for (var qualifier : injectionPoint.getQualifiers()) {
      if (qualifier instanceof TrackerNamespace) {
        namespace = ((TrackerNamespace) qualifier).value();
      }
    }
    return tracker(namespace);
  }

  /** The tracker of this namespace ({@code ""} for the default one). */
  public Tracker tracker(String namespace) {
    return trackers.computeIfAbsent(namespace, this::build).tracker();
  }

  private Built build(String namespace) {
    synchronized (built) {
      if (closed) {
        throw shuttingDown();
      }
    }
    Object webApplication = inUse.webApplication();
    if (webApplication == null) {
      webApplication = WebApplication.servletContextOrNull(beans);
    }
    TrackerConfig config = TrackerConfigs.forNamespace(namespace, webApplication);
    if (!config.enabled()) {
      // Tracking is off: no emitter, no thread, no collector; customizers have nothing to adjust.
      Built off = new Built(Tracker.disabled(config.trackerSettings()), null, null);
      logStartup(namespace, "tracking off (snowplow.enabled=false)");
      return off;
    }
    Emitter.Builder emitterBuilder = config.emitterBuilder(TrackerConfigs.spoolName(namespace));
    for (TrackerCustomizer customizer : customizers) {
      customizer.customize(namespace, emitterBuilder);
    }
    Emitter emitter = emitterBuilder.build();
    try {
      Tracker.Builder tracker =
          Tracker.builder(config.trackerSettings(), emitter)
              .anonymisation(config.defaultAnonymisation());
      Supplier<Tracker> request = RequestBinding.currentRequestTracker();
      if (request != null) {
        tracker.workInProgress(request);
      }
      for (TrackerCustomizer customizer : customizers) {
        customizer.customize(namespace, tracker);
      }
      Built done = new Built(tracker.build(), emitter, config.closeTimeout());
      synchronized (built) {
        // The container may have closed while the customizers ran: this emitter must not outlive
        // it.
        if (closed) {
          throw shuttingDown();
        }
        built.add(done);
      }
      logStartup(
          namespace,
          "tracking on; "
              + config.summary(TrackerConfigs.spoolName(namespace))
              + "; default level "
              + config.defaultAnonymisation().configName()
              + ", in a request the level the filter decides");
      return done;
    } catch (RuntimeException e) {
      emitter.close(Duration.ZERO);
      throw e;
    }
  }

  /** One line per tracker when it is built, as the filter's (see the README's log lines). */
  private static void logStartup(String namespace, String what) {
    System.getLogger(TrackerProducer.class.getName())
        .log(
            System.Logger.Level.INFO,
            "Snowplow CDI tracker "
                + (namespace.isEmpty() ? "@Default" : "@TrackerNamespace(\"" + namespace + "\")")
                + ": "
                + what);
  }

  private static IllegalStateException shuttingDown() {
    return new IllegalStateException("the container is shutting down: no new Snowplow tracker");
  }

  @PreDestroy
  void close() {
    List<Built> toClose;
    synchronized (built) {
      closed = true;
      toClose = List.copyOf(built);
      built.clear();
    }
    toClose.forEach(done -> done.emitter().close(done.closeTimeout()));
    trackers.clear();
  }
}
