package io.airq.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads one service's configuration: the properties file, then the environment, which wins. A key
 * {@code mqtt.share-group} is read from {@code AIRQ_MQTT_SHARE_GROUP}; {@code kafka.*} keys the
 * service does not declare go to its Kafka clients as they are ({@code AIRQ_KAFKA_MAX_POLL_RECORDS}
 * = {@code kafka.max.poll.records} = {@code max.poll.records}).
 *
 * <p>Unknown keys in the file, and {@code kafka.*} names the Kafka clients do not know, stop the
 * start: the file belongs to this service, so a stray key there is a typo. Unknown {@code AIRQ_*}
 * environment variables only produce a warning: one environment is often shared by several services
 * (a shell, a CI job, the test kit's {@code AIRQ_KAFKA_BOOTSTRAP}), so each service sees the
 * others' variables. Docker Compose files are checked against the keys by a test instead.
 */
public final class ConfigLoader {

  /** Variables the launcher and the build read; not configuration, never warned about. */
  public static final Set<String> LAUNCHER_VARIABLES =
      Set.of(
          "AIRQ_JAVA_OPTS",
          "AIRQ_LOG_LEVEL",
          "AIRQ_LOG_FILE",
          "AIRQ_LOG_LIBRARY_CONSOLE_LEVEL",
          "AIRQ_SHARED_DATA");

  private ConfigLoader() {}

  /** Reads a properties file (UTF-8); null reads nothing. */
  public static Properties readFile(Path file) throws IOException {
    Properties p = new Properties();
    if (file != null) {
      try (Reader r = Files.newBufferedReader(file)) {
        p.load(r);
      }
    }
    return p;
  }

  /**
   * Loads the spec's keys from the file's properties and the environment.
   *
   * @throws ConfigException listing every problem, each naming its key
   */
  public static ConfigValues load(ConfigSpec spec, Properties file, Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Map<String, String> text = new HashMap<>();
    Map<String, String> source = new HashMap<>();
    Map<String, String> kafka = new TreeMap<>();

    for (String name : new TreeMap<>(toMap(file)).keySet()) {
      String value = file.getProperty(name);
      if (spec.key(name).isPresent()) {
        text.put(name, value);
        source.put(name, "the file");
      } else if (name.startsWith("kafka.")) {
        String setting = name.substring("kafka.".length());
        if (!setting.isEmpty() && spec.kafkaSetting().test(setting)) {
          kafka.put(setting, value);
        } else {
          problems.add(
              name + " (in the file) is not a Kafka client setting" + suggestion(spec, name));
        }
      } else {
        problems.add(
            name + " (in the file) is not a key of " + spec.service() + suggestion(spec, name));
      }
    }

    Map<String, String> canonical = new TreeMap<>();
    Map<String, String> deprecated = new TreeMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(ConfigKey.ENV_PREFIX) || LAUNCHER_VARIABLES.contains(name)) {
        continue;
      }
      Optional<ConfigKey<?>> key = spec.keyForEnv(name);
      if (key.isPresent()) {
        canonical.put(key.get().name(), e.getValue());
        source.put(key.get().name(), name);
        continue;
      }
      Optional<String> setting = spec.kafkaSettingOfEnv(name);
      if (setting.isPresent()) {
        kafka.put(setting.get(), e.getValue());
        continue;
      }
      Optional<ConfigKey<?>> old = deprecatedKey(spec, name);
      if (old.isPresent()) {
        deprecated.put(old.get().name(), e.getValue());
        source.putIfAbsent(old.get().name(), name);
        warnings.add(name + " is deprecated; use " + old.get().envName());
      } else if (name.startsWith(ConfigKey.ENV_PREFIX + "KAFKA_")) {
        warnings.add(
            name
                + " names no Kafka client setting "
                + spec.service()
                + " knows; ignored"
                + suggestion(spec, name));
      } else {
        warnings.add(
            name + " is not a setting of " + spec.service() + "; ignored" + suggestion(spec, name));
      }
    }
    text.putAll(deprecated);
    text.putAll(canonical);

    Map<String, Object> values = new HashMap<>();
    for (ConfigKey<?> k : spec.keys()) {
      String v = text.get(k.name());
      boolean unset = v == null || (v.isBlank() && (k.required() || k.type().blankIsUnset()));
      if (unset && k.required()) {
        problems.add(
            k.name() + " is required (" + k.name() + " in the file or " + k.envName() + ")");
        continue;
      }
      String raw = unset ? k.defaultValue() : v;
      if (raw == null || (raw.isBlank() && k.type().blankIsUnset())) {
        continue;
      }
      try {
        values.put(k.name(), k.type().parse(raw));
      } catch (IllegalArgumentException ex) {
        String shown = k.secret() ? "****" : "'" + raw + "'";
        problems.add(
            k.name()
                + " "
                + ex.getMessage()
                + ", was "
                + shown
                + " (from "
                + source.getOrDefault(k.name(), "the default")
                + ")");
      }
    }
    if (!problems.isEmpty()) {
      warnings.forEach(w -> problems.add("(warning) " + w));
      throw new ConfigException(spec.service(), problems);
    }
    return new ConfigValues(spec, values, kafka, warnings);
  }

  private static Optional<ConfigKey<?>> deprecatedKey(ConfigSpec spec, String envName) {
    for (String prefix : spec.deprecatedEnvPrefixes()) {
      if (envName.startsWith(prefix)) {
        Optional<ConfigKey<?>> k =
            spec.keyForEnv(ConfigKey.ENV_PREFIX + envName.substring(prefix.length()));
        if (k.isPresent()) {
          return k;
        }
      }
    }
    return Optional.empty();
  }

  /** "; did you mean X?" for the closest declared key or variable, or nothing. */
  static String suggestion(ConfigSpec spec, String unknown) {
    boolean env = unknown.startsWith(ConfigKey.ENV_PREFIX);
    return spec.keys().stream()
        .map(k -> env ? k.envName() : k.name())
        .filter(
            known ->
                known.startsWith(unknown + (env ? "_" : "."))
                    || distance(known, unknown) <= Math.max(2, unknown.length() / 6))
        .min(Comparator.comparingInt(known -> distance(known, unknown)))
        .map(known -> "; did you mean " + known + "?")
        .orElse("");
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int same = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + same);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static Map<String, String> toMap(Properties p) {
    Map<String, String> m = new HashMap<>();
    p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
    return m;
  }
}
