package io.github.snowplowjakarta.core.encoding;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.event.EcommerceTransaction;
import io.github.snowplowjakarta.core.event.EcommerceTransactionItem;
import io.github.snowplowjakarta.core.event.Event;
import io.github.snowplowjakarta.core.event.PagePing;
import io.github.snowplowjakarta.core.event.PageView;
import io.github.snowplowjakarta.core.event.SelfDescribing;
import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.Checks;
import io.github.snowplowjakarta.core.internal.Json;
import io.github.snowplowjakarta.core.internal.RandomUuids;
import io.github.snowplowjakarta.core.internal.Text;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns events into {@link EncodedEvent}s in the Snowplow tracker protocol, applying the
 * anonymisation on the way: this is the only place identifiers are written, so no event leaves with
 * an identifier its {@link Anonymisation} forbids. Thread-safe.
 */
public final class PayloadEncoder {
  public static final String PAYLOAD_DATA_SCHEMA =
      "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4";
  public static final String CONTEXTS_SCHEMA =
      "iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1";
  public static final String UNSTRUCT_EVENT_SCHEMA =
      "iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0";
  public static final String CLIENT_SESSION_SCHEMA =
      "iglu:com.snowplowanalytics.snowplow/client_session/jsonschema/1-0-2";

  private static final String CLIENT_SESSION_SCHEMA_PREFIX =
      "iglu:com.snowplowanalytics.snowplow/client_session/";
  private static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";
  private static final Pattern CLIENT_SESSION_USER_ID =
      Pattern.compile("^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$|^[0-9a-f]{16}$");

  /**
   * A scratch buffer per thread, so encoding allocates little more than the bytes it returns. A JDK
   * type, so a thread of a container does not keep a redeployed application's classes alive.
   */
  private static final ThreadLocal<ByteArrayOutputStream> SCRATCH =
      ThreadLocal.withInitial(() -> new ByteArrayOutputStream(2048));

  private static final int SCRATCH_KEPT_BYTES = 64 * 1024;

  private final TrackerSettings settings;
  private final Clock clock;
  private final Supplier<UUID> eventIds;

  /** An encoder on the system clock with random event ids. */
  public PayloadEncoder(TrackerSettings settings) {
    this(settings, Clock.systemUTC(), RandomUuids.INSTANCE);
  }

  /** An encoder with its own clock (for {@code dtm}) and event id source (for {@code eid}). */
  public PayloadEncoder(TrackerSettings settings, Clock clock, Supplier<UUID> eventIds) {
    this.settings = Checks.requireNonNull(settings, "settings");
    this.clock = Checks.requireNonNull(clock, "clock");
    this.eventIds = Checks.requireNonNull(eventIds, "eventIds");
  }

  public TrackerSettings settings() {
    return settings;
  }

  /**
   * Encodes one event: one {@link EncodedEvent}, or for a transaction one per {@code tr} and {@code
   * ti}.
   *
   * @param event the event
   * @param trackerSubject the tracker's subject, which the event's own subject values override; may
   *     be null
   * @param anonymisation what must not leave the server
   */
  public List<EncodedEvent> encode(
      Event event, Subject trackerSubject, Anonymisation anonymisation) {
    Checks.requireNonNull(event, "event");
    Checks.requireNonNull(anonymisation, "anonymisation");
    Subject subject =
        (trackerSubject == null ? Subject.EMPTY : trackerSubject).merge(event.subject());
    long now = clock.millis();
    try {
      if (event instanceof EcommerceTransaction) {
        return encodeTransaction((EcommerceTransaction) event, subject, anonymisation, now);
      }
      return List.of(encodeSingle(event, subject, anonymisation, now));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private EncodedEvent encodeSingle(Event event, Subject subject, Anonymisation anon, long now)
      throws IOException {
    if (event instanceof PageView) {
      PageView pv = (PageView) event;
      return write(
          "pv",
          event,
          event.entities(),
          subject,
          anon,
          now,
          pv.url(),
          pv.referrer(),
          f -> f.put("page", pv.title()));
    }
    if (event instanceof PagePing) {
      PagePing pp = (PagePing) event;
      return write(
          "pp",
          event,
          event.entities(),
          subject,
          anon,
          now,
          pp.url(),
          pp.referrer(),
          f -> {
            f.put("page", pp.title());
            f.put("pp_mix", pp.minXOffset());
            f.put("pp_max", pp.maxXOffset());
            f.put("pp_miy", pp.minYOffset());
            f.put("pp_may", pp.maxYOffset());
          });
    }
    if (event instanceof Structured) {
      Structured se = (Structured) event;
      return write(
          "se",
          event,
          event.entities(),
          subject,
          anon,
          now,
          null,
          null,
          f -> {
            f.put("se_ca", se.category());
            f.put("se_ac", se.action());
            f.put("se_la", se.label());
            f.put("se_pr", se.property());
            f.putDecimal("se_va", se.value());
          });
    }
    // A self-describing event's data is written by write() itself, as ue_px or ue_pr.
    return write("ue", event, event.entities(), subject, anon, now, null, null, f -> {});
  }

  private List<EncodedEvent> encodeTransaction(
      EcommerceTransaction tr, Subject subject, Anonymisation anon, long now) throws IOException {
    List<EncodedEvent> encoded = new ArrayList<>(1 + tr.items().size());
    encoded.add(
        write(
            "tr",
            tr,
            tr.entities(),
            subject,
            anon,
            now,
            null,
            null,
            f -> {
              f.put("tr_id", tr.orderId());
              f.putDecimal("tr_tt", tr.totalValue());
              f.put("tr_af", tr.affiliation());
              f.putDecimal("tr_tx", tr.taxValue());
              f.putDecimal("tr_sh", tr.shipping());
              f.put("tr_ci", tr.city());
              f.put("tr_st", tr.state());
              f.put("tr_co", tr.country());
              f.put("tr_cu", tr.currency());
            }));
    for (EcommerceTransactionItem item : tr.items()) {
      encoded.add(
          write(
              "ti",
              tr,
              item.entities(),
              subject,
              anon,
              now,
              null,
              null,
              f -> {
                f.put("ti_id", tr.orderId());
                f.put("ti_sk", item.sku());
                f.put("ti_nm", item.name());
                f.put("ti_ca", item.category());
                f.putDecimal("ti_pr", item.price());
                f.put("ti_qu", item.quantity());
                f.put("ti_cu", tr.currency());
              }));
    }
    return encoded;
  }

  private EncodedEvent write(
      String type,
      Event event,
      List<SelfDescribingJson> entities,
      Subject subject,
      Anonymisation anon,
      long now,
      String eventUrl,
      String eventReferrer,
      EventFields eventFields)
      throws IOException {
    String eventId = eventIds.get().toString();
    ByteArrayOutputStream buffer = SCRATCH.get();
    try {
      // Nested JSON is written first: a generator opened inside another cannot reuse its buffers.
      byte[] entitiesJson = entitiesJson(buffer, entities, subject, anon);
      byte[] selfDescribingJson =
          event instanceof SelfDescribing
              ? selfDescribingEventJson(buffer, ((SelfDescribing) event).data())
              : null;
      try (JsonGenerator generator = Json.FACTORY.createGenerator(buffer)) {
        Fields f = new Fields(generator);
        generator.writeStartObject();
        f.put("e", type);
        f.put("eid", eventId);
        f.put("dtm", now);
        Instant trueTimestamp = event.trueTimestamp();
        if (trueTimestamp != null) {
          f.put("ttm", trueTimestamp.toEpochMilli());
        }
        f.put("tv", settings.trackerVersion());
        f.put("tna", settings.namespace());
        f.put("aid", settings.appId());
        f.put("p", settings.platform().code());
        writeSubject(f, subject, anon);
        f.put("url", eventUrl != null ? eventUrl : subject.pageUrl());
        f.put("refr", eventReferrer != null ? eventReferrer : subject.referrer());
        eventFields.write(f);
        if (selfDescribingJson != null) {
          f.putJson(settings.base64() ? "ue_px" : "ue_pr", selfDescribingJson);
        }
        if (entitiesJson != null) {
          f.putJson(settings.base64() ? "cx" : "co", entitiesJson);
        }
        generator.writeEndObject();
      }
      return new EncodedEvent(eventId, anon.serverAnonymisation(), buffer.toByteArray());
    } finally {
      release(buffer);
    }
  }

  /** Takes the bytes written so far and empties the buffer for the next part. */
  private static byte[] take(ByteArrayOutputStream buffer) {
    byte[] bytes = buffer.toByteArray();
    buffer.reset();
    return bytes;
  }

  private static void release(ByteArrayOutputStream buffer) {
    if (buffer.size() > SCRATCH_KEPT_BYTES) {
      SCRATCH.remove();
    } else {
      buffer.reset();
    }
  }

  private static void writeSubject(Fields f, Subject subject, Anonymisation anon)
      throws IOException {
    if (anon.sendsUserIdentifiers()) {
      f.put("uid", subject.userId());
      f.put("duid", subject.domainUserId());
    }
    if (anon.sendsSessionIdentifiers()) {
      f.put("sid", subject.sessionId());
      f.put("vid", subject.sessionIndex());
    }
    if (anon.sendsNetworkIdentifiers()) {
      f.put("ip", subject.ipAddress());
      f.put("tnuid", subject.networkUserId());
    }
    f.put("ua", subject.userAgent());
    f.put("lang", subject.language());
    f.put("tz", subject.timezone());
    f.put("res", subject.screenResolution());
    f.put("vp", subject.viewport());
    f.put("cd", subject.colourDepth());
  }

  /** The contexts JSON for the entities that may be sent, or null when there are none. */
  private byte[] entitiesJson(
      ByteArrayOutputStream buffer,
      List<SelfDescribingJson> entities,
      Subject subject,
      Anonymisation anon)
      throws IOException {
    String sessionUserId = clientSessionUserId(subject, anon);
    boolean keepClientSessions = anon.level() == Anonymisation.Level.FULL;
    boolean any = sessionUserId != null;
    boolean userClientSession = false;
    for (SelfDescribingJson entity : entities) {
      boolean clientSession = isClientSession(entity);
      userClientSession |= clientSession;
      any |= keepClientSessions || !clientSession;
    }
    if (!any) {
      return null;
    }
    try (JsonGenerator g = Json.FACTORY.createGenerator(buffer)) {
      g.writeStartObject();
      g.writeStringField("schema", CONTEXTS_SCHEMA);
      g.writeArrayFieldStart("data");
      for (SelfDescribingJson entity : entities) {
        if (keepClientSessions || !isClientSession(entity)) {
          writeSelfDescribing(g, entity);
        }
      }
      if (sessionUserId != null && !(keepClientSessions && userClientSession)) {
        writeClientSession(g, sessionUserId, subject);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return take(buffer);
  }

  /**
   * The user id for a generated client_session entity, or null when none is sent: events anonymous
   * with session carry one with the nil UUID; fully tracked events carry one only when the settings
   * ask for it and the domain user id fits the entity's schema.
   */
  private String clientSessionUserId(Subject subject, Anonymisation anon) {
    if (subject.sessionId() == null || subject.sessionIndex() == null) {
      return null;
    }
    switch (anon.level()) {
      case ANONYMOUS_WITH_SESSION:
        return NIL_UUID;
      case FULL:
        String userId = subject.domainUserId();
        return settings.clientSessionEntity()
                && userId != null
                && CLIENT_SESSION_USER_ID.matcher(userId).matches()
            ? userId
            : null;
      default:
        return null;
    }
  }

  private static boolean isClientSession(SelfDescribingJson entity) {
    return entity.schema().startsWith(CLIENT_SESSION_SCHEMA_PREFIX);
  }

  private static void writeClientSession(JsonGenerator g, String userId, Subject subject)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("schema", CLIENT_SESSION_SCHEMA);
    g.writeObjectFieldStart("data");
    g.writeStringField("userId", userId);
    g.writeStringField("sessionId", subject.sessionId());
    g.writeNumberField("sessionIndex", subject.sessionIndex());
    g.writeStringField("storageMechanism", "COOKIE_1");
    g.writeNullField("previousSessionId");
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeSelfDescribing(JsonGenerator g, SelfDescribingJson json)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("schema", json.schema());
    g.writeFieldName("data");
    g.writeRawValue(json.dataJson());
    g.writeEndObject();
  }

  /** Writes the fields particular to one event type. */
  @FunctionalInterface
  private interface EventFields {
    void write(Fields fields) throws IOException;
  }

  /** Writes payload fields: strings only, absent values skipped, long values cut to the limits. */
  private final class Fields {
    private final JsonGenerator generator;

    Fields(JsonGenerator generator) {
      this.generator = generator;
    }

    void put(String key, String value) throws IOException {
      if (value != null) {
        generator.writeStringField(key, Text.fit(value, FieldLimits.of(key)));
      }
    }

    void put(String key, long value) throws IOException {
      generator.writeStringField(key, Long.toString(value));
    }

    void put(String key, Integer value) throws IOException {
      if (value != null) {
        put(key, value.longValue());
      }
    }

    void putDecimal(String key, Double value) throws IOException {
      if (value != null) {
        generator.writeStringField(key, decimal(value));
      }
    }

    /** Writes JSON as a string value: URL-safe base64 without padding, or escaped text. */
    void putJson(String key, byte[] utf8Json) throws IOException {
      generator.writeFieldName(key);
      if (settings.base64()) {
        generator.writeBinary(Base64Variants.MODIFIED_FOR_URL, utf8Json, 0, utf8Json.length);
      } else {
        generator.writeUTF8String(utf8Json, 0, utf8Json.length);
      }
    }
  }

  private static byte[] selfDescribingEventJson(
      ByteArrayOutputStream buffer, SelfDescribingJson data) throws IOException {
    try (JsonGenerator g = Json.FACTORY.createGenerator(buffer)) {
      g.writeStartObject();
      g.writeStringField("schema", UNSTRUCT_EVENT_SCHEMA);
      g.writeFieldName("data");
      writeSelfDescribing(g, data);
      g.writeEndObject();
    }
    return take(buffer);
  }

  /**
   * A plain decimal string: no exponent, no locale, no trailing zeros ({@code 49.95}, {@code 5}).
   */
  static String decimal(double value) {
    if (value == 0) {
      return "0";
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
