package io.github.snowplowjakarta.cdi;

import io.github.snowplowjakarta.cdi.internal.HealthApi;
import io.github.snowplowjakarta.cdi.internal.SnowplowHealthCheck;
import io.github.snowplowjakarta.cdi.internal.TrackedInterceptor;
import io.github.snowplowjakarta.cdi.internal.TrackerProducer;
import io.github.snowplowjakarta.cdi.internal.TrackersInUse;
import io.github.snowplowjakarta.core.Tracker;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Stereotype;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
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
import jakarta.inject.Singleton;
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
 * of every tracker it injects or a {@code @Tracked} method uses. Where MicroProfile Health is
 * there, it adds the readiness check {@code snowplow} too. In a CDI Lite container (Quarkus) its
 * build-compatible twin does the same; where this one runs, that one stands aside.
 */
public class SnowplowExtension implements Extension {
  /** Made by the container, which finds this class through its service registration. */
  public SnowplowExtension() {}

  private final Set<String> namespaces = new TreeSet<>();
  private final List<String> problems = new ArrayList<>();
  private volatile TrackersInUse inUse;

  void addProducer(@Observes BeforeBeanDiscovery discovery, BeanManager beans) {
    discovery.addAnnotatedType(
        beans.createAnnotatedType(TrackerProducer.class), TrackerProducer.class.getName());
    discovery.addAnnotatedType(
        beans.createAnnotatedType(TrackedInterceptor.class), TrackedInterceptor.class.getName());
    if (HealthApi.present(SnowplowExtension.class.getClassLoader())) {
      discovery.addAnnotatedType(
          beans.createAnnotatedType(SnowplowHealthCheck.class),
          SnowplowHealthCheck.class.getName());
    }
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
      String problem =
          TrackersInUse.trackedProblem(annotated.getJavaClass().getName(), tracked.category());
      if (problem != null) {
        synchronized (problems) {
          problems.add(problem);
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
   * The trackers in use, as a bean for the producer, which checks them when the application starts.
   */
  void addTrackersInUse(@Observes AfterBeanDiscovery discovery) {
    TrackersInUse inUse = new TrackersInUse(namespaces());
    this.inUse = inUse;
    discovery
        .addBean()
        .beanClass(TrackersInUse.class)
        .types(TrackersInUse.class, Object.class)
        .scope(Singleton.class)
        .createWith(context -> inUse);
  }

  /**
   * Checks, while the application deploys, the {@code @Tracked} annotations and every value the
   * trackers in use will read.
   */
  void validateConfiguration(@Observes AfterDeploymentValidation done) {
    synchronized (problems) {
      problems.forEach(problem -> done.addDeploymentProblem(new DeploymentException(problem)));
    }
    inUse.deploymentProblems().forEach(done::addDeploymentProblem);
  }

  private List<String> namespaces() {
    synchronized (namespaces) {
      return List.copyOf(namespaces);
    }
  }
}
