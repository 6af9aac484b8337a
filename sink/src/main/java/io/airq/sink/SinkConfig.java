package io.airq.sink;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The sink's configuration, parsed once. Keys (properties file; environment variables win, as
 * {@code AIRQ_INFLUX_URL} or {@code AIRQ_SINK_INFLUX_URL} for {@code influx.url}):
 *
 * <ul>
 *   <li>{@code influx.url} (http://127.0.0.1:8086; http or https), {@code influx.database} (airq),
 *       {@code influx.user}, {@code influx.password}, {@code influx.token} (sent as {@code
 *       Authorization: Token …}, for InfluxDB 2.x/3.x v1 compatibility)
 *   <li>{@code influx.create} (true: create the database and retention policies at start), {@code
 *       influx.raw.policy} (raw_90d: the policy of the {@code reading} measurement; empty = the
 *       database default), {@code influx.raw.duration} (90d; INF = forever), {@code
 *       influx.aggregate.policy} (empty = the database default, autogen, kept forever)
 *   <li>{@code kafka.bootstrap.servers} (127.0.0.1:9092), {@code kafka.group.id} (airq-sink),
 *       {@code topic.prefix} (""); other {@code kafka.*} keys go to the Kafka clients as they are
 *       (environment {@code AIRQ_KAFKA_MAX_POLL_RECORDS} = {@code kafka.max.poll.records})
 *   <li>{@code batch.points} (5000), {@code batch.linger.ms} (1000), {@code retry.max.backoff.ms}
 *       (30000), {@code metrics.port} (0 = no HTTP endpoint), {@code metrics.bind} (127.0.0.1)
 * </ul>
 */
public record SinkConfig(
    String influxUrl,
    String influxDatabase,
    String influxUser,
    String influxPassword,
    String influxToken,
    boolean createDatabase,
    String rawPolicy,
    String rawDuration,
    String aggregatePolicy,
    String kafkaBootstrap,
    String groupId,
    String topicPrefix,
    int batchPoints,
    Duration linger,
    Duration maxBackoff,
    int metricsPort,
    String metricsBind,
    Map<String, String> kafka) {

  static final String[] KEYS = {
    "influx.url",
    "influx.database",
    "influx.user",
    "influx.password",
    "influx.token",
    "influx.create",
    "influx.raw.policy",
    "influx.raw.duration",
    "influx.aggregate.policy",
    "kafka.bootstrap.servers",
    "kafka.group.id",
    "topic.prefix",
    "batch.points",
    "batch.linger.ms",
    "retry.max.backoff.ms",
    "metrics.port",
    "metrics.bind"
  };

  public SinkConfig {
    URI u = URI.create(influxUrl == null ? "" : influxUrl);
    if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
      throw new IllegalArgumentException("influx.url must be http or https: " + influxUrl);
    }
    influxDatabase = blank(influxDatabase) ? "airq" : influxDatabase;
    if (!influxDatabase.matches("[A-Za-z0-9_\\-.]+")) {
      throw new IllegalArgumentException("influx.database has odd characters: " + influxDatabase);
    }
    influxUser = influxUser == null ? "" : influxUser;
    influxPassword = influxPassword == null ? "" : influxPassword;
    influxToken = influxToken == null ? "" : influxToken;
    rawPolicy = rawPolicy == null ? "" : rawPolicy;
    rawDuration = blank(rawDuration) ? "90d" : rawDuration;
    if (!rawDuration.matches("INF|\\d+[mhdw]")) {
      throw new IllegalArgumentException("influx.raw.duration must be like 90d or INF");
    }
    aggregatePolicy = aggregatePolicy == null ? "" : aggregatePolicy;
    for (String p : new String[] {rawPolicy, aggregatePolicy}) {
      if (!p.matches("[A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("retention policy names are [A-Za-z0-9_]: " + p);
      }
    }
    if (blank(kafkaBootstrap)) {
      throw new IllegalArgumentException("kafka.bootstrap.servers is required");
    }
    groupId = blank(groupId) ? "airq-sink" : groupId;
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
    if (batchPoints < 1) {
      throw new IllegalArgumentException("batch.points must be positive");
    }
    linger = linger == null ? Duration.ofSeconds(1) : linger;
    maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
    if (metricsPort < 0 || metricsPort > 65535) {
      throw new IllegalArgumentException("metrics.port out of range: " + metricsPort);
    }
    metricsBind = blank(metricsBind) ? "127.0.0.1" : metricsBind;
    kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
  }

  /**
   * Defaults (raw policy raw_90d, 5000 points / 1 s batches, no HTTP endpoint) on these servers.
   */
  public static SinkConfig of(
      String influxUrl, String database, String kafkaBootstrap, String topicPrefix) {
    return new SinkConfig(
        influxUrl,
        database,
        null,
        null,
        null,
        true,
        "raw_90d",
        "90d",
        null,
        kafkaBootstrap,
        null,
        topicPrefix,
        5000,
        null,
        null,
        0,
        null,
        null);
  }

  /** Reads the keys above from properties, overridden by environment variables. */
  public static SinkConfig load(Properties props, Map<String, String> env) {
    Map<String, String> m = new HashMap<>();
    props.stringPropertyNames().forEach(k -> m.put(k, props.getProperty(k)));
    env.forEach(
        (k, v) -> {
          if (k.startsWith("AIRQ_KAFKA_")) {
            m.put("kafka." + k.substring(11).toLowerCase(Locale.ROOT).replace('_', '.'), v);
          }
        });
    for (String k : KEYS) {
      String name = k.toUpperCase(Locale.ROOT).replace('.', '_');
      String e = env.getOrDefault("AIRQ_SINK_" + name, env.get("AIRQ_" + name));
      if (e != null) {
        m.put(k, e);
      }
    }
    Map<String, String> kafka = new HashMap<>();
    m.forEach(
        (k, v) -> {
          if (k.startsWith("kafka.")
              && !k.equals("kafka.bootstrap.servers")
              && !k.equals("kafka.group.id")) {
            kafka.put(k.substring("kafka.".length()), v);
          }
        });
    return new SinkConfig(
        m.getOrDefault("influx.url", "http://127.0.0.1:8086"),
        m.get("influx.database"),
        m.get("influx.user"),
        m.get("influx.password"),
        m.get("influx.token"),
        Boolean.parseBoolean(m.getOrDefault("influx.create", "true")),
        m.getOrDefault("influx.raw.policy", "raw_90d"),
        m.get("influx.raw.duration"),
        m.get("influx.aggregate.policy"),
        m.getOrDefault("kafka.bootstrap.servers", "127.0.0.1:9092"),
        m.get("kafka.group.id"),
        m.get("topic.prefix"),
        Integer.parseInt(m.getOrDefault("batch.points", "5000")),
        Duration.ofMillis(Long.parseLong(m.getOrDefault("batch.linger.ms", "1000"))),
        Duration.ofMillis(Long.parseLong(m.getOrDefault("retry.max.backoff.ms", "30000"))),
        Integer.parseInt(m.getOrDefault("metrics.port", "0")),
        m.get("metrics.bind"),
        kafka);
  }

  /** A copy with another group id, batch size and linger (tests, benchmark). */
  public SinkConfig withBatch(String group, int points, Duration lingerTime) {
    return new SinkConfig(
        influxUrl,
        influxDatabase,
        influxUser,
        influxPassword,
        influxToken,
        createDatabase,
        rawPolicy,
        rawDuration,
        aggregatePolicy,
        kafkaBootstrap,
        group,
        topicPrefix,
        points,
        lingerTime,
        maxBackoff,
        metricsPort,
        metricsBind,
        kafka);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  public String toString() {
    return "SinkConfig[influxUrl="
        + influxUrl
        + ", influxDatabase="
        + influxDatabase
        + ", influxUser="
        + influxUser
        + ", influxPassword="
        + (influxPassword.isEmpty() ? "" : "***")
        + ", influxToken="
        + (influxToken.isEmpty() ? "" : "***")
        + ", createDatabase="
        + createDatabase
        + ", rawPolicy="
        + rawPolicy
        + ", rawDuration="
        + rawDuration
        + ", aggregatePolicy="
        + aggregatePolicy
        + ", kafkaBootstrap="
        + kafkaBootstrap
        + ", groupId="
        + groupId
        + ", topicPrefix="
        + topicPrefix
        + ", batchPoints="
        + batchPoints
        + ", linger="
        + linger
        + ", maxBackoff="
        + maxBackoff
        + ", metricsPort="
        + metricsPort
        + ", metricsBind="
        + metricsBind
        + ", kafka="
        + redacted(kafka)
        + "]";
  }

  private static Map<String, String> redacted(Map<String, String> kafka) {
    Map<String, String> out = new java.util.TreeMap<>();
    kafka.forEach(
        (k, v) ->
            out.put(
                k,
                k.contains("password") || k.contains("jaas") || k.contains("secret") ? "***" : v));
    return out;
  }
}
