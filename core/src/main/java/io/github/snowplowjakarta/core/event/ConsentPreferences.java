package io.github.snowplowjakarta.core.event;

import io.github.snowplowjakarta.core.internal.Checks;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The visitor's consent choice: {@code consent_preferences/1-0-0}, as the browser tracker's
 * enhanced consent plugin sends it ({@code trackConsentAllow}, {@code trackConsentSelected}, {@code
 * trackConsentDeny}, …). Every field but {@code gdprApplies} is required by the schema, the scopes
 * and domains included, whatever the choice.
 */
public final class ConsentPreferences extends ConsentEvent {
  /** The event's schema. */
  public static final String SCHEMA =
      "iglu:com.snowplowanalytics.snowplow/consent_preferences/jsonschema/1-0-0";

  /** What the visitor did: the schema's {@code eventType}. */
  public enum Type {
    /** Accepted every scope ({@code trackConsentAllow}). */
    ALLOW_ALL("allow_all"),
    /** Accepted the scopes selected ({@code trackConsentSelected}). */
    ALLOW_SELECTED("allow_selected"),
    /** Refused every scope but the necessary ({@code trackConsentDeny}). */
    DENY_ALL("deny_all"),
    /** Has not confirmed a choice yet ({@code trackConsentPending}). */
    PENDING("pending"),
    /** Consent taken as given, by browsing on ({@code trackConsentImplicit}). */
    IMPLICIT_CONSENT("implicit_consent"),
    /** Took back consent given before ({@code trackConsentWithdrawn}). */
    WITHDRAWN("withdrawn"),
    /** The earlier choice lapsed ({@code trackConsentExpired}). */
    EXPIRED("expired");

    private final String code;

    Type(String code) {
      this.code = code;
    }

    /** The schema's value, such as {@code allow_all}. */
    public String code() {
      return code;
    }
  }

  private final Type type;
  private final BasisForProcessing basisForProcessing;
  private final String consentUrl;
  private final String consentVersion;
  private final List<String> consentScopes;
  private final List<String> domainsApplied;
  private final Boolean gdprApplies;

  private ConsentPreferences(Builder b) {
    super(b, data(b), null);
    this.type = b.type;
    this.basisForProcessing = b.basisForProcessing;
    this.consentUrl = b.consentUrl;
    this.consentVersion = b.consentVersion;
    this.consentScopes = List.copyOf(b.consentScopes);
    this.domainsApplied = List.copyOf(b.domainsApplied);
    this.gdprApplies = b.gdprApplies;
  }

  private static SelfDescribingJson data(Builder b) {
    Checks.requireNonNull(b.basisForProcessing, "basisForProcessing");
    Checks.requireNonBlank(b.consentUrl, "consentUrl");
    Checks.requireNonBlank(b.consentVersion, "consentVersion");
    requireSome(b.consentScopes, "consentScopes");
    requireSome(b.domainsApplied, "domainsApplied");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("eventType", b.type.code());
    data.put("basisForProcessing", b.basisForProcessing.code());
    data.put("consentUrl", b.consentUrl);
    data.put("consentVersion", b.consentVersion);
    data.put("consentScopes", List.copyOf(b.consentScopes));
    data.put("domainsApplied", List.copyOf(b.domainsApplied));
    if (b.gdprApplies != null) {
      data.put("gdprApplies", b.gdprApplies);
    }
    return SelfDescribingJson.of(SCHEMA, data);
  }

  private static void requireSome(List<String> values, String name) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException(name + " must hold at least one value");
    }
  }

  /** A builder for this type of choice. */
  public static Builder builder(Type type) {
    return new Builder(Checks.requireNonNull(type, "type"));
  }

  public static Builder allowAll() {
    return builder(Type.ALLOW_ALL);
  }

  public static Builder allowSelected() {
    return builder(Type.ALLOW_SELECTED);
  }

  public static Builder denyAll() {
    return builder(Type.DENY_ALL);
  }

  public static Builder pending() {
    return builder(Type.PENDING);
  }

  public static Builder implicitConsent() {
    return builder(Type.IMPLICIT_CONSENT);
  }

  public static Builder withdrawn() {
    return builder(Type.WITHDRAWN);
  }

  public static Builder expired() {
    return builder(Type.EXPIRED);
  }

  public Type type() {
    return type;
  }

  public BasisForProcessing basisForProcessing() {
    return basisForProcessing;
  }

  public String consentUrl() {
    return consentUrl;
  }

  public String consentVersion() {
    return consentVersion;
  }

  /** The scopes the visitor allows after this choice. */
  public List<String> consentScopes() {
    return consentScopes;
  }

  /** The domains the choice applies to. */
  public List<String> domainsApplied() {
    return domainsApplied;
  }

  /** Whether GDPR applies to the visitor; null when not said. */
  public Boolean gdprApplies() {
    return gdprApplies;
  }

  /** Builds a {@link ConsentPreferences} event. */
  public static final class Builder extends Event.Builder<Builder> {
    private final Type type;
    private BasisForProcessing basisForProcessing;
    private String consentUrl;
    private String consentVersion;
    private final List<String> consentScopes = new ArrayList<>(4);
    private final List<String> domainsApplied = new ArrayList<>(2);
    private Boolean gdprApplies;

    private Builder(Type type) {
      this.type = type;
    }

    @Override
    Builder self() {
      return this;
    }

    /** The lawful basis for processing; required. */
    public Builder basisForProcessing(BasisForProcessing basisForProcessing) {
      this.basisForProcessing = Checks.requireNonNull(basisForProcessing, "basisForProcessing");
      return this;
    }

    /** The absolute URI of the privacy policy the choice was made under; required. */
    public Builder consentUrl(String consentUrl) {
      Checks.requireNonBlank(consentUrl, "consentUrl");
      try {
        if (new URI(consentUrl).isAbsolute()) {
          this.consentUrl = consentUrl;
          return this;
        }
      } catch (URISyntaxException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          "consentUrl must be an absolute URI, was '" + Checks.abbreviate(consentUrl) + "'");
    }

    /** The policy's version, at most 16 characters; required. */
    public Builder consentVersion(String consentVersion) {
      this.consentVersion =
          Checks.requireMaxLength(
              Checks.requireNonBlank(consentVersion, "consentVersion"), 16, "consentVersion");
      return this;
    }

    /** Adds the scopes allowed after the choice, such as {@code analytics}; at least one. */
    public Builder consentScopes(Collection<String> scopes) {
      addAll(consentScopes, scopes, "consentScopes");
      return this;
    }

    /** {@link #consentScopes(Collection)} for a few scopes. */
    public Builder consentScopes(String... scopes) {
      return consentScopes(Arrays.asList(Checks.requireNonNull(scopes, "consentScopes")));
    }

    /** Adds the domains the choice applies to; at least one. */
    public Builder domainsApplied(Collection<String> domains) {
      addAll(domainsApplied, domains, "domainsApplied");
      return this;
    }

    /** {@link #domainsApplied(Collection)} for a few domains. */
    public Builder domainsApplied(String... domains) {
      return domainsApplied(Arrays.asList(Checks.requireNonNull(domains, "domainsApplied")));
    }

    /** Whether GDPR applies to the visitor; default not said. */
    public Builder gdprApplies(Boolean gdprApplies) {
      this.gdprApplies = gdprApplies;
      return this;
    }

    private static void addAll(List<String> to, Collection<String> values, String name) {
      Checks.requireNonNull(values, name);
      for (String value : values) {
        Checks.requireMaxLength(
            Checks.requireNonBlank(value, name + " item"), 1024, name + " item");
      }
      to.addAll(values);
    }

    @Override
    public ConsentPreferences build() {
      return new ConsentPreferences(this);
    }
  }
}
