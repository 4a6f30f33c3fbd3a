package io.github.snowplowjakarta.benchmarks;

import com.snowplowanalytics.snowplow.tracker.Snowplow;
import com.snowplowanalytics.snowplow.tracker.Subject;
import com.snowplowanalytics.snowplow.tracker.Tracker;
import com.snowplowanalytics.snowplow.tracker.configuration.SubjectConfiguration;
import com.snowplowanalytics.snowplow.tracker.events.PageView;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The filter a user would write from the Snowplow Java tracker's documentation (1.0.1): a tracker
 * made by {@code Snowplow.createTracker(namespace, appId, collectorUrl)} (its default {@code
 * BatchEmitter}: batches of 50, a buffer of 10 000 events, OkHttp), and after the chain a {@code
 * PageView} with the URL and referrer for each GET answered 2xx with {@code text/html}, with an
 * event subject ({@code SubjectConfiguration}, 1.0's replacement for the deprecated {@code
 * Subject.builder()}) carrying the visitor's IP address and user agent. The title is not known to a
 * filter, so none is sent. A contender in {@link FilterOverhead}, not a part of our tracker.
 */
final class SnowplowJavaFilter implements Filter {
  private final Tracker tracker;

  SnowplowJavaFilter(String namespace, String collectorUrl) {
    this.tracker = Snowplow.createTracker(namespace, "bench", collectorUrl);
  }

  Tracker tracker() {
    return tracker;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    chain.doFilter(request, response);
    if (request instanceof HttpServletRequest http
        && response instanceof HttpServletResponse answer
        && "GET".equals(http.getMethod())
        && answer.getStatus() / 100 == 2
        && answer.getContentType() != null
        && answer.getContentType().startsWith("text/html")) {
      StringBuffer url = http.getRequestURL();
      if (http.getQueryString() != null) {
        url.append('?').append(http.getQueryString());
      }
      Subject subject =
          new Subject(
              new SubjectConfiguration()
                  .ipAddress(http.getRemoteAddr())
                  .useragent(http.getHeader("User-Agent")));
      tracker.track(
          PageView.builder()
              .pageUrl(url.toString())
              .referrer(http.getHeader("Referer"))
              .subject(subject)
              .build());
    }
  }

  /** Sends what is buffered and stops the emitter's threads. */
  @Override
  public void destroy() {
    tracker.close();
  }
}
