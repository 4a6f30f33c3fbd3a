package io.github.snowplowjakarta.spring;

import io.github.snowplowjakarta.cdi.Tracked;
import io.github.snowplowjakarta.core.config.ConfigurationException;
import java.lang.reflect.AnnotatedElement;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/** A {@link Tracked} with a blank category fails the start, naming where it is, as under CDI. */
final class TrackedCheck implements BeanPostProcessor {
  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    Class<?> type = ClassUtils.getUserClass(bean);
    if (AnnotationUtils.isCandidateClass(type, Tracked.class)) {
      check(type);
      ReflectionUtils.doWithMethods(type, TrackedCheck::check);
    }
    return bean;
  }

  private static void check(AnnotatedElement element) {
    Tracked tracked = element.getAnnotation(Tracked.class);
    if (tracked != null && tracked.category().isBlank()) {
      throw new ConfigurationException("@Tracked", "the category is blank on " + element);
    }
  }
}
