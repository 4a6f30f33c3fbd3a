package io.github.snowplowjakarta.core.config;

/** A configuration value that is missing or wrong; the message names the key and the value. */
public final class ConfigurationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public ConfigurationException(String key, String message) {
    super(key + ": " + message);
    this.key = key;
  }

  /** The configuration key at fault. */
  public String key() {
    return key;
  }
}
