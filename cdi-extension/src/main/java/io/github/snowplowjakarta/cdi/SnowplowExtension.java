package io.github.snowplowjakarta.cdi;

import io.github.snowplowjakarta.cdi.internal.TrackedInterceptor;
import io.github.snowplowjakarta.cdi.internal.TrackerConfigs;
import io.github.snowplowjakarta.cdi.internal.TrackerProducer;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.config.ConfigurationException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.lang.annotation.Annotation;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes {@code @Inject Tracker} and {@link Tracked} work in any CDI 4 container, with no change to
 * the application's beans.xml: registered in {@code META-INF/services}, it adds the tracker
 * producer and the interceptor itself and checks, while the application deploys, the configuration
 * of every tracker it injects or a {@code @Tracked} method uses.
 */
public class SnowplowExtension implements Extension {
  private final Set<String> namespaces = new TreeSet<>();

  void addProducer(@Observes BeforeBeanDiscovery discovery, BeanManager beans) {
    discovery.addAnnotatedType(
        beans.createAnnotatedType(TrackerProducer.class), TrackerProducer.class.getName());
    discovery.addAnnotatedType(
        beans.createAnnotatedType(TrackedInterceptor.class), TrackedInterceptor.class.getName());
  }

  void collectTrackedNamespaces(
      @Observes @WithAnnotations(Tracked.class) ProcessAnnotatedType<?> type) {
    Tracked onType = type.getAnnotatedType().getAnnotation(Tracked.class);
    if (onType != null) {
      addNamespace(onType.namespace());
    }
    type.getAnnotatedType().getMethods().stream()
        .map(method -> method.getAnnotation(Tracked.class))
        .filter(tracked -> tracked != null)
        .forEach(tracked -> addNamespace(tracked.namespace()));
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

  void validateConfiguration(@Observes AfterDeploymentValidation done) {
    synchronized (namespaces) {
      for (String namespace : namespaces) {
        try {
          TrackerConfigs.validate(namespace);
        } catch (ConfigurationException e) {
          done.addDeploymentProblem(
              new DeploymentException(
                  "Snowplow tracker "
                      + (namespace.isEmpty() ? "" : "'" + namespace + "' ")
                      + "configuration: "
                      + e.getMessage(),
                  e));
        }
      }
    }
  }
}
