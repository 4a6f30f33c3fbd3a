package io.github.snowplowjakarta.spring;

import io.github.snowplowjakarta.cdi.TrackerCustomizer;
import io.github.snowplowjakarta.cdi.internal.TrackerConfigs;
import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.core.config.ConfigSource;
import io.github.snowplowjakarta.core.config.ConfigurationException;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.core.emitter.Emitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The application's trackers, by namespace, as the auto-configuration builds them from the {@code
 * snowplow.*} properties: {@link #tracker()} is the {@code Tracker} bean; {@code tracker("shop")}
 * reads {@code snowplow.shop.*} first and sends {@code tna=shop}. Inside a request the filter
 * tracks, every one of them follows that request's consent and subject. Each namespace has one
 * emitter, closed (flushing, waiting at most {@code snowplow.emitter.close-timeout}) when the
 * application context closes.
 */
public final class SnowplowTrackers implements AutoCloseable {
  private static final String SPOOL_NAME = "spring";

  private final ConfigSource source;
  private final String defaultAppId;
  private final List<TrackerCustomizer> customizers;
  private final Supplier<Tracker> request;
  private final Map<String, Built> trackers = new ConcurrentHashMap<>();
  private final List<Built> built = new ArrayList<>();
  private boolean closed; // guarded by built

  private static final class Built {
    final Tracker tracker;
    final Tracker pageViews;
    final Emitter emitter;
    final Duration closeTimeout;

    Built(Tracker tracker, Tracker pageViews, Emitter emitter, Duration closeTimeout) {
      this.tracker = tracker;
      this.pageViews = pageViews;
      this.emitter = emitter;
      this.closeTimeout = closeTimeout;
    }
  }

  /**
   * @param defaultAppId the app id where none is configured, or null for the key's default
   * @param request the tracker of the request in progress, or null outside a web application
   */
  SnowplowTrackers(
      ConfigSource source,
      String defaultAppId,
      List<TrackerCustomizer> customizers,
      Supplier<Tracker> request) {
    this.source = source;
    this.defaultAppId = defaultAppId;
    this.customizers = List.copyOf(customizers);
    this.request = request;
  }

  /** The default tracker, the {@code Tracker} bean. */
  public Tracker tracker() {
    return tracker("");
  }

  /**
   * The tracker of this namespace, built when first asked for: letters, digits, {@code -} and
   * {@code _}; empty for the default tracker.
   *
   * @throws IllegalStateException once the application context is closing
   * @throws ConfigurationException naming the key if its configuration is wrong
   */
  public Tracker tracker(String namespace) {
    return built(namespace).tracker;
  }

  /** The servlet filter's tracker: the default one's emitter, its platform {@code web}. */
  Tracker pageViewTracker() {
    return built("").pageViews;
  }

  /** The configuration of a namespace's tracker ({@code ""}: the default one). */
  TrackerConfig config(String namespace) {
    TrackerConfig config = TrackerConfigs.namespaced(namespace, source);
    return defaultAppId == null ? config : config.withDefault(ConfigKeys.APP_ID, defaultAppId);
  }

  private Built built(String namespace) {
    if (!namespace.isEmpty() && !namespace.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException(
          "namespace: expected letters, digits, - or _, was '" + namespace + "'");
    }
    return trackers.computeIfAbsent(namespace, this::build);
  }

  private Built build(String namespace) {
    synchronized (built) {
      if (closed) {
        throw new IllegalStateException("the application is shutting down: no new tracker");
      }
    }
    TrackerConfig config = config(namespace);
    TrackerConfig web = config.withDefault(ConfigKeys.PLATFORM, Platform.WEB);
    if (!config.enabled()) {
      return new Built(
          Tracker.disabled(config.trackerSettings()),
          Tracker.disabled(web.trackerSettings()),
          null,
          null);
    }
    Emitter.Builder emitterBuilder =
        config.emitterBuilder(namespace.isEmpty() ? SPOOL_NAME : SPOOL_NAME + "-" + namespace);
    for (TrackerCustomizer customizer : customizers) {
      customizer.customize(namespace, emitterBuilder);
    }
    Emitter emitter = emitterBuilder.build();
    try {
      Tracker.Builder tracker =
          Tracker.builder(config.trackerSettings(), emitter)
              .anonymisation(config.defaultAnonymisation());
      if (request != null) {
        tracker.workInProgress(request);
      }
      for (TrackerCustomizer customizer : customizers) {
        customizer.customize(namespace, tracker);
      }
      Tracker pageViews =
          Tracker.builder(web.trackerSettings(), emitter)
              .anonymisation(config.defaultAnonymisation())
              .build();
      Built done = new Built(tracker.build(), pageViews, emitter, config.closeTimeout());
      synchronized (built) {
        if (closed) {
          throw new IllegalStateException("the application is shutting down: no new tracker");
        }
        built.add(done);
      }
      return done;
    } catch (RuntimeException e) {
      emitter.close(Duration.ZERO);
      throw e;
    }
  }

  /** Closes every emitter, each waiting at most its close timeout for queued events to leave. */
  @Override
  public void close() {
    List<Built> toClose;
    synchronized (built) {
      closed = true;
      toClose = List.copyOf(built);
      built.clear();
    }
    toClose.forEach(done -> done.emitter.close(done.closeTimeout));
  }

  @Override
  public String toString() {
    return "SnowplowTrackers" + trackers.keySet();
  }
}
