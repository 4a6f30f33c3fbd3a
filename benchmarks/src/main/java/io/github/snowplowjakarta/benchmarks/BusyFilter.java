package io.github.snowplowjakarta.benchmarks;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/**
 * A pass-through filter that first keeps its thread busy for a fixed time: what a filter doing that
 * much CPU work, and nothing else, costs the container. Set beside ours, it tells the cost of the
 * work from the cost of anything else a filter does to the request (attributes, wrappers).
 */
final class BusyFilter implements Filter {
  private final long nanos;

  BusyFilter(long nanos) {
    this.nanos = nanos;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long until = System.nanoTime() + nanos;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    chain.doFilter(request, response);
  }
}
