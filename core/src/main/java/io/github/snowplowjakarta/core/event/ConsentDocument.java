package io.github.snowplowjakarta.core.event;

import static io.github.snowplowjakarta.core.internal.Checks.blankToNull;

import io.github.snowplowjakarta.core.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The document a visitor granted or withdrew consent under: the {@code consent_document} entity of
 * {@link ConsentGranted} and {@link ConsentWithdrawn}. Id and version are required; name and
 * description optional (blank means absent).
 *
 * @param id the document's id, at most 36 characters
 * @param version its version, at most 36 characters
 * @param name its name, at most 60 characters; may be null
 * @param description its description, at most 10000 characters; may be null
 */
public record ConsentDocument(String id, String version, String name, String description) {
  /** The entity's schema. */
  public static final String SCHEMA =
      "iglu:com.snowplowanalytics.snowplow/consent_document/jsonschema/1-0-0";

  public ConsentDocument {
    Checks.requireMaxLength(Checks.requireNonBlank(id, "document id"), 36, "document id");
    Checks.requireMaxLength(
        Checks.requireNonBlank(version, "document version"), 36, "document version");
    name = Checks.requireMaxLength(blankToNull(name), 60, "document name");
    description = Checks.requireMaxLength(blankToNull(description), 10000, "document description");
  }

  /** A document with an id and a version only. */
  public static ConsentDocument of(String id, String version) {
    return new ConsentDocument(id, version, null, null);
  }

  public ConsentDocument withName(String name) {
    return new ConsentDocument(id, version, name, description);
  }

  public ConsentDocument withDescription(String description) {
    return new ConsentDocument(id, version, name, description);
  }

  /**
   * The {@code consent_document} entity; absent values are left out, as the browser tracker does.
   */
  public SelfDescribingJson entity() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("version", version);
    if (name != null) {
      data.put("name", name);
    }
    if (description != null) {
      data.put("description", description);
    }
    return SelfDescribingJson.of(SCHEMA, data);
  }

  // equals, hashCode and toString are written out: on Java 17 a record's generated ones can
  // keep its class loader alive (see Anonymisation).
  @Override
  public boolean equals(Object other) {
    return other instanceof ConsentDocument that
        && Objects.equals(id, that.id)
        && Objects.equals(version, that.version)
        && Objects.equals(name, that.name)
        && Objects.equals(description, that.description);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, version, name, description);
  }

  @Override
  public String toString() {
    return "ConsentDocument["
        + "id="
        + id
        + ", version="
        + version
        + ", name="
        + name
        + ", description="
        + description
        + "]";
  }
}
