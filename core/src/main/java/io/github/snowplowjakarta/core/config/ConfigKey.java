package io.github.snowplowjakarta.core.config;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Platform;
import io.github.snowplowjakarta.core.internal.Checks;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One configuration key: its name, how its text is read, its default and what it means, declared
 * once in {@link ConfigKeys}. {@link TrackerConfig#get} reads it; the README's key table is checked
 * against these declarations.
 *
 * @param <T> the type of its value
 */
public final class ConfigKey<T> {
  private static final Pattern NAME = Pattern.compile("snowplow(\\.[a-z0-9]+(-[a-z0-9]+)*)+");
  private static final Pattern DURATION = Pattern.compile("^(\\d+)\\s*(ms|s|m|h)$");

  /**
   * Reads a value's text; throws {@link IllegalArgumentException} saying what it expected ("a
   * positive whole number"), which becomes a {@link ConfigurationException} naming the key and the
   * value.
   */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(String text);
  }

  private final String name;
  private final String type;
  private final Parser<T> parser;
  private final T defaultValue;
  private final String documentedDefault;
  private final String description;
  private final boolean required;

  private ConfigKey(
      String name,
      String type,
      Parser<T> parser,
      T defaultValue,
      String documentedDefault,
      String description,
      boolean required) {
    this.name = name;
    this.type = type;
    this.parser = parser;
    this.defaultValue = defaultValue;
    this.documentedDefault = documentedDefault;
    this.description = description;
    this.required = required;
  }

  /**
   * A key of any type.
   *
   * @param name {@code snowplow.} followed by lower-case words, such as {@code
   *     snowplow.emitter.batch-size}
   * @param type how the README names its values: {@code boolean}, {@code duration}, {@code
   *     full|anonymous}, …
   * @param parser reads a value's text (trimmed, never blank)
   * @param defaultValue the value when none is configured; null for none
   * @param description one line for the README
   */
  public static <T> ConfigKey<T> of(
      String name, String type, Parser<T> parser, T defaultValue, String description) {
    Checks.requireNonBlank(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a key name is snowplow. and lower-case words, was '" + name + "'");
    }
    return new ConfigKey<>(
        name,
        Checks.requireNonBlank(type, "type"),
        Checks.requireNonNull(parser, "parser"),
        defaultValue,
        defaultValue == null ? "" : "`" + format(defaultValue) + "`",
        Checks.requireNonBlank(description, "description"),
        false);
  }

  /** Text, as configured. */
  public static ConfigKey<String> string(String name, String defaultValue, String description) {
    return of(name, "text", text -> text, defaultValue, description);
  }

  /** {@code true} or {@code false} ({@code yes}/{@code no}, {@code on}/{@code off}). */
  public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String description) {
    return of(name, "boolean", ConfigKey::parseBoolean, defaultValue, description);
  }

  /** A whole number above zero. */
  public static ConfigKey<Integer> positiveInt(String name, int defaultValue, String description) {
    return of(
        name, "number", text -> (int) positive(text, Integer.MAX_VALUE), defaultValue, description);
  }

  /** A whole number above zero, possibly beyond an int. */
  public static ConfigKey<Long> positiveLong(String name, long defaultValue, String description) {
    return of(name, "number", text -> positive(text, Long.MAX_VALUE), defaultValue, description);
  }

  /** A positive duration: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or {@code PT5S}. */
  public static ConfigKey<Duration> duration(
      String name, Duration defaultValue, String description) {
    return of(name, "duration", ConfigKey::parseDuration, defaultValue, description);
  }

  /** A comma-separated list, each item trimmed, empty items left out. */
  public static ConfigKey<List<String>> list(
      String name, List<String> defaultValue, String description) {
    return of(
        name,
        "list",
        ConfigKey::parseList,
        defaultValue == null ? null : List.copyOf(defaultValue),
        description);
  }

  /** One of an enum's constants, written in lower case with {@code -} for {@code _}. */
  public static <E extends Enum<E>> ConfigKey<E> oneOf(
      String name, Class<E> type, E defaultValue, String description) {
    String names =
        Arrays.stream(type.getEnumConstants())
            .map(ConfigKey::format)
            .collect(Collectors.joining(", "));
    return of(
        name,
        names.replace(", ", " | "),
        text -> {
          String wanted = text.toUpperCase(Locale.ROOT).replace('-', '_');
          for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
              return constant;
            }
          }
          throw new IllegalArgumentException("expected one of " + names);
        },
        defaultValue,
        description);
  }

  /**
   * An anonymisation setting: {@code full}, {@code anonymous-with-session} or {@code anonymous},
   * each with or without {@code +server}, or {@code off} ({@link Anonymisation#parse}).
   */
  public static ConfigKey<Anonymisation> level(
      String name, Anonymisation defaultValue, String description) {
    return of(
        name,
        "level, optionally `+server`, or `off`",
        Anonymisation::parse,
        defaultValue,
        description);
  }

  /** An http or https URI with a host. */
  public static ConfigKey<URI> httpUri(String name, URI defaultValue, String description) {
    return of(name, "URI", ConfigKey::parseHttpUri, defaultValue, description);
  }

  /**
   * This key with its default described in words where no value says it, such as "the context
   * path"; the README shows this text.
   */
  public ConfigKey<T> documentedDefault(String text) {
    return new ConfigKey<>(
        name,
        type,
        parser,
        defaultValue,
        Checks.requireNonBlank(text, "text"),
        description,
        required);
  }

  /** This key, which must have a value: reading it without one fails naming it. */
  public ConfigKey<T> required() {
    return new ConfigKey<>(name, type, parser, defaultValue, "required", description, true);
  }

  public String name() {
    return name;
  }

  /** How its values are written, for the documentation. */
  public String type() {
    return type;
  }

  /** Its default: null if it has none. */
  public T defaultValue() {
    return defaultValue;
  }

  /** The default as the README gives it. */
  public String documentedDefault() {
    return documentedDefault;
  }

  public String description() {
    return description;
  }

  public boolean isRequired() {
    return required;
  }

  /** Reads a value's text; a bad one fails naming this key and the value. */
  public T parse(String text) {
    try {
      return parser.parse(text);
    } catch (ConfigurationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ConfigurationException(name, e.getMessage() + ", was '" + text + "'");
    }
  }

  @Override
  public String toString() {
    return name;
  }

  /** A value as it would be configured: {@code 5s}, {@code drop-oldest}, {@code a,b}. */
  static String format(Object value) {
    if (value instanceof Anonymisation anonymisation) {
      return anonymisation.configName();
    }
    if (value instanceof Platform platform) {
      return platform.code();
    }
    if (value instanceof Enum<?> constant) {
      return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
    if (value instanceof Duration duration) {
      if (duration.toMillis() % 1000 != 0) {
        return duration.toMillis() + "ms";
      }
      long seconds = duration.getSeconds();
      return seconds % 3600 == 0
          ? seconds / 3600 + "h"
          : seconds % 60 == 0 && seconds >= 60 ? seconds / 60 + "m" : seconds + "s";
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ConfigKey::format).collect(Collectors.joining(","));
    }
    return String.valueOf(value);
  }

  private static boolean parseBoolean(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "on":
        return true;
      case "false":
      case "no":
      case "off":
        return false;
      default:
        throw new IllegalArgumentException("expected true or false");
    }
  }

  private static long positive(String text, long max) {
    try {
      long number = Long.parseLong(text);
      if (number > 0 && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("expected a positive whole number");
  }

  private static Duration parseDuration(String text) {
    Duration duration;
    try {
      Matcher matcher = DURATION.matcher(text.toLowerCase(Locale.ROOT));
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        switch (matcher.group(2)) {
          case "ms":
            duration = Duration.ofMillis(amount);
            break;
          case "s":
            duration = Duration.ofSeconds(amount);
            break;
          case "m":
            duration = Duration.ofMinutes(amount);
            break;
          default:
            duration = Duration.ofHours(amount);
        }
      } else {
        duration = Duration.parse(text);
      }
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      duration = null;
    }
    if (duration == null || duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("expected a positive duration such as 500ms, 5s or PT5S");
    }
    return duration;
  }

  private static List<String> parseList(String text) {
    List<String> items = new ArrayList<>();
    for (String item : text.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return List.copyOf(items);
  }

  private static URI parseHttpUri(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme();
      if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new IllegalArgumentException("expected an http or https URI");
  }
}
