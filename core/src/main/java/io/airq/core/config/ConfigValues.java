package io.airq.core.config;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A service's configuration after loading: every declared key parsed and checked, the Kafka
 * pass-through settings, and the warnings to log once at start.
 *
 * @param spec the keys these values are for
 * @param values parsed value by key name; absent when a key without default is unset
 * @param kafka the {@code kafka.*} pass-through settings without the prefix, declared {@code
 *     kafka.*} keys excluded
 * @param warnings what the service should log at start (deprecated or unknown environment names)
 */
public record ConfigValues(
    ConfigSpec spec, Map<String, Object> values, Map<String, String> kafka, List<String> warnings) {

  public ConfigValues {
    values = Map.copyOf(values);
    kafka = Map.copyOf(kafka);
    warnings = List.copyOf(warnings);
  }

  /** The value of a declared key: configured, else the default; null when neither exists. */
  public <T> T get(ConfigKey<T> key) {
    if (spec.key(key.name()).isEmpty()) {
      throw new IllegalArgumentException(key.name() + " is not a key of " + spec.service());
    }
    return cast(key, values.get(key.name()));
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(ConfigKey<T> key, Object v) {
    return (T) v;
  }

  /** Every value, secrets shown as {@code ****}: what a service logs at start. */
  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(", ", spec.service() + " configuration [", "]");
    for (ConfigKey<?> k : spec.keys()) {
      Object v = values.get(k.name());
      j.add(
          k.name()
              + "="
              + (v == null
                  ? ""
                  : k.secret() && !v.toString().isEmpty()
                      ? "****"
                      : Redaction.redact(v.toString())));
    }
    new java.util.TreeMap<>(kafka)
        .forEach(
            (s, v) ->
                j.add(
                    "kafka."
                        + s
                        + "="
                        + (ConfigKey.isSecretKafkaSetting(s) ? "****" : Redaction.redact(v))));
    return j.toString();
  }
}
