package io.github.snowplowjakarta.core.event;

import io.github.snowplowjakarta.core.internal.Checks;
import java.nio.charset.StandardCharsets;

/**
 * The {@code web_page/1-0-0} entity: the id of one page view, which the browser tracker attaches to
 * every event of the page so that they can be joined to it.
 */
public final class WebPage {
  /** The entity's schema. */
  public static final String SCHEMA =
      "iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0";

  private static final byte[] BEFORE_ID =
      ("{\"schema\":\"" + SCHEMA + "\",\"data\":{\"id\":\"").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AFTER_ID = "\"}}".getBytes(StandardCharsets.US_ASCII);

  private WebPage() {}

  /**
   * The entity of the page view with this id: what {@code SelfDescribingJson.of(SCHEMA,
   * Map.of("id", pageViewId))} makes, written without a JSON writer, as the servlet filter makes
   * one for every page view.
   *
   * @throws IllegalArgumentException if the id is not a UUID
   */
  public static SelfDescribingJson entity(String pageViewId) {
    if (!Checks.isUuid(pageViewId)) {
      throw new IllegalArgumentException(
          "pageViewId must be a UUID, was "
              + (pageViewId == null ? "null" : "'" + Checks.abbreviate(pageViewId) + "'"));
    }
    byte[] json = new byte[BEFORE_ID.length + pageViewId.length() + AFTER_ID.length];
    System.arraycopy(BEFORE_ID, 0, json, 0, BEFORE_ID.length);
    byte[] id = pageViewId.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(id, 0, json, BEFORE_ID.length, id.length);
    System.arraycopy(AFTER_ID, 0, json, BEFORE_ID.length + id.length, AFTER_ID.length);
    return new SelfDescribingJson(SCHEMA, json);
  }
}
