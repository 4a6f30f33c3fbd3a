package io.github.snowplowjakarta.core.internal.encoding;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.event.ConsentEvent;
import io.github.snowplowjakarta.core.event.EcommerceTransaction;
import io.github.snowplowjakarta.core.event.EcommerceTransactionItem;
import io.github.snowplowjakarta.core.event.Event;
import io.github.snowplowjakarta.core.event.Gdpr;
import io.github.snowplowjakarta.core.event.PagePing;
import io.github.snowplowjakarta.core.event.PageView;
import io.github.snowplowjakarta.core.event.SelfDescribing;
import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.core.internal.Checks;
import io.github.snowplowjakarta.core.internal.EncodedJson;
import io.github.snowplowjakarta.core.internal.JsonBuffer;
import io.github.snowplowjakarta.core.internal.RandomUuids;
import io.github.snowplowjakarta.core.internal.Text;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns events into {@link EncodedEvent}s in the Snowplow tracker protocol, applying the
 * anonymisation on the way: this is the only place identifiers are written, so no event leaves with
 * an identifier its {@link Anonymisation} forbids. Thread-safe. Not API, may change.
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

  private static final byte[] UNSTRUCT_EVENT_START =
      ascii("{\"schema\":\"" + UNSTRUCT_EVENT_SCHEMA + "\",\"data\":");
  private static final byte[] CONTEXTS_START =
      ascii("{\"schema\":\"" + CONTEXTS_SCHEMA + "\",\"data\":[");
  private static final byte[] CLIENT_SESSION_START =
      ascii("{\"schema\":\"" + CLIENT_SESSION_SCHEMA + "\",\"data\":{\"userId\":");

  private static final int EVENT_SCRATCH = 0;
  private static final int NESTED_SCRATCH = 1;

  private final TrackerSettings settings;
  private final byte[] settingsFields;
  private final SelfDescribingJson gdpr;

  /**
   * The tracker's own subject goes with almost every event: its fields are kept encoded, one
   * encoding per anonymisation setting. No other subject is kept: those of requests and users come
   * and go, and their identifiers must not linger in a shared object.
   */
  private volatile Subject keptSubject;

  private final AtomicReferenceArray<EncodedSubject> keptSubjectFields =
      new AtomicReferenceArray<>(6);

  /** A subject's fields as written under one anonymisation setting. */
  private record EncodedSubject(Subject subject, byte[] fields) {
    // equals, hashCode and toString are written out: on Java 17 a record's generated ones can
    // keep its class loader alive (see Anonymisation).
    @Override
    public boolean equals(Object other) {
      return other instanceof EncodedSubject that
          && Objects.equals(subject, that.subject)
          && fields == that.fields;
    }

    @Override
    public int hashCode() {
      return Objects.hash(subject, fields);
    }

    @Override
    public String toString() {
      return "EncodedSubject[" + "subject=" + subject + ", fields=" + fields + "]";
    }
  }

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
    this.settingsFields = settingsFields(settings);
    this.gdpr = settings.gdpr() == null ? null : settings.gdpr().entity();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** The fields every event of these settings carries, encoded once. */
  private static byte[] settingsFields(TrackerSettings settings) {
    JsonBuffer out = new JsonBuffer(new byte[256]);
    for (String[] field :
        new String[][] {
          {"tv", settings.trackerVersion()},
          {"tna", settings.namespace()},
          {"aid", settings.appId()},
          {"p", settings.platform().code()}
        }) {
      out.ascii(",\"");
      out.ascii(field[0]);
      out.ascii("\":");
      out.string(Text.truncate(field[1], FieldLimits.of(field[0])));
    }
    return out.toByteArray();
  }

  public TrackerSettings settings() {
    return settings;
  }

  /**
   * Keeps the encoding of this subject, the tracker's own, for the events that use it unchanged;
   * replaces any subject kept before.
   */
  public void keepEncoded(Subject subject) {
    for (int i = 0; i < keptSubjectFields.length(); i++) {
      keptSubjectFields.set(i, null);
    }
    this.keptSubject = subject;
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
    if (!anonymisation.tracks()) {
      throw new IllegalArgumentException("anonymisation is off: nothing may be encoded");
    }
    Subject subject =
        (trackerSubject == null ? Subject.EMPTY : trackerSubject).merge(event.subject());
    Writer writer =
        new Writer(
            JsonBuffer.scratch(EVENT_SCRATCH),
            JsonBuffer.scratch(NESTED_SCRATCH),
            subject,
            anonymisation,
            event);
    try {
      if (event instanceof EcommerceTransaction) {
        return encodeTransaction((EcommerceTransaction) event, writer);
      }
      return List.of(encodeSingle(event, writer));
    } finally {
      writer.out.release();
      writer.nested.release();
    }
  }

  private EncodedEvent encodeSingle(Event event, Writer w) {
    if (event instanceof PageView) {
      PageView pv = (PageView) event;
      w.start("pv", event.entities(), pv.url(), pv.referrer());
      w.put("page", pv.title());
    } else if (event instanceof PagePing) {
      PagePing pp = (PagePing) event;
      w.start("pp", event.entities(), pp.url(), pp.referrer());
      w.put("page", pp.title());
      w.put("pp_mix", pp.minXOffset());
      w.put("pp_max", pp.maxXOffset());
      w.put("pp_miy", pp.minYOffset());
      w.put("pp_may", pp.maxYOffset());
    } else if (event instanceof Structured) {
      Structured se = (Structured) event;
      w.start("se", event.entities(), null, null);
      w.put("se_ca", se.category());
      w.put("se_ac", se.action());
      w.put("se_la", se.label());
      w.put("se_pr", se.property());
      w.putDecimal("se_va", se.value());
    } else if (event instanceof ConsentEvent) {
      w.start("ue", event.entities(), null, null);
      w.putSelfDescribingEvent(((ConsentEvent) event).data());
    } else {
      w.start("ue", event.entities(), null, null);
      w.putSelfDescribingEvent(((SelfDescribing) event).data());
    }
    return w.finish();
  }

  private List<EncodedEvent> encodeTransaction(EcommerceTransaction tr, Writer w) {
    List<EncodedEvent> encoded = new ArrayList<>(1 + tr.items().size());
    w.start("tr", tr.entities(), null, null);
    w.put("tr_id", tr.orderId());
    w.putDecimal("tr_tt", tr.totalValue());
    w.put("tr_af", tr.affiliation());
    w.putDecimal("tr_tx", tr.taxValue());
    w.putDecimal("tr_sh", tr.shipping());
    w.put("tr_ci", tr.city());
    w.put("tr_st", tr.state());
    w.put("tr_co", tr.country());
    w.put("tr_cu", tr.currency());
    encoded.add(w.finish());
    for (EcommerceTransactionItem item : tr.items()) {
      w.start("ti", item.entities(), null, null);
      w.put("ti_id", tr.orderId());
      w.put("ti_sk", item.sku());
      w.put("ti_nm", item.name());
      w.put("ti_ca", item.category());
      w.putDecimal("ti_pr", item.price());
      w.put("ti_qu", item.quantity());
      w.put("ti_cu", tr.currency());
      encoded.add(w.finish());
    }
    return encoded;
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

  private static SelfDescribingJson gdprOf(List<SelfDescribingJson> entities) {
    for (SelfDescribingJson entity : entities) {
      if (entity.schema().startsWith(Gdpr.SCHEMA_PREFIX)) {
        return entity;
      }
    }
    return null;
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

  /**
   * Writes the events of one {@link #encode} call: the common fields in {@link #start}, the event's
   * own with {@code put}, and the entities and self-describing data in {@link #finish}.
   */
  private final class Writer {
    private final JsonBuffer out;
    private final JsonBuffer nested;
    private final Subject subject;
    private final Anonymisation anon;
    private final Event event;
    private final long now;
    private String eventId;
    private List<SelfDescribingJson> entities;

    Writer(JsonBuffer out, JsonBuffer nested, Subject subject, Anonymisation anon, Event event) {
      this.out = out;
      this.nested = nested;
      this.subject = subject;
      this.anon = anon;
      this.event = event;
      this.now = clock.millis();
    }

    void start(String type, List<SelfDescribingJson> entities, String url, String referrer) {
      this.entities = entities;
      this.eventId = eventIds.get().toString();
      out.reset();
      out.ascii("{\"e\":");
      out.string(type);
      put("eid", eventId);
      put("dtm", now);
      Instant trueTimestamp = event.trueTimestamp();
      if (trueTimestamp != null) {
        put("ttm", trueTimestamp.toEpochMilli());
      }
      out.bytes(settingsFields);
      writeSubject();
      put("url", url != null ? url : subject.pageUrl());
      put("refr", referrer != null ? referrer : subject.referrer());
    }

    private void writeSubject() {
      if (subject != keptSubject) {
        writeSubjectFields();
        return;
      }
      int setting = anon.level().ordinal() * 2 + (anon.serverAnonymisation() ? 1 : 0);
      EncodedSubject kept = keptSubjectFields.get(setting);
      if (kept != null && kept.subject() == subject) {
        out.bytes(kept.fields());
        return;
      }
      int from = out.size();
      writeSubjectFields();
      keptSubjectFields.set(setting, new EncodedSubject(subject, out.toByteArray(from)));
    }

    private void writeSubjectFields() {
      if (anon.sendsUserIdentifiers()) {
        put("uid", subject.userId());
        put("duid", subject.domainUserId());
      }
      if (anon.sendsSessionIdentifiers()) {
        put("sid", subject.sessionId());
        put("vid", subject.sessionIndex());
      }
      if (anon.sendsNetworkIdentifiers()) {
        put("ip", subject.ipAddress());
        put("tnuid", subject.networkUserId());
      }
      put("ua", subject.userAgent());
      put("lang", subject.language());
      put("tz", subject.timezone());
      put("res", subject.screenResolution());
      put("vp", subject.viewport());
      put("cd", subject.colourDepth());
    }

    EncodedEvent finish() {
      if (writeEntities()) {
        putNested(settings.base64() ? "cx" : "co");
      }
      out.ascii('}');
      return EncodedEvents.create(eventId, anon.serverAnonymisation(), out.toByteArray());
    }

    private void key(String key) {
      out.ascii(",\"");
      out.ascii(key);
      out.ascii("\":");
    }

    /** A text field, cut to its downstream limit; absent values are left out. */
    void put(String key, String value) {
      if (value != null) {
        key(key);
        out.string(Text.truncate(value, FieldLimits.of(key)));
      }
    }

    void put(String key, long value) {
      key(key);
      out.ascii('"');
      out.number(value);
      out.ascii('"');
    }

    void put(String key, Integer value) {
      if (value != null) {
        put(key, value.longValue());
      }
    }

    void putDecimal(String key, Double value) {
      if (value != null) {
        key(key);
        out.string(decimal(value));
      }
    }

    void putSelfDescribingEvent(SelfDescribingJson data) {
      nested.reset();
      nested.bytes(UNSTRUCT_EVENT_START);
      EncodedJson.writeTo(data, nested);
      nested.ascii('}');
      putNested(settings.base64() ? "ue_px" : "ue_pr");
    }

    /** The nested JSON as a string field: URL-safe base64 without padding, or escaped text. */
    private void putNested(String key) {
      key(key);
      out.ascii('"');
      if (settings.base64()) {
        out.base64Url(nested);
      } else {
        out.escaped(nested);
      }
      out.ascii('"');
    }

    /** Writes the contexts JSON of the entities that may be sent; false when there are none. */
    private boolean writeEntities() {
      String sessionUserId = clientSessionUserId(subject, anon);
      boolean keepClientSessions = anon.level() == Anonymisation.Level.FULL;
      boolean callerSentClientSession = false;
      nested.reset();
      nested.bytes(CONTEXTS_START);
      boolean first = true;
      for (SelfDescribingJson entity : entities) {
        boolean clientSession = isClientSession(entity);
        if (clientSession && !keepClientSessions) {
          continue;
        }
        callerSentClientSession |= clientSession;
        if (!first) {
          nested.ascii(',');
        }
        EncodedJson.writeTo(entity, nested);
        first = false;
      }
      if (sessionUserId != null && !callerSentClientSession) {
        if (!first) {
          nested.ascii(',');
        }
        writeClientSession(sessionUserId);
        first = false;
      }
      if (gdpr != null && gdprOf(entities) == null) {
        // An item without one takes its transaction's, which replaced the tracker's.
        SelfDescribingJson ownGdpr = gdprOf(event.entities());
        if (!first) {
          nested.ascii(',');
        }
        EncodedJson.writeTo(ownGdpr != null ? ownGdpr : gdpr, nested);
        first = false;
      }
      nested.ascii("]}");
      return !first;
    }

    private void writeClientSession(String userId) {
      nested.bytes(CLIENT_SESSION_START);
      nested.string(userId);
      nested.ascii(",\"sessionId\":");
      nested.string(subject.sessionId());
      nested.ascii(",\"sessionIndex\":");
      nested.number(subject.sessionIndex());
      nested.ascii(",\"storageMechanism\":\"COOKIE_1\",\"previousSessionId\":null}}");
    }
  }
}
