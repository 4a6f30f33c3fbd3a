package io.github.snowplowjakarta.core.internal.spool;

import io.github.snowplowjakarta.core.emitter.SpoolFsync;
import java.nio.file.Path;
import java.time.Duration;

/** A second process for {@link SpoolTest}: opens the spool, says so, and waits to be killed. */
public final class SpoolLockHolder {
  private SpoolLockHolder() {}

  public static void main(String[] args) throws Exception {
    Spool spool =
        Spool.open(Path.of(args[0]), SpoolFsync.NEVER, Duration.ofSeconds(1), 8 << 20, Thread::new);
    try {
      System.out.println("locked");
      System.out.flush();
      // Holds the lock until the test closes our input or kills us.
      while (System.in.read() >= 0) {
        // nothing to do
      }
    } finally {
      spool.close();
    }
  }
}
