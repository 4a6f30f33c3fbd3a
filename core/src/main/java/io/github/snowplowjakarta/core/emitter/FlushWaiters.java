package io.github.snowplowjakarta.core.emitter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The callers of {@code flush()} waiting for every event up to a sequence number to settle. The
 * worker completes them as its oldest unsettled event moves past their number.
 */
final class FlushWaiters {
  private final List<Waiter> waiters = new ArrayList<>();

  /** A caller waiting for every event numbered up to {@code upToSequence}. */
  record Waiter(long upToSequence, CompletableFuture<Boolean> done) {
    // equals, hashCode and toString are written out: on Java 17 a record's generated ones can
    // keep its class loader alive (see Anonymisation).
    @Override
    public boolean equals(Object other) {
      return other instanceof Waiter that
          && upToSequence == that.upToSequence
          && Objects.equals(done, that.done);
    }

    @Override
    public int hashCode() {
      return Objects.hash(upToSequence, done);
    }

    @Override
    public String toString() {
      return "Waiter[" + "upToSequence=" + upToSequence + ", done=" + done + "]";
    }
  }

  Waiter add(long upToSequence) {
    Waiter waiter = new Waiter(upToSequence, new CompletableFuture<>());
    synchronized (waiters) {
      waiters.add(waiter);
    }
    return waiter;
  }

  void remove(Waiter waiter) {
    synchronized (waiters) {
      waiters.remove(waiter);
    }
  }

  boolean isEmpty() {
    synchronized (waiters) {
      return waiters.isEmpty();
    }
  }

  /** Completes the waiters whose events all settled: every event older than this one. */
  void settledBefore(long oldestUnsettled) {
    synchronized (waiters) {
      waiters.removeIf(
          waiter -> {
            if (waiter.upToSequence() < oldestUnsettled) {
              waiter.done().complete(true);
              return true;
            }
            return false;
          });
    }
  }

  /** Answers every waiter: false for those whose events are not all settled. */
  void completeAll(long oldestUnsettled) {
    synchronized (waiters) {
      waiters.forEach(waiter -> waiter.done().complete(waiter.upToSequence() < oldestUnsettled));
      waiters.clear();
    }
  }
}
