package io.github.snowplowjakarta.dropin.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the drop-in jar: sends what the bundled HttpClient logs through its
 * (relocated) SLF4J API to {@link System.Logger}, which is {@code java.util.logging} unless the JVM
 * says otherwise. Relocated with the SLF4J API, it is the only provider that copy of SLF4J can
 * find, so SLF4J has nothing to warn about and the application's own SLF4J is left alone. Not API,
 * may change.
 */
public final class SystemLoggerProvider implements SLF4JServiceProvider {
  /** The SLF4J API generation this provider is written against. */
  private static final String API_VERSION = "2.0.99";

  private final Factory loggers = new Factory();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return API_VERSION;
  }

  @Override
  public void initialize() {
    // Nothing to set up: loggers are made on first use.
  }

  /** One adapter per logger name. */
  private static final class Factory implements ILoggerFactory {
    private final Map<String, Logger> byName = new ConcurrentHashMap<>();

    @Override
    public Logger getLogger(String name) {
      return byName.computeIfAbsent(name, SystemLoggerAdapter::new);
    }
  }
}
