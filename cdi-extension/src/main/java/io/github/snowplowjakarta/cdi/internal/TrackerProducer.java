package io.github.snowplowjakarta.cdi.internal;

import io.github.snowplowjakarta.cdi.SnowplowExtension;
import io.github.snowplowjakarta.cdi.TrackerCustomizer;
import io.github.snowplowjakarta.cdi.TrackerNamespace;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.core.emitter.Emitter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
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
  private volatile boolean closed;

  @Inject @Any Instance<TrackerCustomizer> customizers;
  @Inject SnowplowExtension extension;
  @Inject BeanManager beans;

  private record Built(Tracker tracker, Emitter emitter, Duration closeTimeout) {}

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
    if (closed) {
      throw new IllegalStateException("the container is shutting down: no new Snowplow tracker");
    }
    Object webApplication = extension.webApplication();
    if (webApplication == null) {
      webApplication = WebApplication.servletContextOrNull(beans);
    }
    TrackerConfig config = TrackerConfigs.forNamespace(namespace, webApplication);
    if (!config.enabled()) {
      // Tracking is off: no emitter, no thread, no collector; customizers have nothing to adjust.
      return new Built(Tracker.disabled(config.trackerSettings()), null, null);
    }
    Emitter.Builder emitterBuilder = config.emitterBuilder();
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
      return new Built(tracker.build(), emitter, config.closeTimeout());
    } catch (RuntimeException e) {
      emitter.close(Duration.ZERO);
      throw e;
    }
  }

  @PreDestroy
  void close() {
    closed = true;
    trackers.values().stream()
        .filter(built -> built.emitter() != null)
        .forEach(built -> built.emitter().close(built.closeTimeout()));
    trackers.clear();
  }
}
