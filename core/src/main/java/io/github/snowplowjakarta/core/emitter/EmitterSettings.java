package io.github.snowplowjakarta.core.emitter;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadFactory;

/**
 * An emitter's settings, copied from its {@link Emitter.Builder} at {@code build()}: a builder
 * changed or reused afterwards never changes a running emitter.
 */
record EmitterSettings(
    URI collector,
    String postPath,
    RequestMethod method,
    Map<String, String> headers,
    int batchSize,
    int maxBatchBytes,
    Duration flushInterval,
    int queueCapacity,
    long maxQueueBytes,
    OverflowPolicy overflowPolicy,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    Set<Integer> noRetryStatusCodes,
    Duration connectTimeout,
    Duration responseTimeout,
    int maxRequestsInFlight,
    URI proxy,
    ThreadFactory threadFactory,
    EmitterListener listener,
    Clock clock,
    String name) {

  EmitterSettings {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    noRetryStatusCodes = Set.copyOf(noRetryStatusCodes);
  }

  /** Events per request: a GET carries one. */
  int eventsPerRequest() {
    return method == RequestMethod.GET ? 1 : batchSize;
  }

  /** The settings, without header values: they may hold credentials. */
  @Override
  public String toString() {
    return "collector="
        + collector
        + ", method="
        + method
        + ", postPath="
        + postPath
        + ", headers="
        + headers.keySet()
        + ", batchSize="
        + batchSize
        + ", maxBatchBytes="
        + maxBatchBytes
        + ", flushInterval="
        + flushInterval
        + ", queueCapacity="
        + queueCapacity
        + ", maxQueueBytes="
        + maxQueueBytes
        + ", overflowPolicy="
        + overflowPolicy
        + ", maxRequestsInFlight="
        + maxRequestsInFlight
        + (proxy == null
            ? ""
            : ", proxy=" + proxy.getScheme() + "://" + proxy.getHost() + ":" + proxy.getPort());
  }

  // equals, hashCode and toString are written out: on Java 17 a record's generated ones can
  // keep its class loader alive (see Anonymisation).
  @Override
  public boolean equals(Object other) {
    return other instanceof EmitterSettings that && components().equals(that.components());
  }

  @Override
  public int hashCode() {
    return components().hashCode();
  }

  private List<Object> components() {
    return Arrays.asList(
        collector,
        postPath,
        method,
        headers,
        batchSize,
        maxBatchBytes,
        flushInterval,
        queueCapacity,
        maxQueueBytes,
        overflowPolicy,
        initialBackoff,
        maxBackoff,
        maxRetryAfter,
        noRetryStatusCodes,
        connectTimeout,
        responseTimeout,
        maxRequestsInFlight,
        proxy,
        threadFactory,
        listener,
        clock,
        name);
  }
}
