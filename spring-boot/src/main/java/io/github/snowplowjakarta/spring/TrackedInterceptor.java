package io.github.snowplowjakarta.spring;

import io.github.snowplowjakarta.cdi.Tracked;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Tracks the structured event of a {@link Tracked} method of a Spring bean once it has returned, as
 * the CDI interceptor does: the method's own annotation, else its class's.
 */
final class TrackedInterceptor implements MethodInterceptor {
  private static final ThrottledLogger LOG = new ThrottledLogger(TrackedInterceptor.class);

  private final ObjectProvider<SnowplowTrackers> trackers;

  TrackedInterceptor(ObjectProvider<SnowplowTrackers> trackers) {
    this.trackers = trackers;
  }

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    Object result = invocation.proceed();
    Method method = invocation.getMethod();
    try {
      Object target = invocation.getThis();
      Class<?> type = target != null ? AopUtils.getTargetClass(target) : method.getDeclaringClass();
      Method specific = AopUtils.getMostSpecificMethod(method, type);
      Tracked tracked = AnnotatedElementUtils.findMergedAnnotation(specific, Tracked.class);
      if (tracked == null) {
        tracked = AnnotatedElementUtils.findMergedAnnotation(type, Tracked.class);
      }
      if (tracked != null) {
        trackers
            .getObject()
            .tracker(tracked.namespace())
            .track(
                Structured.builder()
                    .category(tracked.category())
                    .action(tracked.action().isEmpty() ? method.getName() : tracked.action())
                    .label(tracked.label())
                    .property(tracked.property())
                    .build());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Snowplow: @Tracked " + method + " not tracked: " + e);
    }
    return result;
  }
}
