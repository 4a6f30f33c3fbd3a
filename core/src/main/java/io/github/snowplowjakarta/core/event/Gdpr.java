package io.github.snowplowjakarta.core.event;

import io.github.snowplowjakarta.core.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code gdpr/1-0-0} entity: the lawful basis the events are processed under, and the document
 * that details it. Configured once on a tracker ({@code TrackerSettings.Builder.gdpr}), it goes
 * with every event of that tracker; an event that carries a {@code gdpr} entity of its own sends
 * that one instead. Blank document fields are absent, and sent as null, as the browser tracker's
 * {@code enableGdprContext} sends them.
 *
 * @param basisForProcessing the lawful basis; required
 * @param documentId the document's id, at most 255 characters; may be null
 * @param documentVersion its version, at most 16 characters; may be null
 * @param documentDescription its description, at most 4096 characters; may be null
 */
public record Gdpr(
    BasisForProcessing basisForProcessing,
    String documentId,
    String documentVersion,
    String documentDescription) {
  /** The entity's schema. */
  public static final String SCHEMA = "iglu:com.snowplowanalytics.snowplow/gdpr/jsonschema/1-0-0";

  /** Schemas of every version of the entity, to find one an event carries. */
  public static final String SCHEMA_PREFIX = "iglu:com.snowplowanalytics.snowplow/gdpr/";

  public Gdpr {
    Checks.requireNonNull(basisForProcessing, "basisForProcessing");
    documentId = Checks.requireMaxLength(Checks.blankToNull(documentId), 255, "documentId");
    documentVersion =
        Checks.requireMaxLength(Checks.blankToNull(documentVersion), 16, "documentVersion");
    documentDescription =
        Checks.requireMaxLength(
            Checks.blankToNull(documentDescription), 4096, "documentDescription");
  }

  /** The basis alone, no document. */
  public static Gdpr of(BasisForProcessing basisForProcessing) {
    return new Gdpr(basisForProcessing, null, null, null);
  }

  /** The entity. */
  public SelfDescribingJson entity() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("basisForProcessing", basisForProcessing.code());
    data.put("documentId", documentId);
    data.put("documentVersion", documentVersion);
    data.put("documentDescription", documentDescription);
    return SelfDescribingJson.of(SCHEMA, data);
  }

  // equals, hashCode and toString are written out: on Java 17 a record's generated ones can
  // keep its class loader alive (see Anonymisation).
  @Override
  public boolean equals(Object other) {
    return other instanceof Gdpr that
        && basisForProcessing == that.basisForProcessing
        && Objects.equals(documentId, that.documentId)
        && Objects.equals(documentVersion, that.documentVersion)
        && Objects.equals(documentDescription, that.documentDescription);
  }

  @Override
  public int hashCode() {
    return Objects.hash(basisForProcessing, documentId, documentVersion, documentDescription);
  }

  @Override
  public String toString() {
    return "Gdpr["
        + "basisForProcessing="
        + basisForProcessing
        + ", documentId="
        + documentId
        + ", documentVersion="
        + documentVersion
        + ", documentDescription="
        + documentDescription
        + "]";
  }
}
