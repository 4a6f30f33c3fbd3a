package io.github.snowplowjakarta.cdi.internal;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanContainer;
import jakarta.servlet.ServletContext;

/**
 * Finds the web application the trackers belong to, its {@code ServletContext}, when the Servlet
 * API is there at all: in the payload of {@code @Initialized(ApplicationScoped.class)}, or as the
 * built-in {@code ServletContext} bean of a Jakarta EE container (which Weld also provides when it
 * is started before the servlet container, where that event carries no context). Not API.
 */
public final class WebApplication {
  private WebApplication() {}

  /** The payload if it is a {@code ServletContext}, else null. */
  public static Object servletContextOrNull(Object payload) {
    return payload != null && servletApi() && Servlet.isContext(payload) ? payload : null;
  }

  /** The container's {@code ServletContext} bean, if it has one and the context has started. */
  public static Object servletContextOrNull(BeanContainer beans) {
    if (!servletApi()) {
      return null;
    }
    try {
      return Servlet.lookUp(beans);
    } catch (RuntimeException notAWebApplicationOrNotStarted) {
      return null;
    }
  }

  private static boolean servletApi() {
    try {
      Class.forName("jakarta.servlet.ServletContext", false, WebApplication.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError noServletApi) {
      return false;
    }
  }

  /** Its context path, for messages. */
  public static String describe(Object servletContext) {
    return Servlet.describe(servletContext);
  }

  /** Loaded only when the Servlet API is there. */
  private static final class Servlet {
    static boolean isContext(Object payload) {
      return payload instanceof ServletContext;
    }

    static Object lookUp(BeanContainer beans) {
      Instance<ServletContext> context = beans.createInstance().select(ServletContext.class);
      if (!context.isResolvable()) {
        return null;
      }
      ServletContext found = context.get();
      // A client proxy: ask it something to see whether there is a context behind it yet.
      found.getContextPath();
      return found;
    }

    static String describe(Object servletContext) {
      String path = ((ServletContext) servletContext).getContextPath();
      return "web application '" + (path == null || path.isEmpty() ? "/" : path) + "'";
    }
  }
}
