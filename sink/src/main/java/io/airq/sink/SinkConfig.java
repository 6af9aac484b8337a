package io.airq.sink;

import io.airq.core.config.ConfigKey;
import io.airq.core.config.ConfigLoader;
import io.airq.core.config.ConfigSpec;
import io.airq.core.config.ConfigValues;
import io.airq.core.config.KafkaClientSettings;
import io.airq.core.config.ValueType;
import io.airq.kit.InfluxLogin;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's configuration, parsed once by the shared loader ({@link ConfigLoader}) from a
 * properties file and {@code AIRQ_*} environment variables (the environment wins). The keys, each
 * with its only default, are declared in {@link Keys}; docs/configuration.md is generated from
 * them. Other {@code kafka.*} keys go to the Kafka clients as they are ({@link #kafka}).
 */
public record SinkConfig(
    String influxUrl,
    String influxDatabase,
    InfluxLogin influxLogin,
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
    Map<String, String> kafka,
    WebhookConfig webhook) {
  private static final Logger LOG = LoggerFactory.getLogger(SinkConfig.class);

  /** Checks what the keys' types cannot: every value present, names InfluxDB accepts. */
  public SinkConfig {
    for (String text :
        new String[] {
          influxUrl,
          rawPolicy,
          rawDuration,
          aggregatePolicy,
          kafkaBootstrap,
          groupId,
          topicPrefix,
          metricsBind
        }) {
      if (text == null) {
        throw new IllegalArgumentException("every setting needs a value (load() fills defaults)");
      }
    }
    URI u = URI.create(influxUrl);
    if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
      throw new IllegalArgumentException("influx.url must be http or https: " + influxUrl);
    }
    if (influxDatabase == null || !influxDatabase.matches("[A-Za-z0-9_\\-.]+")) {
      throw new IllegalArgumentException("influx.database has odd characters: " + influxDatabase);
    }
    if (!rawDuration.matches("INF|\\d+[mhdw]")) {
      throw new IllegalArgumentException("influx.raw.duration must be like 90d or INF");
    }
    for (String p : new String[] {rawPolicy, aggregatePolicy}) {
      if (!p.matches("[A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("retention policy names are [A-Za-z0-9_]: " + p);
      }
    }
    if (kafkaBootstrap.isBlank()) {
      throw new IllegalArgumentException("kafka.bootstrap.servers is required");
    }
    if (groupId.isBlank()) {
      throw new IllegalArgumentException("kafka.group.id must not be blank");
    }
    if (batchPoints < 1) {
      throw new IllegalArgumentException("batch.points must be positive");
    }
    if (linger == null || linger.isNegative()) {
      throw new IllegalArgumentException("batch.linger.ms must be 0 or more: " + linger);
    }
    if (maxBackoff == null || maxBackoff.isNegative() || maxBackoff.isZero()) {
      throw new IllegalArgumentException("retry.max.backoff.ms must be positive: " + maxBackoff);
    }
    if (metricsPort < 0 || metricsPort > 65535) {
      throw new IllegalArgumentException("metrics.port out of range: " + metricsPort);
    }
    influxLogin = influxLogin == null ? InfluxLogin.NONE : influxLogin;
    kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
    webhook = webhook == null ? WebhookConfig.OFF : webhook;
  }

  /** The defaults of {@link Keys}, on these servers and with this topic prefix. */
  public static SinkConfig of(
      String influxUrl, String database, String kafkaBootstrap, String topicPrefix) {
    Properties p = new Properties();
    p.setProperty(Keys.INFLUX_URL.name(), influxUrl);
    p.setProperty(Keys.INFLUX_DATABASE.name(), database);
    p.setProperty(Keys.KAFKA_BOOTSTRAP.name(), kafkaBootstrap);
    p.setProperty(Keys.TOPIC_PREFIX.name(), topicPrefix);
    return load(p, Map.of());
  }

  /**
   * Reads the keys of {@link Keys} from properties, overridden by environment variables ({@code
   * AIRQ_INFLUX_URL}; the older {@code AIRQ_SINK_INFLUX_URL} still works, with a warning).
   *
   * @throws io.airq.core.config.ConfigException naming every bad key
   */
  public static SinkConfig load(Properties props, Map<String, String> env) {
    ConfigValues v = ConfigLoader.load(Keys.SPEC, props, env);
    v.warnings().forEach(w -> LOG.warn("sink configuration: {}", w));
    return new SinkConfig(
        v.get(Keys.INFLUX_URL),
        v.get(Keys.INFLUX_DATABASE),
        InfluxLogin.of(v),
        v.get(Keys.INFLUX_CREATE),
        v.get(Keys.RAW_POLICY),
        v.get(Keys.RAW_DURATION),
        v.get(Keys.AGGREGATE_POLICY),
        v.get(Keys.KAFKA_BOOTSTRAP),
        v.get(Keys.GROUP_ID),
        v.get(Keys.TOPIC_PREFIX),
        v.get(Keys.BATCH_POINTS),
        Duration.ofMillis(v.get(Keys.LINGER_MS)),
        Duration.ofMillis(v.get(Keys.MAX_BACKOFF_MS)),
        v.get(Keys.METRICS_PORT),
        v.get(Keys.METRICS_BIND),
        v.kafka(),
        WebhookConfig.from(v));
  }

  /** Every key the sink reads; docs/configuration.md is generated from {@link #SPEC}. */
  public static final class Keys {
    private Keys() {}

    private static final ValueType<String> RETENTION =
        new ValueType<>(
            "90d, 12w, 24h, 30m or INF",
            s -> {
              if (!s.trim().matches("INF|\\d+[mhdw]")) {
                throw new IllegalArgumentException("must be like 90d or INF");
              }
              return s.trim();
            });

    static final ConfigKey<String> INFLUX_URL =
        ConfigKey.text(
            "influx.url",
            "http://127.0.0.1:8086",
            "InfluxDB URL, http or https; only the v1 API (`/write`, `/query`) is used.");
    static final ConfigKey<String> INFLUX_DATABASE =
        ConfigKey.text("influx.database", "airq", "The database written to.");
    static final ConfigKey<Boolean> INFLUX_CREATE =
        ConfigKey.bool(
            "influx.create", true, "Create the database and retention policies at start.");
    static final ConfigKey<String> RAW_POLICY =
        ConfigKey.text(
            "influx.raw.policy",
            "raw_90d",
            "Retention policy of the `reading` measurement; empty = the database default.");
    static final ConfigKey<String> RAW_DURATION =
        new ConfigKey<>(
            "influx.raw.duration",
            RETENTION,
            "90d",
            null,
            false,
            false,
            "Duration of the raw policy (INF = forever). InfluxDB refuses points older than"
                + " this, so the local stack sets INF for replays.");
    static final ConfigKey<String> AGGREGATE_POLICY =
        ConfigKey.text(
            "influx.aggregate.policy",
            "",
            "Retention policy of averages, closure phases and alerts; empty = the database"
                + " default (autogen, kept forever).");
    static final ConfigKey<String> KAFKA_BOOTSTRAP =
        ConfigKey.text(
            "kafka.bootstrap.servers",
            "127.0.0.1:9092",
            "Kafka bootstrap servers. Other `kafka.*` keys go to the Kafka clients as they are.");
    static final ConfigKey<String> GROUP_ID =
        ConfigKey.text("kafka.group.id", "airq-sink", "Consumer group of the sink.");
    static final ConfigKey<String> TOPIC_PREFIX =
        ConfigKey.text("topic.prefix", "", "Prefix of every airq Kafka topic name.");
    static final ConfigKey<Integer> BATCH_POINTS =
        ConfigKey.integer(
            "batch.points", 5000, 1, Integer.MAX_VALUE, "Points per InfluxDB write at most.");
    static final ConfigKey<Long> LINGER_MS =
        ConfigKey.longInteger(
            "batch.linger.ms",
            1000,
            0,
            Long.MAX_VALUE,
            "How long a partial batch waits for more points, in milliseconds.");
    static final ConfigKey<Long> MAX_BACKOFF_MS =
        ConfigKey.longInteger(
            "retry.max.backoff.ms",
            30000,
            1,
            Long.MAX_VALUE,
            "Longest wait between retries while InfluxDB is down, in milliseconds.");
    static final ConfigKey<Integer> METRICS_PORT =
        ConfigKey.integer(
            "metrics.port",
            0,
            0,
            65535,
            "Port of `/metrics` (Prometheus) and `/health`; 0 = no HTTP endpoint.");
    static final ConfigKey<String> METRICS_BIND =
        ConfigKey.text("metrics.bind", "127.0.0.1", "Address the metrics endpoint listens on.");

    /** The sink's keys; {@code AIRQ_SINK_<KEY>} is still read, with a warning. */
    public static final ConfigSpec SPEC =
        ConfigSpec.of(
                "sink",
                KafkaClientSettings.CLIENTS,
                Stream.concat(
                        Stream.<ConfigKey<?>>of(
                            INFLUX_URL,
                            INFLUX_DATABASE,
                            InfluxLogin.USER,
                            InfluxLogin.PASSWORD,
                            InfluxLogin.TOKEN,
                            INFLUX_CREATE,
                            RAW_POLICY,
                            RAW_DURATION,
                            AGGREGATE_POLICY,
                            KAFKA_BOOTSTRAP,
                            GROUP_ID,
                            TOPIC_PREFIX,
                            BATCH_POINTS,
                            LINGER_MS,
                            MAX_BACKOFF_MS,
                            METRICS_PORT,
                            METRICS_BIND),
                        WebhookConfig.Keys.ALL.stream())
                    .toList())
            .withDeprecatedEnvPrefix("AIRQ_SINK_");
  }

  /** Every setting, passwords, tokens and secret kafka.* settings shown as {@code ***}. */
  @Override
  public String toString() {
    return ("SinkConfig[influxUrl=%s, influxDatabase=%s, influxLogin=%s, createDatabase=%s, rawPolicy=%s, rawDuration=%s,"
            + " aggregatePolicy=%s, kafkaBootstrap=%s, groupId=%s, topicPrefix=%s, batchPoints=%s,"
            + " linger=%s, maxBackoff=%s, metricsPort=%s, metricsBind=%s, kafka=%s, webhook=%s]")
        .formatted(
            influxUrl,
            influxDatabase,
            influxLogin,
            createDatabase,
            rawPolicy,
            rawDuration,
            aggregatePolicy,
            kafkaBootstrap,
            groupId,
            topicPrefix,
            batchPoints,
            linger,
            maxBackoff,
            metricsPort,
            metricsBind,
            redacted(kafka),
            webhook);
  }

  private static Map<String, String> redacted(Map<String, String> kafka) {
    Map<String, String> out = new java.util.TreeMap<>();
    kafka.forEach((k, v) -> out.put(k, ConfigKey.isSecretKafkaSetting(k) ? "***" : v));
    return out;
  }
}
