package io.github.snowplowjakarta.core;

/** The platform ({@code p}) an event is tracked on, as the Snowplow protocol names them. */
public enum Platform {
  WEB("web"),
  MOBILE("mob"),
  DESKTOP("pc"),
  SERVER("srv"),
  GENERAL("app"),
  TV("tv"),
  CONSOLE("cnsl"),
  IOT("iot");

  private final String code;

  Platform(String code) {
    this.code = code;
  }

  /** The value sent in the {@code p} field. */
  public String code() {
    return code;
  }

  /** The platform for a protocol code such as {@code srv}; throws naming the bad value. */
  public static Platform fromCode(String code) {
    for (Platform platform : values()) {
      if (platform.code.equals(code)) {
        return platform;
      }
    }
    throw new IllegalArgumentException(
        "platform must be one of web, mob, pc, srv, app, tv, cnsl, iot, was '" + code + "'");
  }
}
