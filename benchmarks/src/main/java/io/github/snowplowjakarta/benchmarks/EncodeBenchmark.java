package io.github.snowplowjakarta.benchmarks;

import com.snowplowanalytics.snowplow.tracker.DevicePlatform;
import com.snowplowanalytics.snowplow.tracker.Tracker;
import com.snowplowanalytics.snowplow.tracker.configuration.TrackerConfiguration;
import com.snowplowanalytics.snowplow.tracker.emitter.Emitter;
import com.snowplowanalytics.snowplow.tracker.payload.TrackerPayload;
import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.event.PageView;
import io.github.snowplowjakarta.core.event.SelfDescribing;
import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import io.github.snowplowjakarta.core.event.WebPage;
import io.github.snowplowjakarta.core.internal.encoding.PayloadEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Build one event and turn it into the JSON bytes that go on the wire, ours against the Snowplow
 * Java tracker 1.0.1 with the same event, subject and settings (base64 on). For the Snowplow
 * tracker that is {@code Tracker.track} (payload, tracker fields, entities, subject) plus the JSON
 * serialisation its BatchEmitter does for each event when it posts the batch.
 */
@SuppressWarnings(
    "deprecation") // Subject.builder() of the Snowplow tracker, its documented way in 1.0.1
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EncodeBenchmark {
  static final String URL = "https://shop.example.com/products/42?colour=red";
  static final String TITLE = "Red shoes";
  static final String REFERRER = "https://shop.example.com/";
  static final String GDPR = "iglu:com.snowplowanalytics.snowplow/gdpr/jsonschema/1-0-0";
  static final String TIMING = "iglu:com.snowplowanalytics.snowplow/timing/jsonschema/1-0-0";

  private PayloadEncoder ours;
  private Subject ourSubject;
  private Tracker snowplow;
  private SerialisingEmitter snowplowOutput;

  @Setup
  public void setUp() {
    ours = new PayloadEncoder(TrackerSettings.builder().appId("shop").namespace("bench").build());
    ourSubject =
        Subject.builder()
            .userId("user-42@example.com")
            .domainUserId("c8e4b7a2-3f1d-4e5a-9b6c-7d8e9f0a1b2c")
            .sessionId("0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e")
            .networkUserId("ecdff4d0-9175-40ac-a8bb-325c49733607")
            .ipAddress("203.0.113.7")
            .userAgent("Mozilla/5.0 (X11; Linux x86_64) Bench/1.0")
            .language("en-GB")
            .timezone("Europe/London")
            .screenResolution(1920, 1080)
            .viewport(1280, 720)
            .colourDepth(24)
            .build();
    // The tracker's own subject, as Tracker keeps it.
    ours.keepEncoded(ourSubject);

    snowplowOutput = new SerialisingEmitter();
    snowplow =
        new Tracker(
            new TrackerConfiguration("bench", "shop")
                .platform(DevicePlatform.ServerSideApp)
                .base64Encoded(true),
            snowplowOutput,
            com.snowplowanalytics.snowplow.tracker.Subject.builder()
                .userId("user-42@example.com")
                .domainUserId("c8e4b7a2-3f1d-4e5a-9b6c-7d8e9f0a1b2c")
                .domainSessionId("0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e")
                .networkUserId("ecdff4d0-9175-40ac-a8bb-325c49733607")
                .ipAddress("203.0.113.7")
                .useragent("Mozilla/5.0 (X11; Linux x86_64) Bench/1.0")
                .language("en-GB")
                .timezone("Europe/London")
                .screenResolution(1920, 1080)
                .viewPort(1280, 720)
                .colorDepth(24)
                .build());
  }

  @Benchmark
  public EncodedEvent pageView_ours() {
    PageView event = PageView.builder().url(URL).title(TITLE).referrer(REFERRER).build();
    return ours.encode(event, ourSubject, Anonymisation.FULL_TRACKING).get(0);
  }

  @Benchmark
  public byte[] pageView_snowplow() {
    snowplow.track(
        com.snowplowanalytics.snowplow.tracker.events.PageView.builder()
            .pageUrl(URL)
            .pageTitle(TITLE)
            .referrer(REFERRER)
            .build());
    return snowplowOutput.last;
  }

  /** A subject built for each event, as for a web request: nothing of it can be reused. */
  @Benchmark
  public EncodedEvent pageViewWithRequestSubject_ours() {
    Subject subject =
        Subject.builder()
            .domainUserId("c8e4b7a2-3f1d-4e5a-9b6c-7d8e9f0a1b2c")
            .sessionId("0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e")
            .sessionIndex(3)
            .ipAddress("203.0.113.7")
            .userAgent("Mozilla/5.0 (X11; Linux x86_64) Bench/1.0")
            .language("en-GB")
            .build();
    PageView event = PageView.builder().url(URL).title(TITLE).referrer(REFERRER).build();
    return ours.encode(event, subject, Anonymisation.FULL_TRACKING).get(0);
  }

  @Benchmark
  public byte[] pageViewWithRequestSubject_snowplow() {
    snowplow.track(
        com.snowplowanalytics.snowplow.tracker.events.PageView.builder()
            .pageUrl(URL)
            .pageTitle(TITLE)
            .referrer(REFERRER)
            .subject(
                com.snowplowanalytics.snowplow.tracker.Subject.builder()
                    .domainUserId("c8e4b7a2-3f1d-4e5a-9b6c-7d8e9f0a1b2c")
                    .domainSessionId("0b7d8c6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e")
                    .ipAddress("203.0.113.7")
                    .useragent("Mozilla/5.0 (X11; Linux x86_64) Bench/1.0")
                    .language("en-GB")
                    .build())
            .build());
    return snowplowOutput.last;
  }

  @Benchmark
  public EncodedEvent selfDescribingWithTwoEntities_ours() {
    SelfDescribing event =
        SelfDescribing.builder()
            .data(
                SelfDescribingJson.of(
                    TIMING, Map.of("category", "checkout", "variable", "render", "timing", 123)))
            .entity(
                SelfDescribingJson.of(
                    WebPage.SCHEMA, Map.of("id", "a86c42e5-b831-45c8-b706-e214c26b4b3d")))
            .entity(
                SelfDescribingJson.of(
                    GDPR, Map.of("basisForProcessing", "consent", "documentId", "privacy-2024")))
            .build();
    return ours.encode(event, ourSubject, Anonymisation.FULL_TRACKING).get(0);
  }

  @Benchmark
  public byte[] selfDescribingWithTwoEntities_snowplow() {
    snowplow.track(
        com.snowplowanalytics.snowplow.tracker.events.SelfDescribing.builder()
            .eventData(
                new com.snowplowanalytics.snowplow.tracker.payload.SelfDescribingJson(
                    TIMING, Map.of("category", "checkout", "variable", "render", "timing", 123)))
            .customContext(
                List.of(
                    new com.snowplowanalytics.snowplow.tracker.payload.SelfDescribingJson(
                        WebPage.SCHEMA, Map.of("id", "a86c42e5-b831-45c8-b706-e214c26b4b3d")),
                    new com.snowplowanalytics.snowplow.tracker.payload.SelfDescribingJson(
                        GDPR,
                        Map.of("basisForProcessing", "consent", "documentId", "privacy-2024"))))
            .build());
    return snowplowOutput.last;
  }

  /** Serialises each payload as the BatchEmitter does when it posts, and keeps nothing else. */
  static final class SerialisingEmitter implements Emitter {
    byte[] last;

    @Override
    public boolean add(TrackerPayload payload) {
      last = payload.toString().getBytes(StandardCharsets.UTF_8);
      return true;
    }

    @Override
    public void setBatchSize(int batchSize) {}

    @Override
    public void flushBuffer() {}

    @Override
    public int getBatchSize() {
      return 1;
    }

    @Override
    public List<TrackerPayload> getBuffer() {
      return List.of();
    }

    @Override
    public void close() {}
  }
}
