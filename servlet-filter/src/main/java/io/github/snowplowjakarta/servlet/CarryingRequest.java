package io.github.snowplowjakarta.servlet;

import io.github.snowplowjakarta.web.internal.RequestTracking;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The request as the chain sees it: the tasks an async cycle started on it runs with {@code
 * AsyncContext.start} track as the request does (its subject and consent level, {@code off}
 * included), as if {@link SnowplowRequest#carry(Runnable)} wrapped them.
 */
final class CarryingRequest extends HttpServletRequestWrapper {
  private final RequestTracking state;
  private Async async; // guarded by this

  CarryingRequest(HttpServletRequest request, RequestTracking state) {
    super(request);
    this.state = state;
  }

  @Override
  public AsyncContext startAsync() {
    return carrying(super.startAsync());
  }

  @Override
  public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
    return carrying(super.startAsync(request, response));
  }

  @Override
  public AsyncContext getAsyncContext() {
    return carrying(super.getAsyncContext());
  }

  private synchronized AsyncContext carrying(AsyncContext context) {
    if (context == null) {
      return null;
    }
    if (async == null || async.context != context) {
      async = new Async(context, state);
    }
    return async;
  }

  /** The container's async context; {@code start} carries the request's tracking. */
  private static final class Async implements AsyncContext {
    private final AsyncContext context;
    private final RequestTracking state;

    Async(AsyncContext context, RequestTracking state) {
      this.context = context;
      this.state = state;
    }

    @Override
    public void start(Runnable run) {
      context.start(RequestTracking.carry(state, run));
    }

    @Override
    public ServletRequest getRequest() {
      return context.getRequest();
    }

    @Override
    public ServletResponse getResponse() {
      return context.getResponse();
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
      return context.hasOriginalRequestAndResponse();
    }

    @Override
    public void dispatch() {
      context.dispatch();
    }

    @Override
    public void dispatch(String path) {
      context.dispatch(path);
    }

    @Override
    public void dispatch(ServletContext servletContext, String path) {
      context.dispatch(servletContext, path);
    }

    @Override
    public void complete() {
      context.complete();
    }

    @Override
    public void addListener(AsyncListener listener) {
      context.addListener(listener);
    }

    @Override
    public void addListener(
        AsyncListener listener, ServletRequest servletRequest, ServletResponse servletResponse) {
      context.addListener(listener, servletRequest, servletResponse);
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
      return context.createListener(type);
    }

    @Override
    public void setTimeout(long timeout) {
      context.setTimeout(timeout);
    }

    @Override
    public long getTimeout() {
      return context.getTimeout();
    }
  }
}
