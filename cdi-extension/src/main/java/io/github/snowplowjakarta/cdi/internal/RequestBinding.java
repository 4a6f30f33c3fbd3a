package io.github.snowplowjakarta.cdi.internal;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.web.TrackedRequest;
import java.util.function.Supplier;

/**
 * The current HTTP request's tracker, from whichever adapter binds it to the thread (the servlet
 * filter, a framework's); null on a thread serving none. Not API.
 */
final class RequestBinding {
  private RequestBinding() {}

  static Supplier<Tracker> currentRequestTracker() {
    return TrackedRequest::currentOrNull;
  }
}
