package io.github.snowplowjakarta.cdi.internal;

import io.github.snowplowjakarta.cdi.Tracked;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;

/** Tracks the structured event of a {@link Tracked} method once it has returned. Not API. */
@Tracked(category = "")
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_AFTER)
public class TrackedInterceptor {
  private static final ThrottledLogger LOG = new ThrottledLogger(TrackedInterceptor.class);

  @Inject TrackerProducer trackers;

  @AroundInvoke
  Object trackWhenReturned(InvocationContext invocation) throws Exception {
    Object result = invocation.proceed();
    Method method = invocation.getMethod();
    try {
      Tracked tracked = annotationOf(method, invocation.getTarget());
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

  /** The method's own annotation, else its bean class's (inherited by the container's subclass). */
  private static Tracked annotationOf(Method method, Object target) {
    Tracked own = method.getAnnotation(Tracked.class);
    if (own != null) {
      return own;
    }
    Tracked onBean = target == null ? null : target.getClass().getAnnotation(Tracked.class);
    return onBean != null ? onBean : method.getDeclaringClass().getAnnotation(Tracked.class);
  }
}
