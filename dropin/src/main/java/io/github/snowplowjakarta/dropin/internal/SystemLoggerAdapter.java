package io.github.snowplowjakarta.dropin.internal;

import java.lang.System.Logger.Level;
import org.slf4j.Marker;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger that writes to the {@link System.Logger} of the same name. Markers are ignored;
 * the message is formatted only when its level is enabled.
 */
final class SystemLoggerAdapter extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  private final transient System.Logger target;

  SystemLoggerAdapter(String name) {
    this.name = name;
    this.target = System.getLogger(name);
  }

  @Override
  public boolean isTraceEnabled() {
    return target.isLoggable(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return target.isLoggable(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return target.isLoggable(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return target.isLoggable(Level.WARNING);
  }

  @Override
  public boolean isErrorEnabled() {
    return target.isLoggable(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      org.slf4j.event.Level level,
      Marker marker,
      String pattern,
      Object[] arguments,
      Throwable error) {
    String message = MessageFormatter.basicArrayFormat(pattern, arguments);
    if (error == null) {
      target.log(levelOf(level), message);
    } else {
      target.log(levelOf(level), message, error);
    }
  }

  static Level levelOf(org.slf4j.event.Level level) {
    return switch (level) {
      case ERROR -> Level.ERROR;
      case WARN -> Level.WARNING;
      case INFO -> Level.INFO;
      case DEBUG -> Level.DEBUG;
      case TRACE -> Level.TRACE;
    };
  }
}
