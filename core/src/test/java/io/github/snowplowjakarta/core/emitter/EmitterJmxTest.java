package io.github.snowplowjakarta.core.emitter;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.config.ConfigSource;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import io.github.snowplowjakarta.core.emitter.Lane.Queued;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.encoding.PayloadEncoder;
import io.github.snowplowjakarta.core.testing.Fixtures;
import io.github.snowplowjakarta.testing.TestCollector;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.server.RMIServerSocketFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator's JMX client sees of an emitter, and that it goes when the emitter does. */
class EmitterJmxTest {
  static {
    // The RMI stub a JMX client receives names this host: loopback only.
    System.setProperty("java.rmi.server.hostname", "127.0.0.1");
  }

  private static final MBeanServer PLATFORM = ManagementFactory.getPlatformMBeanServer();

  private final TestCollector collector = TestCollector.start();
  private final PayloadEncoder encoder = new PayloadEncoder(TrackerSettings.of("jmx-test"));
  private final List<Emitter> emitters = new ArrayList<>();

  @AfterEach
  void closeEverything() {
    emitters.forEach(emitter -> emitter.close(ofSeconds(2)));
    collector.close();
  }

  private Emitter started(Emitter.Builder builder) {
    Emitter emitter = builder.build();
    emitters.add(emitter);
    return emitter;
  }

  private EncodedEvent event() {
    return encoder
        .encode(
            Structured.builder().category("c").action("a").build(),
            Fixtures.fullSubject(),
            Anonymisation.FULL_TRACKING)
        .get(0);
  }

  private void add(Emitter emitter, int count) {
    for (int i = 0; i < count; i++) {
      emitter.add(event());
    }
  }

  private static ObjectName name(String emitterName) throws Exception {
    return new ObjectName("io.github.snowplowjakarta:type=Emitter,name=" + emitterName);
  }

  /** A JMX connector server on a loopback port, as {@code com.sun.management.jmxremote} makes. */
  private static JMXConnectorServer loopbackConnectorServer() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    RMIServerSocketFactory sockets = port -> new ServerSocket(port, 50, loopback);
    JMXConnectorServer server =
        JMXConnectorServerFactory.newJMXConnectorServer(
            new JMXServiceURL("rmi", "127.0.0.1", 0),
            Map.of(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets),
            PLATFORM);
    server.start();
    return server;
  }

  private static long number(MBeanServerConnection jmx, ObjectName name, String attribute)
      throws Exception {
    return ((Number) jmx.getAttribute(name, attribute)).longValue();
  }

  @Test
  void aJmxClientSeesAnOutageSentStallsTheQueueGrowsDropsAreCountedThenRecovery() throws Exception {
    Emitter emitter =
        started(
            Emitter.builder(collector.uri())
                .name("outage")
                .batchSize(5)
                .flushInterval(ofMillis(20))
                .queueCapacity(20)
                .overflowPolicy(OverflowPolicy.DROP_NEWEST)
                .retryBackoff(ofMillis(20), ofMillis(100))
                .connectTimeout(ofSeconds(1)));
    JMXConnectorServer server = loopbackConnectorServer();
    try (JMXConnector client = JMXConnectorFactory.connect(server.getAddress())) {
      MBeanServerConnection jmx = client.getMBeanServerConnection();
      ObjectName name = name("outage");

      assertThat(jmx.getAttribute(name, "Name")).isEqualTo("outage");
      assertThat(jmx.getAttribute(name, "Collector")).isEqualTo(collector.uri().toString());
      assertThat(number(jmx, name, "QueueCapacity")).isEqualTo(20);
      assertThat(number(jmx, name, "LastSuccessTime")).isZero();
      add(emitter, 5);
      await().atMost(ofSeconds(10)).until(() -> number(jmx, name, "EventsSent") == 5);
      assertThat(number(jmx, name, "LastSuccessTime")).isPositive();
      assertThat(number(jmx, name, "SecondsSinceLastSuccess")).isBetween(0L, 5L);

      collector.refuseConnections();
      add(emitter, 30);
      await()
          .atMost(ofSeconds(10))
          .until(
              () ->
                  number(jmx, name, "Retries") > 0 && jmx.getAttribute(name, "LastError") != null);
      assertThat(number(jmx, name, "EventsSent")).isEqualTo(5);
      assertThat(number(jmx, name, "EventsAccepted")).isEqualTo(25);
      assertThat(number(jmx, name, "QueueSize")).isEqualTo(20);
      assertThat(number(jmx, name, "EventsDropped")).isEqualTo(10);
      assertThat(number(jmx, name, "EventsDroppedQueueFull")).isEqualTo(10);
      assertThat(number(jmx, name, "EventsDroppedClosed")).isZero();
      assertThat(number(jmx, name, "EventsFailed")).isZero();
      assertThat(number(jmx, name, "RequestsSucceeded")).isEqualTo(1);
      assertThat(number(jmx, name, "RequestsFailed")).isPositive();

      collector.restart();
      await()
          .atMost(ofSeconds(20))
          .until(
              () -> number(jmx, name, "EventsSent") == 25 && number(jmx, name, "QueueSize") == 0);
      assertThat(number(jmx, name, "EventsDropped")).isEqualTo(10);
      assertThat(number(jmx, name, "SecondsSinceLastSuccess")).isBetween(0L, 5L);
      assertThat(number(jmx, name, "RequestsSucceeded")).isGreaterThanOrEqualTo(5);
      assertThat(number(jmx, name, "RequestsInFlight")).isZero();
    } finally {
      server.stop();
    }
  }

  @Test
  void requestsHeldByTheCollectorAreInFlightAndTheirDurationIsCounted() throws Exception {
    CountDownLatch answer = new CountDownLatch(1);
    collector.respondWith(
        request -> {
          try {
            answer.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return TestCollector.Response.ok();
        });
    Emitter emitter =
        started(
            Emitter.builder(collector.uri())
                .name("in-flight")
                .batchSize(5)
                .flushInterval(ofSeconds(60)));
    ObjectName name = name("in-flight");
    assertThat(number(PLATFORM, name, "RequestsInFlight")).isZero();
    assertThat(number(PLATFORM, name, "RequestDurationMaxSeconds")).isZero();

    add(emitter, 5);
    await()
        .atMost(ofSeconds(10))
        .until(
            () ->
                number(PLATFORM, name, "RequestsInFlight") == 1
                    && number(PLATFORM, name, "EventsInFlight") == 5);
    assertThat(emitter.stats().requestsInFlight()).isEqualTo(1);
    assertThat(emitter.stats().eventsInFlight()).isEqualTo(5);
    // Held a while longer, so the duration has a floor to check.
    await().pollDelay(ofMillis(200)).atMost(ofSeconds(5)).until(() -> true);
    answer.countDown();

    await().atMost(ofSeconds(10)).until(() -> number(PLATFORM, name, "RequestsSucceeded") == 1);
    assertThat(number(PLATFORM, name, "RequestsInFlight")).isZero();
    assertThat(number(PLATFORM, name, "EventsInFlight")).isZero();
    assertThat(number(PLATFORM, name, "RequestsFailed")).isZero();
    double seconds = (Double) PLATFORM.getAttribute(name, "RequestsSucceededSeconds");
    assertThat(seconds).isGreaterThanOrEqualTo(0.2);
    assertThat((Double) PLATFORM.getAttribute(name, "RequestDurationMaxSeconds"))
        .isEqualTo(seconds);
  }

  @Test
  void lossesAreCountedByReason() throws Exception {
    collector.respondWith(request -> TestCollector.Response.status(400));
    Emitter emitter =
        started(
            Emitter.builder(collector.uri())
                .name("losses")
                .batchSize(3)
                .flushInterval(ofMillis(20))
                .maxQueueBytes(100_000));
    ObjectName name = name("losses");
    add(emitter, 3);
    await().atMost(ofSeconds(10)).until(() -> number(PLATFORM, name, "EventsFailedRefused") == 3);
    assertThat(number(PLATFORM, name, "RequestsFailed")).isEqualTo(1);
    assertThat(emitter.add(sized(200_000))).isFalse();
    assertThat(emitter.add(sized(1_100_000))).isFalse();
    assertThat(number(PLATFORM, name, "EventsDroppedLargerThanQueue")).isEqualTo(1);
    assertThat(number(PLATFORM, name, "EventsFailedTooLarge")).isEqualTo(1);
    assertThat(number(PLATFORM, name, "EventsFailed")).isEqualTo(4);
    assertThat(number(PLATFORM, name, "EventsDropped")).isEqualTo(1);

    collector.refuseConnections();
    add(emitter, 2);
    emitter.close(ofSeconds(2));
    emitter.add(event());
    EmitterStats stats = emitter.stats();
    assertThat(stats.lost(LossReason.REFUSED)).isEqualTo(3);
    assertThat(stats.lost(LossReason.TOO_LARGE)).isEqualTo(1);
    assertThat(stats.lost(LossReason.LARGER_THAN_QUEUE)).isEqualTo(1);
    assertThat(stats.lost(LossReason.UNSENT_AT_CLOSE)).isEqualTo(2);
    assertThat(stats.lost(LossReason.CLOSED)).isEqualTo(1);
    assertThat(stats.lost()).hasSize(LossReason.values().length);
    assertThat(stats.failed()).isEqualTo(6);
    assertThat(stats.dropped()).isEqualTo(2);
  }

  @Test
  void everyReasonHasItsAttribute() throws Exception {
    started(Emitter.builder(collector.uri()).name("reasons"));
    Set<String> attributes = new TreeSet<>();
    for (MBeanAttributeInfo attribute : PLATFORM.getMBeanInfo(name("reasons")).getAttributes()) {
      attributes.add(attribute.getName());
    }
    for (LossReason reason : LossReason.values()) {
      assertThat(attributes).contains(reason.attribute());
      assertThat(reason.attribute())
          .startsWith(reason.dropped() ? "EventsDropped" : "EventsFailed");
    }
  }

  /** An event of about this many bytes. */
  private EncodedEvent sized(int bytes) {
    return encoder
        .encode(
            Structured.builder()
                .category("c")
                .action("a")
                .entity(
                    SelfDescribingJson.of(
                        "iglu:com.example/big/jsonschema/1-0-0", Map.of("x", "x".repeat(bytes))))
                .build(),
            Fixtures.fullSubject(),
            Anonymisation.FULL_TRACKING)
        .get(0);
  }

  @Test
  void theReadmeListsEveryAttribute() throws Exception {
    started(Emitter.builder(collector.uri()).name("documented"));
    Set<String> documented = new TreeSet<>();
    String emitterPart = operatingIt();
    int web = emitterPart.indexOf("**Page views and events by consent**");
    Matcher row =
        Pattern.compile("(?m)^\\| `([A-Z]\\w+)`(?:, `([A-Z]\\w+)`)? \\|")
            .matcher(web < 0 ? emitterPart : emitterPart.substring(0, web));
    while (row.find()) {
      documented.add(row.group(1));
      if (row.group(2) != null) {
        documented.add(row.group(2));
      }
    }
    Set<String> attributes = new TreeSet<>();
    for (MBeanAttributeInfo attribute : PLATFORM.getMBeanInfo(name("documented")).getAttributes()) {
      attributes.add(attribute.getName());
    }
    assertThat(documented).isEqualTo(attributes);
  }

  @Test
  void theSpoolsFiguresAreShownAndAnUnusableSpoolSaysWhy(@TempDir Path directory) throws Exception {
    Emitter plain = started(Emitter.builder(collector.uri()).name("no-spool"));
    assertThat(PLATFORM.getAttribute(name("no-spool"), "Spooled")).isEqualTo(false);
    assertThat(PLATFORM.getAttribute(name("no-spool"), "SpoolBytes")).isEqualTo(0L);
    assertThat(PLATFORM.getAttribute(name("no-spool"), "SpoolUnavailable")).isNull();
    assertThat(plain.stats().spool()).isNull();

    collector.refuseConnections();
    Emitter spooled =
        started(Emitter.builder(collector.uri()).name("spooled").spool(directory.resolve("spool")));
    add(spooled, 10);
    assertThat(PLATFORM.getAttribute(name("spooled"), "Spooled")).isEqualTo(true);
    assertThat((Long) PLATFORM.getAttribute(name("spooled"), "SpoolBytes")).isPositive();
    assertThat((Long) PLATFORM.getAttribute(name("spooled"), "SpoolSegments")).isPositive();
    assertThat(PLATFORM.getAttribute(name("spooled"), "SpoolSkippedRecords")).isEqualTo(0L);
    assertThat(PLATFORM.getAttribute(name("spooled"), "SpoolUnavailable")).isNull();

    Path notADirectory = Files.writeString(directory.resolve("file"), "x");
    started(Emitter.builder(collector.uri()).name("unusable").spool(notADirectory));
    assertThat(PLATFORM.getAttribute(name("unusable"), "Spooled")).isEqualTo(true);
    assertThat((String) PLATFORM.getAttribute(name("unusable"), "SpoolUnavailable"))
        .contains("spool cannot be used");
  }

  @Test
  void theMBeanIsRegisteredWhileTheEmitterRunsAndGoneAfterClose() throws Exception {
    Emitter emitter = started(Emitter.builder(collector.uri()).name("closing"));
    assertThat(PLATFORM.isRegistered(name("closing"))).isTrue();
    emitter.close(ofSeconds(2));
    assertThat(PLATFORM.isRegistered(name("closing"))).isFalse();
    emitter.close(ofSeconds(2));
    assertThat(PLATFORM.isRegistered(name("closing"))).isFalse();
  }

  @Test
  void aConfiguredEmitterIsNamedAsItsSpool() throws Exception {
    TrackerConfig config =
        new TrackerConfig(ConfigSource.of(Map.of("snowplow.collector-uri", collector.uri() + "")));
    Emitter emitter = started(config.emitterBuilder("filter-shop"));
    assertThat(emitter.name()).isEqualTo("filter-shop");
    assertThat(PLATFORM.isRegistered(name("filter-shop"))).isTrue();
  }

  @Test
  void whenNoNameIsLeftTheEmitterRunsUnseenAndSaysSoOnce() throws Exception {
    List<ObjectName> taken = new ArrayList<>();
    for (int n = 1; n <= 1000; n++) {
      ObjectName objectName = name(n == 1 ? "crowded" : "crowded-" + n);
      PLATFORM.registerMBean(new Occupant(), objectName);
      taken.add(objectName);
    }
    List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel() == java.util.logging.Level.WARNING
                && record.getMessage().contains("not visible in JMX")) {
              warnings.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger(Emitter.class.getName());
    logger.addHandler(handler);
    try {
      Emitter first = started(Emitter.builder(collector.uri()).name("crowded"));
      Emitter second = started(Emitter.builder(collector.uri()).name("crowded"));
      add(first, 1);
      add(second, 1);
      assertThat(first.flush(ofSeconds(10))).isTrue();
      assertThat(second.flush(ofSeconds(10))).isTrue();
      assertThat(first.stats().sent() + second.stats().sent()).isEqualTo(2);
      assertThat(warnings).hasSize(1);
      first.close(ofSeconds(2));
      assertThat(PLATFORM.isRegistered(name("crowded"))).isTrue();
    } finally {
      logger.removeHandler(handler);
      for (ObjectName objectName : taken) {
        PLATFORM.unregisterMBean(objectName);
      }
    }
  }

  /** Holds a name in the MBean server. */
  public interface OccupantMBean {}

  static final class Occupant implements OccupantMBean {}

  @Test
  void anEmitterWithoutANameIsRegisteredAsItsThreadsAreNamed() throws Exception {
    Emitter emitter = started(Emitter.builder(collector.uri()));
    assertThat(emitter.name()).matches("snowplow-emitter-\\d+");
    assertThat(PLATFORM.isRegistered(name(emitter.name()))).isTrue();
  }

  @Test
  void twoEmittersOfTheSameNameAreBothRegistered() throws Exception {
    Emitter first = started(Emitter.builder(collector.uri()).name("twin"));
    Emitter second = started(Emitter.builder(collector.uri()).name("twin"));
    add(second, 1);
    assertThat(PLATFORM.getAttribute(name("twin"), "EventsAccepted")).isEqualTo(0L);
    assertThat(PLATFORM.getAttribute(name("twin-2"), "EventsAccepted")).isEqualTo(1L);
    first.close(ofSeconds(2));
    assertThat(PLATFORM.isRegistered(name("twin"))).isFalse();
    assertThat(PLATFORM.isRegistered(name("twin-2"))).isTrue();
  }

  @Test
  void aNameWithCharactersAnObjectNameReservesIsQuoted() throws Exception {
    started(Emitter.builder(collector.uri()).name("shop,eu=1"));
    assertThat(PLATFORM.isRegistered(name(ObjectName.quote("shop,eu=1")))).isTrue();
  }

  @Test
  void theLastErrorAndCollectorCarryNoCredentialsNorQuery() {
    assertThat(
            EmitterMBean.redact(
                "no answer: Connect to http://user:secret@collector.example.com:8080/tp2?key=k1"
                    + " failed; https://x.example/i?e=pv&token=t2#frag too"))
        .isEqualTo(
            "no answer: Connect to http://collector.example.com:8080/tp2"
                + " failed; https://x.example/i too");
    assertThat(EmitterMBean.redact(null)).isNull();
  }

  @Test
  void aScrapeDoesNotWaitForATrackingThreadHoldingTheQueue() throws Exception {
    CountDownLatch insideLock = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Journal blocking =
        new Journal() {
          @Override
          public void accepted(Queued event) {
            insideLock.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    Emitter emitter =
        new Emitter(Emitter.builder(collector.uri()).name("held").settings(), blocking);
    emitters.add(emitter);
    Thread tracker = new Thread(() -> emitter.add(event()), "tracking-thread");
    tracker.start();
    try {
      assertThat(insideLock.await(10, TimeUnit.SECONDS)).isTrue();
      long started = System.nanoTime();
      assertThat(PLATFORM.getAttribute(name("held"), "QueueSize")).isEqualTo(0L);
      assertThat(PLATFORM.getAttribute(name("held"), "EventsAccepted")).isEqualTo(0L);
      assertThat(emitter.stats().queueDepth()).isZero();
      assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(5));
    } finally {
      release.countDown();
      tracker.join(10_000);
    }
  }

  @Test
  void closingTheEmitterReleasesTheApplicationsClassLoader() throws Exception {
    WeakReference<ClassLoader> loader = runAndCloseAnEmitterInALoaderOfItsOwn(collector.uri());
    await()
        .atMost(ofSeconds(30))
        .pollInterval(ofMillis(200))
        .until(
            () -> {
              System.gc();
              return loader.get() == null;
            });
  }

  /** Builds, reads through JMX and closes an emitter as a web application would, then lets go. */
  private static WeakReference<ClassLoader> runAndCloseAnEmitterInALoaderOfItsOwn(URI collector)
      throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : Fixtures.childClassPath().split(File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    // The boot loader as parent: the platform loader would hand core's packages to the named
    // module the tests run in.
    URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), null);
    Class<?> type = Class.forName(Emitter.class.getName(), true, loader);
    assertThat(type).isNotSameAs(Emitter.class);
    Object builder = type.getMethod("builder", URI.class).invoke(null, collector);
    builder.getClass().getMethod("name", String.class).invoke(builder, "isolated");
    AutoCloseable emitter = (AutoCloseable) builder.getClass().getMethod("build").invoke(builder);
    assertThat(PLATFORM.getAttribute(name("isolated"), "QueueCapacity")).isEqualTo(10_000L);
    assertThat(PLATFORM.getAttribute(name("isolated"), "LastError")).isNull();
    emitter.close();
    loader.close();
    return new WeakReference<>(loader);
  }

  /** The README's "Operating it" section. */
  static String operatingIt() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    int start = readme.indexOf("\n## Operating it\n");
    assertThat(start).isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }
}
