package io.github.snowplowjakarta.spring;

import io.github.snowplowjakarta.cdi.Tracked;
import io.github.snowplowjakarta.cdi.TrackerCustomizer;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.config.ConfigKeys;
import io.github.snowplowjakarta.servlet.SnowplowFilter;
import io.github.snowplowjakarta.servlet.SnowplowRequest;
import io.github.snowplowjakarta.web.consent.ConsentSource;
import jakarta.servlet.DispatcherType;
import java.util.function.Supplier;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Snowplow tracking for a Spring Boot application, configured by the same {@code snowplow.*} keys
 * as everywhere else, read from Spring's {@code Environment}: the {@link SnowplowTrackers} and the
 * {@code Tracker} bean; in a servlet web application the {@link SnowplowFilter}, registered at
 * {@link #FILTER_ORDER}; {@code @Tracked} on Spring beans; with Spring Boot Actuator, the health
 * indicator {@code snowplow}. Every bean gives way to one of the application's own. {@code
 * TrackerCustomizer} and {@code ConsentSource} beans are applied.
 */
@AutoConfiguration
@ConditionalOnClass(Tracker.class)
public class SnowplowAutoConfiguration {
  /**
   * The filter's order: after Spring Security's filter chain ({@code -100}), so that it sees the
   * authenticated user; after Spring's character encoding, form content and request context
   * filters; before every filter of the default order (0 and above) and the servlets.
   */
  public static final int FILTER_ORDER = -90;

  /** The name the filter is registered under, and its registration bean's name. */
  public static final String FILTER_NAME = "snowplowFilter";

  @Bean
  @ConditionalOnMissingBean
  SnowplowTrackers snowplowTrackers(
      Environment environment,
      ResourceLoader application,
      ObjectProvider<TrackerCustomizer> customizers) {
    ClassLoader loader = application.getClassLoader();
    SnowplowTrackers trackers =
        new SnowplowTrackers(
            SpringConfigSource.of(environment, loader),
            SpringConfigSource.applicationName(environment),
            customizers.orderedStream().toList(),
            ClassUtils.isPresent("jakarta.servlet.ServletRequest", loader)
                ? Servlet.CURRENT
                : null);
    SpringConfigSource.requireCollector(trackers.config(""), environment);
    return trackers;
  }

  @Bean
  @ConditionalOnMissingBean
  Tracker snowplowTracker(SnowplowTrackers trackers) {
    return trackers.tracker();
  }

  /** Loaded only where the Servlet API is. */
  private static final class Servlet {
    static final Supplier<Tracker> CURRENT = SnowplowRequest::currentOrNull;
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(
      name = {
        "jakarta.servlet.Filter",
        "org.springframework.boot.web.servlet.FilterRegistrationBean"
      })
  static class FilterConfiguration {
    @Bean(name = FILTER_NAME)
    @ConditionalOnMissingBean(name = FILTER_NAME)
    FilterRegistrationBean<SnowplowFilter> snowplowFilter(
        SnowplowTrackers trackers, ObjectProvider<ConsentSource> consentSources) {
      SnowplowFilter filter = new SnowplowFilter(trackers.pageViewTracker(), trackers.config(""));
      consentSources.orderedStream().forEach(filter::consentSource);
      FilterRegistrationBean<SnowplowFilter> registration = new FilterRegistrationBean<>(filter);
      registration.setName(FILTER_NAME);
      registration.setOrder(FILTER_ORDER);
      registration.setAsyncSupported(true);
      registration.setDispatcherTypes(DispatcherType.REQUEST);
      registration.addUrlPatterns("/*");
      // Off: not registered at all, as the servlet initializer does not register it.
      registration.setEnabled(trackers.config("").enabled());
      return registration;
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  static class Boot3HealthConfiguration {
    /** Named so that Actuator shows it as {@code snowplow}. */
    @Bean
    @ConditionalOnMissingBean(name = "snowplowHealthIndicator")
    SnowplowHealthIndicator snowplowHealthIndicator(SnowplowTrackers trackers) {
      return new SnowplowHealthIndicator(trackers.config("").get(ConfigKeys.HEALTH_FAIL_ON_OUTAGE));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnMissingClass("org.springframework.boot.actuate.health.HealthIndicator")
  static class Boot4HealthConfiguration {
    /** Named so that Actuator shows it as {@code snowplow}. */
    @Bean
    @ConditionalOnMissingBean(name = "snowplowHealthIndicator")
    SnowplowBoot4HealthIndicator snowplowHealthIndicator(SnowplowTrackers trackers) {
      return new SnowplowBoot4HealthIndicator(
          trackers.config("").get(ConfigKeys.HEALTH_FAIL_ON_OUTAGE));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.aop.Advisor")
  static class TrackedConfiguration {
    /**
     * An infrastructure advisor, as {@code @Transactional}'s is: Spring Boot's proxy creator
     * applies it with or without AspectJ on the class path.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean(name = "snowplowTrackedAdvisor")
    static Advisor snowplowTrackedAdvisor(ObjectProvider<SnowplowTrackers> trackers) {
      ComposablePointcut pointcut =
          new ComposablePointcut(new AnnotationMatchingPointcut(Tracked.class, true))
              .union(new AnnotationMatchingPointcut(null, Tracked.class, true));
      return new DefaultPointcutAdvisor(pointcut, new TrackedInterceptor(trackers));
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean(name = "snowplowTrackedCheck")
    static BeanPostProcessor snowplowTrackedCheck() {
      return new TrackedCheck();
    }
  }
}
