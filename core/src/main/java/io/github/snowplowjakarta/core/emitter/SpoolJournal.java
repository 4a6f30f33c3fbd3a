package io.github.snowplowjakarta.core.emitter;

import io.github.snowplowjakarta.core.emitter.Lane.Queued;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.internal.ThrottledLogger;
import io.github.snowplowjakarta.core.internal.spool.Spool;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * The spool as the emitter's journal: every accepted event is written to the {@link Spool} (to the
 * operating system, synced as {@link SpoolFsync} says) before {@code add} returns, numbered by its
 * record id; the queue in memory is a window onto the spool, refilled from it oldest first; a batch
 * the collector accepted (or refused for good) is acknowledged, and a spool segment goes once all
 * its events are. What is left when the emitter stops, or when the process dies, is sent by the
 * next emitter on the same directory. A batch whose outcome was unknown (no answer, a kill
 * mid-request) is sent again: at least once, with the same {@code eid}.
 */
final class SpoolJournal implements Journal {
  private static final ThrottledLogger LOG = new ThrottledLogger(SpoolJournal.class);

  private final Spool spool;
  private final Counters counters;
  private long droppedSeen;
  private long[] ids = new long[64];

  private SpoolJournal(Spool spool, Counters counters) {
    this.spool = spool;
    this.counters = counters;
  }

  static SpoolJournal open(SpoolSettings settings, ThreadFactory threads, Counters counters)
      throws IOException {
    Spool spool =
        Spool.open(
            settings.directory(),
            settings.fsync(),
            settings.fsyncInterval(),
            settings.maxBytes(),
            threads);
    return new SpoolJournal(spool, counters);
  }

  @Override
  public boolean keepsEvents() {
    return true;
  }

  @Override
  public long append(EncodedEvent event, Window window) {
    try {
      long id = spool.write(event, window::offer);
      countDrops();
      return id;
    } catch (IOException | RuntimeException e) {
      LOG.log(
          Level.ERROR,
          "Snowplow event "
              + event.eventId()
              + " dropped: the spool in "
              + spool.directory()
              + " could not write it",
          e);
      return -1;
    }
  }

  @Override
  public void commit(long sequence) {
    try {
      spool.commit();
    } catch (IOException e) {
      LOG.log(Level.ERROR, "Snowplow spool fsync failed in " + spool.directory(), e);
    }
  }

  @Override
  public void prefetch() {
    try {
      spool.prefetch();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.ERROR, "Snowplow spool could not be read in " + spool.directory(), e);
    }
  }

  @Override
  public void refill(Window window) {
    spool.take(window::offer);
    countDrops();
  }

  @Override
  public SpoolStats spoolStats() {
    return new SpoolStats(
        spool.bytes(), spool.segments(), spool.recovered(), spool.skipped(), null);
  }

  /** The spool's own drops (over its bound, unreadable records) count as the emitter's. */
  private void countDrops() {
    long dropped = spool.dropped();
    if (dropped != droppedSeen) {
      counters.lose(LossReason.SPOOL_FULL, dropped - droppedSeen);
      droppedSeen = dropped;
    }
  }

  @Override
  public void settled(List<Queued> batch, Fate fate) {
    if (ids.length < batch.size()) {
      ids = new long[Math.max(batch.size(), ids.length * 2)];
    }
    for (int i = 0; i < batch.size(); i++) {
      ids[i] = batch.get(i).sequence();
    }
    spool.ack(ids, batch.size());
  }

  /** Those whose spool segment was dropped while they were in memory. */
  @Override
  public int lostOf(List<Queued> events) {
    int lost = 0;
    for (Queued queued : events) {
      if (!spool.holds(queued.sequence())) {
        lost++;
      }
    }
    return lost;
  }

  @Override
  public long waiting() {
    return spool.unread();
  }

  @Override
  public long oldestWaitingSequence() {
    return spool.oldestUnreadId();
  }

  @Override
  public long lastSequence() {
    return spool.nextId() - 1;
  }

  @Override
  public void close() {
    spool.close();
  }

  @Override
  public String toString() {
    return spool.toString();
  }
}
