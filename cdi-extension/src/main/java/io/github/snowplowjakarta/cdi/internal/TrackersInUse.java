package io.github.snowplowjakarta.cdi.internal;

import io.github.snowplowjakarta.core.config.ConfigurationException;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The trackers an application uses, as either extension found them while it deployed, and the web
 * application it runs in once that has started: a bean, so the producer and the startup check read
 * the same whichever extension acted. Not API.
 */
public final class TrackersInUse {
  private final Set<String> namespaces;
  private volatile Object webApplication;

  public TrackersInUse(Collection<String> namespaces) {
    this.namespaces = Collections.unmodifiableSortedSet(new TreeSet<>(namespaces));
  }

  /**
   * The web application's {@code ServletContext} once it has started, for the trackers' context-
   * params and default app id; null outside a web application and before.
   */
  Object webApplication() {
    return webApplication;
  }

  /** What is wrong with a {@code @Tracked} annotation on this class, or null. */
  public static String trackedProblem(String className, String category) {
    return category.isBlank() ? "@Tracked on " + className + ": category must not be blank" : null;
  }

  /**
   * Checks, while the application deploys, every value the trackers in use will read. A missing
   * collector URI waits for {@link #applicationStarted}: a web application's context-params may
   * still supply it.
   */
  public List<DeploymentException> deploymentProblems() {
    List<DeploymentException> problems = new ArrayList<>();
    for (String namespace : namespaces) {
      try {
        TrackerConfigs.validate(namespace, null, false);
      } catch (ConfigurationException e) {
        problems.add(new DeploymentException(problem(namespace, e), e));
      }
    }
    return problems;
  }

  /**
   * The application has started: in a web application, the payload is its {@code ServletContext},
   * whose context-params and context path the trackers read from now on. Every tracker in use must
   * now have a collector (unless tracking is off); if one has not, or a value is bad, the
   * deployment fails naming the key.
   */
  void applicationStarted(Object payload) {
    Object context = WebApplication.servletContextOrNull(payload);
    if (context == null && webApplication != null) {
      return;
    }
    if (context != null && webApplication == null) {
      webApplication = context;
    }
    List<String> found = new ArrayList<>();
    ConfigurationException first = null;
    for (String namespace : namespaces) {
      try {
        TrackerConfigs.validate(namespace, context, true);
      } catch (ConfigurationException e) {
        found.add(problem(namespace, e));
        first = first == null ? e : first;
      }
    }
    if (!found.isEmpty()) {
      throw new DeploymentException(
          String.join("; ", found)
              + (context == null ? "" : " (" + WebApplication.describe(context) + ")"),
          first);
    }
  }

  private static String problem(String namespace, ConfigurationException e) {
    return "Snowplow tracker "
        + (namespace.isEmpty() ? "" : "'" + namespace + "' ")
        + "configuration: "
        + e.getMessage();
  }
}
