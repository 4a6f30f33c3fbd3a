package io.github.snowplowjakarta.cdi.internal;

import io.github.snowplowjakarta.cdi.Tracked;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Intercepted;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;

/**
 * Tracks the structured event of a {@link Tracked} method once it has returned. Its priority puts
 * it outside {@code @Transactional} (200): a method whose commit fails has thrown, and is not
 * tracked. Not API.
 */
@Tracked(category = "")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class TrackedInterceptor {
  private static final ThrottledLogger LOG = new ThrottledLogger(TrackedInterceptor.class);

  @Inject TrackerProducer trackers;

  @Inject @Intercepted Bean<?> bean;

  @AroundInvoke
  Object trackWhenReturned(InvocationContext invocation) throws Exception {
    Object result = invocation.proceed();
    Method method = invocation.getMethod();
    try {
      Tracked tracked = annotationOf(method, invocation.getTarget(), bean);
      trackers
          .tracker(tracked.namespace())
          .track(
              Structured.builder()
                  .category(tracked.category())
                  .action(tracked.action().isEmpty() ? method.getName() : tracked.action())
                  .label(tracked.label())
                  .property(tracked.property())
                  .build());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Snowplow: @Tracked " + method + " not tracked: " + e);
    }
    return result;
  }

  /**
   * The method's own annotation, else its bean class's (inherited by the container's subclass),
   * else one of its stereotypes'.
   */
  static Tracked annotationOf(Method method, Object target, Bean<?> bean) {
    Tracked own = method.getAnnotation(Tracked.class);
    if (own != null) {
      return own;
    }
    Tracked onClass =
        target != null
            ? target.getClass().getAnnotation(Tracked.class)
            : method.getDeclaringClass().getAnnotation(Tracked.class);
    if (onClass != null) {
      return onClass;
    }
    Set<Class<? extends Annotation>> stereotypes = bean == null ? Set.of() : bean.getStereotypes();
    return fromStereotypes(stereotypes);
  }

  /** The first {@link Tracked} on these stereotypes or the stereotypes they carry, or null. */
  public static Tracked fromStereotypes(Set<Class<? extends Annotation>> stereotypes) {
    return fromStereotypes(stereotypes, new HashSet<>());
  }

  private static Tracked fromStereotypes(
      Set<Class<? extends Annotation>> stereotypes, Set<Class<? extends Annotation>> seen) {
    for (Class<? extends Annotation> stereotype : stereotypes) {
      if (!seen.add(stereotype)) {
        continue;
      }
      Tracked tracked = stereotype.getAnnotation(Tracked.class);
      if (tracked != null) {
        return tracked;
      }
      Set<Class<? extends Annotation>> inner = new HashSet<>();
      for (Annotation annotation : stereotype.getAnnotations()) {
        if (annotation
            .annotationType()
            .isAnnotationPresent(jakarta.enterprise.inject.Stereotype.class)) {
          inner.add(annotation.annotationType());
        }
      }
      tracked = fromStereotypes(inner, seen);
      if (tracked != null) {
        return tracked;
      }
    }
    return null;
  }
}
