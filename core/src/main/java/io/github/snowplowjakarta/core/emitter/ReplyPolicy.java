package io.github.snowplowjakarta.core.emitter;

import java.util.Set;

/**
 * What the emitter does with a batch after the collector's answer (the table is in the README).
 * Only the status line counts: once it arrived, a body that never ends, is cut, or is huge changes
 * nothing.
 */
final class ReplyPolicy {
  /** The answer's meaning for the batch. */
  enum Verdict {
    /** 2xx. Accepted: the batch is done. */
    DELIVERED,
    /** 413 for more than one event. Too large: sent again as two halves. */
    SPLIT,
    /**
     * Refused for what this batch is, so a retry would not change it: a single event too large
     * (413), a URL or headers too long for a GET (414, 431), or a status in {@code
     * noRetryStatusCodes} (default 400, 410, 422). The batch is given up.
     */
    REFUSED,
    /**
     * Refused for where or how the emitter sends, whatever the batch: a redirect (3xx), 401, 403,
     * 404, 405, 501; a proxy's 407 or its 4xx to {@code CONNECT}. Only a change of settings, or of
     * the server in front of the collector, fixes it; the emitter says so once at ERROR and keeps
     * the events, probing at the longest backoff.
     */
    MISCONFIGURED,
    /** 408, 429, 5xx, anything else, or no answer at all: sent again after a backoff. */
    RETRY
  }

  private final Set<Integer> noRetryStatusCodes;
  private final EmitterSettings settings;

  ReplyPolicy(EmitterSettings settings) {
    this.settings = settings;
    this.noRetryStatusCodes = settings.noRetryStatusCodes();
  }

  /**
   * As {@link #judge(int, int)}, but an answer the proxy gave itself says nothing about the batch:
   * a 407 (it wants credentials, which the emitter never sends) or a 4xx to {@code CONNECT} (its
   * rules refuse the collector) only a change of settings fixes; anything else may pass.
   */
  Verdict judge(CollectorClient.Response response, int batchSize) {
    int status = response.status();
    if (response.proxy() != null || status == 407) {
      return status == 407 || (status >= 400 && status < 500 && status != 408 && status != 429)
          ? Verdict.MISCONFIGURED
          : Verdict.RETRY;
    }
    return judge(status, batchSize);
  }

  Verdict judge(int status, int batchSize) {
    if (status >= 200 && status < 300) {
      return Verdict.DELIVERED;
    }
    if (status == 413) {
      return batchSize > 1 ? Verdict.SPLIT : Verdict.REFUSED;
    }
    // A status the user chose to give up on wins over the emitter's own classes.
    if (noRetryStatusCodes.contains(status) || status == 414 || status == 431) {
      return Verdict.REFUSED;
    }
    if (status >= 300 && status < 400
        || status == 401
        || status == 403
        || status == 404
        || status == 405
        || status == 501) {
      return Verdict.MISCONFIGURED;
    }
    return Verdict.RETRY;
  }

  private String proxyFix(CollectorClient.Response response, String request) {
    String proxy = response.proxy() != null ? response.proxy() : "in the way";
    String around =
        "; or reach the collector without it (snowplow.emitter.proxy, or the JVM's"
            + " http.nonProxyHosts)";
    if (response.status() == 407) {
      return "the proxy "
          + proxy
          + " answered HTTP 407 (proxy authentication required) to "
          + request
          + ": the emitter sends no proxy credentials; have the proxy let the collector's host"
          + " through without them"
          + around;
    }
    return "the proxy "
        + proxy
        + " refused to open a tunnel to the collector (its answer to CONNECT, for "
        + request
        + ", was HTTP "
        + response.status()
        + "): the proxy's rules, not the collector's credentials; have the proxy allow the"
        + " collector's host and port"
        + around;
  }

  /** For a {@link Verdict#MISCONFIGURED} answer: what the collector said and the likely fix. */
  String likelyFix(CollectorClient.Response response) {
    int status = response.status();
    String request =
        settings.method() == RequestMethod.POST
            ? "POST " + settings.collector().toString().replaceAll("/+$", "") + settings.postPath()
            : "GET " + settings.collector().toString().replaceAll("/+$", "") + "/i";
    String said = request + " answered HTTP " + status;
    if (response.proxy() != null || status == 407) {
      return proxyFix(response, request);
    }
    if (status >= 300 && status < 400) {
      String location = response.location();
      if (location == null) {
        return said
            + " without a Location: a redirect is never followed (it would turn a POST into a GET"
            + " or send events to a host nobody configured); point snowplow.collector-uri at the"
            + " collector itself";
      }
      String movedToHttps =
          settings.collector().getScheme().equalsIgnoreCase("http")
                  && location.regionMatches(true, 0, "https:", 0, 6)
              ? " (the collector moved to https)"
              : "";
      return said
          + " to "
          + location
          + movedToHttps
          + ": a redirect is never followed; set snowplow.collector-uri to the collector's"
          + " address there";
    }
    return switch (status) {
      case 401, 403 ->
          said
              + ": the collector, or a gateway in front of it, wants credentials; set them with"
              + " the emitter's header(...) (a customizer) or fix the gateway";
      case 404 ->
          said
              + ": no collector at that path; snowplow.collector-uri is the collector's base"
              + " address, and snowplow.emitter.post-path its POST path if it has a custom one";
      case 405, 501 ->
          said
              + ": that path does not take "
              + settings.method()
              + "; check snowplow.emitter.method and snowplow.emitter.post-path";
      default -> said;
    };
  }
}
