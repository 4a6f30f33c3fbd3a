package io.github.snowplowjakarta.cdi;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Selects a tracker by name: {@code @Inject @TrackerNamespace("marketing") Tracker tracker}. Its
 * keys are those of the default tracker with the name after {@code snowplow.} ({@code
 * snowplow.marketing.collector-uri}), each falling back to the default tracker's; its namespace
 * ({@code tna}) is the name unless configured.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, TYPE})
public @interface TrackerNamespace {
  @Nonbinding
  String value();
}
