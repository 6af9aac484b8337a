package io.airq.streams;

import io.airq.core.average.AverageWindow;
import io.airq.core.reading.Quantity;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The streams service's configuration, read once from a properties file and {@code AIRQ_*}
 * environment variables (the environment wins: {@code AIRQ_TOPIC_PREFIX} sets {@code topic.prefix},
 * {@code AIRQ_KAFKA_SASL_MECHANISM} sets {@code kafka.sasl.mechanism}). {@code kafka.*} keys go to
 * Kafka Streams as they are, without the prefix.
 *
 * @param applicationId Kafka Streams application.id (consumer group, changelog prefix)
 * @param kafka client properties (bootstrap.servers required)
 * @param stateDir local state directory
 * @param standbyReplicas num.standby.replicas
 * @param threads num.stream.threads
 * @param settings the topology's settings
 */
public record StreamsConfig(
    String applicationId,
    Map<String, String> kafka,
    Path stateDir,
    int standbyReplicas,
    int threads,
    StreamsSettings settings) {

  static final List<String> KEYS =
      List.of(
          "application.id",
          "state.dir",
          "streams.standby-replicas",
          "streams.threads",
          "topic.prefix",
          "dedup.horizon",
          "grace.1m",
          "grace.1h",
          "grace.24h",
          "alert.pm25",
          "alert.pm10",
          "alert.no2",
          "coverage.gate");

  public StreamsConfig {
    if (applicationId == null || applicationId.isBlank()) {
      throw new IllegalArgumentException("application.id must not be blank");
    }
    kafka = Map.copyOf(kafka);
    if (!kafka.containsKey("bootstrap.servers")) {
      throw new IllegalArgumentException("kafka.bootstrap.servers is required");
    }
    if (standbyReplicas < 0 || threads < 1) {
      throw new IllegalArgumentException("standby replicas >= 0 and threads >= 1 required");
    }
  }

  public static StreamsConfig load(Path file, Map<String, String> env) throws IOException {
    Properties p = new Properties();
    if (file != null) {
      try (Reader r = Files.newBufferedReader(file)) {
        p.load(r);
      }
    }
    return from(p, env);
  }

  public static StreamsConfig from(Properties props, Map<String, String> env) {
    Map<String, String> all = new TreeMap<>();
    props.stringPropertyNames().forEach(k -> all.put(k, props.getProperty(k)));
    env.forEach(
        (name, value) -> {
          if (name.startsWith("AIRQ_KAFKA_")) {
            all.put(
                "kafka." + name.substring(11).toLowerCase(Locale.ROOT).replace('_', '.'), value);
          }
        });
    for (String key : KEYS) {
      String envName = "AIRQ_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
      if (env.containsKey(envName)) {
        all.put(key, env.get(envName));
      }
    }
    Map<String, String> kafka =
        all.entrySet().stream()
            .filter(e -> e.getKey().startsWith("kafka."))
            .collect(Collectors.toMap(e -> e.getKey().substring(6), Map.Entry::getValue));
    Map<AverageWindow, Duration> grace = new EnumMap<>(AverageWindow.class);
    for (AverageWindow w : AverageWindow.values()) {
      grace.put(w, duration(all, "grace." + w.id(), StreamsSettings.DEFAULT_GRACE));
    }
    Map<Quantity, Double> alerts = new EnumMap<>(Quantity.class);
    alerts.put(Quantity.PM25, number(all, "alert.pm25", 15));
    alerts.put(Quantity.PM10, number(all, "alert.pm10", 45));
    alerts.put(Quantity.NO2, number(all, "alert.no2", 25));
    StreamsSettings settings =
        new StreamsSettings(
            all.getOrDefault("topic.prefix", ""),
            duration(all, "dedup.horizon", Duration.ofHours(48)),
            grace,
            alerts,
            number(all, "coverage.gate", 75),
            null);
    return new StreamsConfig(
        all.getOrDefault("application.id", "airq-streams"),
        kafka,
        Path.of(
            all.getOrDefault(
                "state.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "airq-streams").toString())),
        (int) number(all, "streams.standby-replicas", 0),
        (int) number(all, "streams.threads", 1),
        settings);
  }

  /** ISO-8601 (PT26H) or a number with a unit: 90s, 30m, 26h, 2d. */
  static Duration duration(Map<String, String> all, String key, Duration dflt) {
    String v = all.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    v = v.trim();
    try {
      if (v.startsWith("P") || v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new IllegalArgumentException(key + ": unknown unit in " + v);
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(key + ": not a duration: " + v, e);
    }
  }

  private static double number(Map<String, String> all, String key, double dflt) {
    String v = all.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": not a number: " + v, e);
    }
  }

  @Override
  public String toString() {
    Map<String, String> redacted = new TreeMap<>();
    kafka.forEach(
        (k, v) -> {
          String l = k.toLowerCase(Locale.ROOT);
          boolean secret = l.contains("password") || l.contains("secret") || l.contains("jaas");
          redacted.put(k, secret ? "***" : v);
        });
    return "StreamsConfig[applicationId="
        + applicationId
        + ", kafka="
        + redacted
        + ", stateDir="
        + stateDir
        + ", standbyReplicas="
        + standbyReplicas
        + ", threads="
        + threads
        + ", settings="
        + settings
        + "]";
  }
}
