package io.github.snowplowjakarta.cdi.internal;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.servlet.SnowplowRequest;
import java.util.function.Supplier;

/**
 * The current HTTP request's tracker, from the servlet filter, when the Servlet API is there at
 * all: in a Java SE container there is no request to follow. Not API.
 */
final class RequestBinding {
  private RequestBinding() {}

  static Supplier<Tracker> currentRequestTracker() {
    try {
      Class.forName("jakarta.servlet.ServletRequest", false, RequestBinding.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError noServletApi) {
      return null;
    }
    return Servlet.CURRENT;
  }

  /** Loaded only when the Servlet API is there. */
  private static final class Servlet {
    static final Supplier<Tracker> CURRENT = SnowplowRequest::currentOrNull;
  }
}
