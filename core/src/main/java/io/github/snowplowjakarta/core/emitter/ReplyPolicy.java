package io.github.snowplowjakarta.core.emitter;

import java.util.Set;

/** What the emitter does with a batch after the collector's answer. */
final class ReplyPolicy {
  /** The answer's meaning for the batch. */
  enum Verdict {
    /** Accepted: the batch is done. */
    DELIVERED,
    /** Too large: sent again as two halves. */
    SPLIT,
    /** Refused in a way a retry would not change: the batch is given up. */
    REFUSED,
    /** Maybe later: sent again after a backoff. */
    RETRY
  }

  private final Set<Integer> noRetryStatusCodes;

  ReplyPolicy(Set<Integer> noRetryStatusCodes) {
    this.noRetryStatusCodes = noRetryStatusCodes;
  }

  Verdict judge(int status, int batchSize) {
    if (status >= 200 && status < 300) {
      return Verdict.DELIVERED;
    }
    if (status == 413) {
      return batchSize > 1 ? Verdict.SPLIT : Verdict.REFUSED;
    }
    if (noRetryStatusCodes.contains(status)) {
      return Verdict.REFUSED;
    }
    return Verdict.RETRY;
  }
}
