package io.github.snowplowjakarta.servlet.annotated;

import io.github.snowplowjakarta.servlet.SnowplowFilter;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebInitParam;

/** The README's {@code @WebFilter("/*") class Tracking extends SnowplowFilter {}}. */
@WebFilter(
    urlPatterns = "/*",
    asyncSupported = true,
    initParams = @WebInitParam(name = "snowplow.app-id", value = "annotated-shop"))
public class AnnotatedTracking extends SnowplowFilter {}
