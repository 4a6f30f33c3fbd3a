package io.github.snowplowjakarta.core.internal.encoding;

/**
 * The longest value, in code points, that each payload field may have before Snowplow enrich
 * rejects the whole event (the atomic event's column limits). The encoder cuts longer values to
 * these lengths: a shortened field is better than an event lost downstream.
 */
final class FieldLimits {
  private FieldLimits() {}

  static int of(String field) {
    return switch (field) {
      case "aid", "uid", "lang", "tz", "tr_id", "tr_af", "tr_ci", "tr_st", "tr_co" -> 255;
      case "ti_id", "ti_sk", "ti_nm", "ti_ca" -> 255;
      case "tna", "ip", "duid", "tnuid", "nuid" -> 128;
      case "tv" -> 100;
      case "url", "refr", "se_la" -> 4096;
      case "page" -> 2000;
      case "ua", "se_ca", "se_ac", "se_pr" -> 1000;
      default -> Integer.MAX_VALUE;
    };
  }
}
