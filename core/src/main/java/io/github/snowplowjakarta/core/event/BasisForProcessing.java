package io.github.snowplowjakarta.core.event;

import java.util.Locale;

/**
 * The lawful bases for processing personal data of GDPR article 6, as the {@code gdpr} entity and
 * the {@code consent_preferences} event name them.
 */
public enum BasisForProcessing {
  CONSENT("consent"),
  CONTRACT("contract"),
  LEGAL_OBLIGATION("legal_obligation"),
  VITAL_INTERESTS("vital_interests"),
  PUBLIC_TASK("public_task"),
  LEGITIMATE_INTERESTS("legitimate_interests");

  private final String code;

  BasisForProcessing(String code) {
    this.code = code;
  }

  /** The value the schemas use, such as {@code legal_obligation}. */
  public String code() {
    return code;
  }

  /**
   * The basis of this name: its code ({@code legal_obligation}), with hyphens ({@code
   * legal-obligation}) or as the browser tracker's option ({@code legalObligation}), in any case.
   *
   * @throws IllegalArgumentException naming the bases it knows
   */
  public static BasisForProcessing fromCode(String name) {
    if (name != null) {
      String wanted = name.trim().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
      for (BasisForProcessing basis : values()) {
        if (basis.code.replace("_", "").equals(wanted)) {
          return basis;
        }
      }
    }
    throw new IllegalArgumentException(
        "expected consent, contract, legal_obligation, vital_interests, public_task or"
            + " legitimate_interests, was '"
            + name
            + "'");
  }
}
