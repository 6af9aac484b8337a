package io.airq.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One configuration key of a service: its name in a properties file ({@code mqtt.url}), its type,
 * default, meaning, and whether it is a secret. The environment variable is derived from the name
 * ({@link #envName()}), so every service names its variables the same way.
 *
 * @param name the key, lower case, words joined by {@code .} and {@code -}
 * @param type how the value is parsed and checked
 * @param defaultValue the default as text (parsed like a configured value); null when the key has
 *     no default
 * @param defaultShown what the docs show as the default when it is computed at start (a host name,
 *     a temporary directory); null to show {@code defaultValue}
 * @param required whether start fails when the key has no value
 * @param secret whether the value is shown as {@code ****} in logs and {@code toString}
 * @param description what the key means, one or two sentences for docs/configuration.md
 * @param <T> the value's type
 */
public record ConfigKey<T>(
    String name,
    ValueType<T> type,
    String defaultValue,
    String defaultShown,
    boolean required,
    boolean secret,
    String description) {

  /** Environment variables of every service start with this. */
  public static final String ENV_PREFIX = "AIRQ_";

  public ConfigKey {
    if (name == null || !name.matches("[a-z0-9]+([.-][a-z0-9]+)*")) {
      throw new IllegalArgumentException(
          "a key name is lower-case words joined by '.' or '-', was " + name);
    }
    if (type == null || description == null || description.isBlank()) {
      throw new IllegalArgumentException(name + ": a key needs a type and a description");
    }
    if (required && defaultValue != null) {
      throw new IllegalArgumentException(name + ": a required key has no default");
    }
    if (defaultValue != null && !(defaultValue.isBlank() && type.blankIsUnset())) {
      try {
        type.parse(defaultValue);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            name + ": the default " + defaultValue + " " + e.getMessage(), e);
      }
    }
  }

  /** A text key with a default ({@code ""} for "none"). */
  public static ConfigKey<String> text(String name, String dflt, String description) {
    return new ConfigKey<>(name, ValueType.TEXT, dflt, null, false, false, description);
  }

  /** A whole-number key in {@code [min, max]}. */
  public static ConfigKey<Integer> integer(
      String name, int dflt, int min, int max, String description) {
    return new ConfigKey<>(
        name, ValueType.integer(min, max), Integer.toString(dflt), null, false, false, description);
  }

  /** A whole-number key in {@code [min, max]}, for counts and milliseconds past 2^31. */
  public static ConfigKey<Long> longInteger(
      String name, long dflt, long min, long max, String description) {
    return new ConfigKey<>(
        name,
        ValueType.longInteger(min, max),
        Long.toString(dflt),
        null,
        false,
        false,
        description);
  }

  /** A decimal key in {@code [min, max]}. */
  public static ConfigKey<Double> decimal(
      String name, double dflt, double min, double max, String description) {
    String shown = dflt == Math.rint(dflt) ? Long.toString((long) dflt) : Double.toString(dflt);
    return new ConfigKey<>(
        name, ValueType.decimal(min, max), shown, null, false, false, description);
  }

  /** A true/false key. */
  public static ConfigKey<Boolean> bool(String name, boolean dflt, String description) {
    return new ConfigKey<>(
        name, ValueType.BOOLEAN, Boolean.toString(dflt), null, false, false, description);
  }

  /** A duration key; the default is shown in ISO-8601. */
  public static ConfigKey<Duration> duration(String name, Duration dflt, String description) {
    return new ConfigKey<>(
        name, ValueType.DURATION, dflt.toString(), null, false, false, description);
  }

  /** A key restricted to a few words. */
  public static ConfigKey<String> oneOf(
      String name, String dflt, List<String> choices, String description) {
    return new ConfigKey<>(name, ValueType.oneOf(choices), dflt, null, false, false, description);
  }

  /** This key, required (no default; start fails without a value). */
  public ConfigKey<T> asRequired() {
    return new ConfigKey<>(name, type, null, null, true, secret, description);
  }

  /** This key, a secret: shown as {@code ****}. */
  public ConfigKey<T> asSecret() {
    return new ConfigKey<>(name, type, defaultValue, defaultShown, required, true, description);
  }

  /** This key with a default computed at start; {@code shown} is what the docs print. */
  public ConfigKey<T> withComputedDefault(String shown) {
    return new ConfigKey<>(name, type, null, shown, false, secret, description);
  }

  /**
   * The environment variable: {@code AIRQ_} and the name upper-cased, {@code .} and {@code -} to
   * {@code _}.
   */
  public String envName() {
    return envName(name);
  }

  /** The environment variable of any key name, {@code kafka.*} pass-through keys included. */
  public static String envName(String keyName) {
    return ENV_PREFIX + keyName.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The default as the docs show it. */
  public String documentedDefault() {
    if (required) {
      return "(required)";
    }
    if (defaultShown != null) {
      return defaultShown;
    }
    return defaultValue == null || defaultValue.isEmpty() ? "(empty)" : defaultValue;
  }

  /**
   * Whether a Kafka client setting holds a secret by its name ({@code sasl.jaas.config}, {@code
   * ssl.keystore.password}, {@code ssl.key.password}); serializer class names are not secrets.
   */
  public static boolean isSecretKafkaSetting(String setting) {
    String s = setting.toLowerCase(Locale.ROOT);
    return s.contains("password")
        || s.contains("secret")
        || s.contains("jaas")
        || s.endsWith(".key")
        || s.contains("credentials")
        || s.contains("token");
  }
}
