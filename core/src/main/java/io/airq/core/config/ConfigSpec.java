package io.airq.core.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every key one service reads, and how its {@code kafka.*} pass-through works.
 *
 * @param service the service's name as the docs and error messages call it ({@code ingest})
 * @param keys the declared keys, in the order the docs list them
 * @param kafkaSetting which names (without {@code kafka.}) the service's Kafka clients know; any
 *     other {@code kafka.*} key is refused from a file and ignored with a warning from the
 *     environment
 * @param deprecatedEnvPrefixes older prefixes still read, with a warning ({@code AIRQ_SINK_} for
 *     {@code AIRQ_SINK_INFLUX_URL}); the uniform name wins when both are set
 */
public record ConfigSpec(
    String service,
    List<ConfigKey<?>> keys,
    Predicate<String> kafkaSetting,
    List<String> deprecatedEnvPrefixes) {

  public ConfigSpec {
    if (service == null || service.isBlank()) {
      throw new IllegalArgumentException("a configuration spec needs the service's name");
    }
    keys = List.copyOf(keys);
    deprecatedEnvPrefixes = List.copyOf(deprecatedEnvPrefixes);
    kafkaSetting = kafkaSetting == null ? name -> true : kafkaSetting;
    Map<String, String> byEnv = new HashMap<>();
    for (ConfigKey<?> k : keys) {
      String clash = byEnv.put(k.envName(), k.name());
      if (clash != null) {
        throw new IllegalArgumentException(
            service + ": keys " + clash + " and " + k.name() + " share " + k.envName());
      }
    }
  }

  /** A spec without deprecated prefixes. */
  public static ConfigSpec of(
      String service, Predicate<String> kafkaSetting, List<ConfigKey<?>> keys) {
    return new ConfigSpec(service, keys, kafkaSetting, List.of());
  }

  /** The same spec, also reading {@code prefix + KEY} from the environment, with a warning. */
  public ConfigSpec withDeprecatedEnvPrefix(String prefix) {
    List<String> p = new java.util.ArrayList<>(deprecatedEnvPrefixes);
    p.add(prefix);
    return new ConfigSpec(service, keys, kafkaSetting, p);
  }

  /** The declared key with this name. */
  public Optional<ConfigKey<?>> key(String name) {
    return keys.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  /** The declared key read from this environment variable. */
  public Optional<ConfigKey<?>> keyForEnv(String envName) {
    return keys.stream().filter(k -> k.envName().equals(envName)).findFirst();
  }

  /**
   * Whether the service reads this environment variable: a declared key's, or a {@code
   * AIRQ_KAFKA_*} one naming a known Kafka setting.
   */
  public boolean readsEnv(String envName) {
    return keyForEnv(envName).isPresent() || kafkaSettingOfEnv(envName).isPresent();
  }

  /** The Kafka setting an {@code AIRQ_KAFKA_*} variable names, when the clients know it. */
  Optional<String> kafkaSettingOfEnv(String envName) {
    String prefix = ConfigKey.ENV_PREFIX + "KAFKA_";
    if (!envName.startsWith(prefix) || envName.length() == prefix.length()) {
      return Optional.empty();
    }
    String setting =
        envName.substring(prefix.length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.');
    return kafkaSetting.test(setting) ? Optional.of(setting) : Optional.empty();
  }
}
