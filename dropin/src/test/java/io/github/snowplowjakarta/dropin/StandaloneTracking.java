package io.github.snowplowjakarta.dropin;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.emitter.Emitter;
import io.github.snowplowjakarta.core.event.PageView;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Run by {@link DropinJarIT} in a JVM with the drop-in jar and this class only, the jar on the
 * class path or the module path: sends one page view to the collector given as argument, with the
 * bundled HttpClient's logger at FINE, and prints how many records that logger received through the
 * relocated SLF4J, and the module the tracker came from.
 */
public final class StandaloneTracking {
  static final String RELOCATED_HTTPCLIENT_LOGGERS = "io.github.snowplowjakarta.shaded.hc";

  private StandaloneTracking() {}

  public static void main(String[] args) {
    Logger httpClientLogs = Logger.getLogger(RELOCATED_HTTPCLIENT_LOGGERS);
    AtomicInteger received = new AtomicInteger();
    httpClientLogs.setLevel(Level.FINE);
    httpClientLogs.setUseParentHandlers(false);
    httpClientLogs.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            received.incrementAndGet();
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });

    Emitter emitter = Emitter.builder(URI.create(args[0])).build();
    Tracker tracker = Tracker.builder(TrackerSettings.of("dropin-standalone"), emitter).build();
    boolean queued =
        tracker.track(
            PageView.builder().url("https://shop.example/standalone").title("Standalone").build());
    boolean flushed = emitter.flush(Duration.ofSeconds(30));
    emitter.close();
    System.out.println("queued=" + queued + " flushed=" + flushed);
    Module module = Tracker.class.getModule();
    System.out.println(
        module.isNamed()
            ? "module=" + module.getName() + " automatic=" + module.getDescriptor().isAutomatic()
            : "module=unnamed");
    System.out.println("httpclient-records=" + received.get());
  }
}
