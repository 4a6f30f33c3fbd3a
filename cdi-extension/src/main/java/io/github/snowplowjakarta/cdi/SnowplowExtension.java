package io.github.snowplowjakarta.cdi;

import io.github.snowplowjakarta.cdi.internal.TrackedInterceptor;
import io.github.snowplowjakarta.cdi.internal.TrackerConfigs;
import io.github.snowplowjakarta.cdi.internal.TrackerProducer;
import io.github.snowplowjakarta.cdi.internal.WebApplication;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.config.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Stereotype;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.interceptor.Interceptor;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Makes {@code @Inject Tracker} and {@link Tracked} work in any CDI 4 container, with no change to
 * the application's beans.xml: registered in {@code META-INF/services}, it adds the tracker
 * producer and the interceptor itself and checks, while the application deploys, the configuration
 * of every tracker it injects or a {@code @Tracked} method uses.
 */
public class SnowplowExtension implements Extension {
  private final Set<String> namespaces = new TreeSet<>();
  private final List<String> problems = new ArrayList<>();
  private volatile Object webApplication;

  void addProducer(@Observes BeforeBeanDiscovery discovery, BeanManager beans) {
    discovery.addAnnotatedType(
        beans.createAnnotatedType(TrackerProducer.class), TrackerProducer.class.getName());
    discovery.addAnnotatedType(
        beans.createAnnotatedType(TrackedInterceptor.class), TrackedInterceptor.class.getName());
  }

  void collectTrackedMethods(
      @Observes @WithAnnotations(Tracked.class) ProcessAnnotatedType<?> type) {
    AnnotatedType<?> annotated = type.getAnnotatedType();
    if (annotated.getJavaClass() == TrackedInterceptor.class) {
      return;
    }
    List<Tracked> found = new ArrayList<>();
    Tracked onType = annotated.getAnnotation(Tracked.class);
    if (onType == null) {
      onType =
          TrackedInterceptor.fromStereotypes(
              annotated.getAnnotations().stream()
                  .map(Annotation::annotationType)
                  .filter(kind -> kind.isAnnotationPresent(Stereotype.class))
                  .collect(Collectors.toSet()));
    }
    if (onType != null) {
      found.add(onType);
    }
    for (AnnotatedMethod<?> method : annotated.getMethods()) {
      Tracked onMethod = method.getAnnotation(Tracked.class);
      if (onMethod != null) {
        found.add(onMethod);
      }
    }
    for (Tracked tracked : found) {
      addNamespace(tracked.namespace());
      if (tracked.category().isBlank()) {
        synchronized (problems) {
          problems.add(
              "@Tracked on " + annotated.getJavaClass().getName() + ": category must not be blank");
        }
      }
    }
  }

  void collectNamespaces(@Observes ProcessInjectionPoint<?, Tracker> injection) {
    String namespace = "";
    for (Annotation qualifier : injection.getInjectionPoint().getQualifiers()) {
      if (qualifier instanceof TrackerNamespace) {
        namespace = ((TrackerNamespace) qualifier).value();
      }
    }
    addNamespace(namespace);
  }

  private void addNamespace(String namespace) {
    synchronized (namespaces) {
      namespaces.add(namespace);
    }
  }

  /**
   * Checks, while the application deploys, every value the trackers in use will read. A missing
   * collector URI waits for {@link #applicationStarted}: a web application's context-params may
   * still supply it.
   */
  void validateConfiguration(@Observes AfterDeploymentValidation done) {
    synchronized (problems) {
      problems.forEach(problem -> done.addDeploymentProblem(new DeploymentException(problem)));
    }
    for (String namespace : namespaces()) {
      try {
        TrackerConfigs.validate(namespace, null, false);
      } catch (ConfigurationException e) {
        done.addDeploymentProblem(new DeploymentException(problem(namespace, e), e));
      }
    }
  }

  /**
   * The application has started: in a web application, the payload is its {@code ServletContext},
   * whose context-params and context path the trackers read from now on. Every tracker in use must
   * now have a collector (unless tracking is off); if one has not, or a context-param is bad, the
   * deployment fails naming the key. Runs before the application's own observers, which may track.
   */
  void applicationStarted(
      @Observes
          @Priority(Interceptor.Priority.PLATFORM_BEFORE)
          @Initialized(ApplicationScoped.class)
          Object payload) {
    Object context = WebApplication.servletContextOrNull(payload);
    if (context == null && webApplication != null) {
      return;
    }
    if (context != null && webApplication == null) {
      webApplication = context;
    }
    List<String> found = new ArrayList<>();
    ConfigurationException first = null;
    for (String namespace : namespaces()) {
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

  /**
   * The web application's {@code ServletContext} once it has started, for the trackers' context-
   * params and default app id; null outside a web application and before. Not API.
   */
  public Object webApplication() {
    return webApplication;
  }

  private List<String> namespaces() {
    synchronized (namespaces) {
      return List.copyOf(namespaces);
    }
  }

  private static String problem(String namespace, ConfigurationException e) {
    return "Snowplow tracker "
        + (namespace.isEmpty() ? "" : "'" + namespace + "' ")
        + "configuration: "
        + e.getMessage();
  }
}
