package io.github.snowplowjakarta.cdi;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Tracks a structured event ({@code e=se}) each time the annotated method returns, not when it
 * throws: {@code @Tracked(category = "shop", action = "checkout")}. On a class, every business
 * method of the bean is tracked; a method's own annotation wins. The event goes through the
 * injected tracker (the one of {@link #namespace()} if set), so inside a request the filter tracks
 * it follows that request's consent. A tracking failure is logged, never thrown; a blank category
 * fails the deployment.
 *
 * <p>As for any interceptor binding: it works on a bean class, its superclasses and stereotypes,
 * not on interfaces; the method must not be final, nor called from the bean itself; a method
 * returning a {@code CompletionStage} is tracked when it returns, not when the stage completes. It
 * runs outside {@code @Transactional}, so a method whose commit fails is not tracked.
 */
@InterceptorBinding
@Inherited
@Documented
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface Tracked {
  /** The category ({@code se_ca}). */
  @Nonbinding
  String category();

  /** The action ({@code se_ac}); the method's name if empty. */
  @Nonbinding
  String action() default "";

  /** The label ({@code se_la}), if any. */
  @Nonbinding
  String label() default "";

  /** The property ({@code se_pr}), if any. */
  @Nonbinding
  String property() default "";

  /** The tracker's namespace, as in {@link TrackerNamespace}; the default tracker if empty. */
  @Nonbinding
  String namespace() default "";
}
