package io.airq.planner;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The planner's configuration, parsed once. Keys (properties file; environment variables win, as
 * {@code AIRQ_PLANNER_HTTP_PORT} for {@code http.port}): {@code http.port} (default 8080, 0 = any
 * free port), {@code http.bind} (default 127.0.0.1), {@code influx.url} (default
 * http://127.0.0.1:8086), {@code influx.database} (airq), {@code influx.user}, {@code
 * influx.password}, {@code kafka.bootstrap.servers} (default 127.0.0.1:9092), {@code topic.prefix}
 * (""), {@code impact.coverage.gate} (0.75, phase coverage), {@code impact.hour.gate} (0.75, hourly
 * validity); other {@code kafka.*} keys go to the Kafka clients as they are.
 */
public record PlannerConfig(
    int httpPort,
    String httpBind,
    String influxUrl,
    String influxDatabase,
    String influxUser,
    String influxPassword,
    String kafkaBootstrap,
    String topicPrefix,
    double coverageGate,
    double hourGate,
    Map<String, String> kafka) {

  public PlannerConfig {
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("http.port out of range: " + httpPort);
    }
    if (!(coverageGate >= 0 && coverageGate <= 1) || !(hourGate >= 0 && hourGate <= 1)) {
      throw new IllegalArgumentException("coverage gates must be fractions between 0 and 1");
    }
    httpBind = httpBind == null || httpBind.isBlank() ? "127.0.0.1" : httpBind;
    influxDatabase = influxDatabase == null || influxDatabase.isBlank() ? "airq" : influxDatabase;
    influxUser = influxUser == null ? "" : influxUser;
    influxPassword = influxPassword == null ? "" : influxPassword;
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
    kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
  }

  /** Defaults for a local stack on the given endpoints. */
  public static PlannerConfig of(
      int httpPort, String influxUrl, String database, String kafkaBootstrap, String prefix) {
    return new PlannerConfig(
        httpPort, null, influxUrl, database, null, null, kafkaBootstrap, prefix, 0.75, 0.75, null);
  }

  /** Reads the keys above from properties, overridden by environment variables. */
  public static PlannerConfig load(Properties props, Map<String, String> env) {
    Map<String, String> m = new HashMap<>();
    props.stringPropertyNames().forEach(k -> m.put(k, props.getProperty(k)));
    for (String k :
        new String[] {
          "http.port",
          "http.bind",
          "influx.url",
          "influx.database",
          "influx.user",
          "influx.password",
          "kafka.bootstrap.servers",
          "topic.prefix",
          "impact.coverage.gate",
          "impact.hour.gate"
        }) {
      String e = env.get("AIRQ_PLANNER_" + k.toUpperCase(Locale.ROOT).replace('.', '_'));
      if (e != null) {
        m.put(k, e);
      }
    }
    Map<String, String> kafka = new HashMap<>();
    m.forEach(
        (k, v) -> {
          if (k.startsWith("kafka.") && !k.equals("kafka.bootstrap.servers")) {
            kafka.put(k.substring("kafka.".length()), v);
          }
        });
    return new PlannerConfig(
        Integer.parseInt(m.getOrDefault("http.port", "8080")),
        m.get("http.bind"),
        m.getOrDefault("influx.url", "http://127.0.0.1:8086"),
        m.get("influx.database"),
        m.get("influx.user"),
        m.get("influx.password"),
        m.getOrDefault("kafka.bootstrap.servers", "127.0.0.1:9092"),
        m.get("topic.prefix"),
        Double.parseDouble(m.getOrDefault("impact.coverage.gate", "0.75")),
        Double.parseDouble(m.getOrDefault("impact.hour.gate", "0.75")),
        kafka);
  }

  @Override
  public String toString() {
    return "PlannerConfig[httpPort="
        + httpPort
        + ", httpBind="
        + httpBind
        + ", influxUrl="
        + influxUrl
        + ", influxDatabase="
        + influxDatabase
        + ", influxUser="
        + influxUser
        + ", influxPassword="
        + (influxPassword.isEmpty() ? "" : "***")
        + ", kafkaBootstrap="
        + kafkaBootstrap
        + ", topicPrefix="
        + topicPrefix
        + ", coverageGate="
        + coverageGate
        + ", hourGate="
        + hourGate
        + ", kafka="
        + kafka.keySet()
        + "]";
  }
}
