package io.github.snowplowjakarta.servlet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** The records one java.util.logging logger receives while open. */
final class LogRecords extends Handler implements AutoCloseable {
  private final Logger logger;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LogRecords(Logger logger) {
    this.logger = logger;
    setLevel(Level.ALL);
    logger.addHandler(this);
  }

  static LogRecords of(Class<?> owner) {
    return new LogRecords(Logger.getLogger(owner.getName()));
  }

  /** The messages logged at exactly this level. */
  List<String> at(Level level) {
    return records.stream()
        .filter(record -> record.getLevel() == level)
        .map(LogRecord::getMessage)
        .collect(Collectors.toList());
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
