package io.airq.streams;

import io.airq.core.average.AverageWindow;
import io.airq.core.config.ConfigKey;
import io.airq.core.config.ConfigLoader;
import io.airq.core.config.ConfigSpec;
import io.airq.core.config.ConfigValues;
import io.airq.core.config.KafkaClientSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams service's configuration, read once by the shared loader ({@link ConfigLoader}; keys
 * declared in {@link Keys}, docs/configuration.md generated from them) from a properties file and
 * {@code AIRQ_*} environment variables (the environment wins: {@code AIRQ_TOPIC_PREFIX} sets {@code
 * topic.prefix}, {@code AIRQ_KAFKA_SASL_MECHANISM} sets {@code kafka.sasl.mechanism}). {@code
 * kafka.*} keys go to Kafka Streams as they are, without the prefix.
 *
 * @param applicationId Kafka Streams application.id (consumer group, changelog prefix)
 * @param kafka client properties (bootstrap.servers required)
 * @param stateDir local state directory
 * @param standbyReplicas num.standby.replicas
 * @param threads num.stream.threads
 * @param settings the topology's settings
 * @param metricsBind address of /health and /metrics
 * @param metricsPort port of /health and /metrics; 0 = none, -1 = any free port
 */
public record StreamsConfig(
    String applicationId,
    Map<String, String> kafka,
    Path stateDir,
    int standbyReplicas,
    int threads,
    StreamsSettings settings,
    String metricsBind,
    int metricsPort) {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsConfig.class);

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
    metricsBind = metricsBind == null || metricsBind.isBlank() ? "127.0.0.1" : metricsBind;
    if (metricsPort < -1 || metricsPort > 65535) {
      throw new IllegalArgumentException("metrics.port out of range: " + metricsPort);
    }
  }

  /** A config without /health and /metrics (the in-process pipeline, tests, benchmarks). */
  public StreamsConfig(
      String applicationId,
      Map<String, String> kafka,
      Path stateDir,
      int standbyReplicas,
      int threads,
      StreamsSettings settings) {
    this(applicationId, kafka, stateDir, standbyReplicas, threads, settings, null, 0);
  }

  /** Reads a properties file (may be null) and overlays the environment. */
  public static StreamsConfig load(Path file, Map<String, String> env) throws IOException {
    return from(ConfigLoader.readFile(file), env);
  }

  /**
   * Builds the config from properties overlaid with {@code AIRQ_*} environment variables.
   *
   * @throws io.airq.core.config.ConfigException naming every bad or missing key
   */
  public static StreamsConfig from(Properties props, Map<String, String> env) {
    ConfigValues v = ConfigLoader.load(Keys.SPEC, props, env);
    v.warnings().forEach(w -> LOG.warn("streams configuration: {}", w));
    Map<String, String> kafka = new TreeMap<>(v.kafka());
    kafka.put("bootstrap.servers", v.get(Keys.KAFKA_BOOTSTRAP));
    Map<AverageWindow, Duration> grace = new EnumMap<>(AverageWindow.class);
    Keys.GRACE.forEach((w, key) -> grace.put(w, v.get(key)));
    StreamsSettings settings =
        new StreamsSettings(
            v.get(Keys.TOPIC_PREFIX),
            v.get(Keys.DIGEST_HORIZON),
            grace,
            v.get(Keys.COVERAGE_GATE),
            null,
            v.get(Keys.EMIT_INTERVAL),
            v.get(Keys.QUARANTINE_HORIZON),
            StreamsSettings.zone(v.get(Keys.DAY_ZONE)));
    String stateDir = v.get(Keys.STATE_DIR);
    return new StreamsConfig(
        v.get(Keys.APPLICATION_ID),
        kafka,
        stateDir == null
            ? Path.of(System.getProperty("java.io.tmpdir"), "airq-streams")
            : Path.of(stateDir),
        v.get(Keys.STANDBY_REPLICAS),
        v.get(Keys.THREADS),
        settings,
        v.get(Keys.METRICS_BIND),
        v.get(Keys.METRICS_PORT));
  }

  /** Every key the streams job reads; docs/configuration.md is generated from {@link #SPEC}. */
  public static final class Keys {
    private Keys() {}

    private static final List<String> STREAMS_PREFIXES =
        List.of(
            "consumer.",
            "producer.",
            "admin.",
            "main.consumer.",
            "restore.consumer.",
            "global.consumer.",
            "topic.");

    static final ConfigKey<String> KAFKA_BOOTSTRAP =
        ConfigKey.text(
                "kafka.bootstrap.servers",
                null,
                "Kafka bootstrap servers. Other `kafka.*` keys go to Kafka Streams as they are"
                    + " (`kafka.consumer.max.poll.records` too).")
            .asRequired();
    static final ConfigKey<String> APPLICATION_ID =
        ConfigKey.text(
            "application.id",
            "airq-streams",
            "Kafka Streams application id: consumer group and prefix of internal topics.");
    static final ConfigKey<String> STATE_DIR =
        ConfigKey.text("state.dir", null, "Directory of the local RocksDB state stores.")
            .withComputedDefault("<java.io.tmpdir>/airq-streams");
    static final ConfigKey<Integer> STANDBY_REPLICAS =
        ConfigKey.integer(
            "streams.standby-replicas",
            0,
            0,
            100,
            "`num.standby.replicas`: warm copies of the state on other instances.");
    static final ConfigKey<Integer> THREADS =
        ConfigKey.integer("streams.threads", 1, 1, 256, "`num.stream.threads` per instance.");
    static final ConfigKey<String> TOPIC_PREFIX =
        ConfigKey.text("topic.prefix", "", "Prefix of every airq Kafka topic name.");
    static final ConfigKey<Duration> DIGEST_HORIZON =
        ConfigKey.duration(
            "dedup.digest-horizon",
            StreamsSettings.DEFAULT_DIGEST_HORIZON,
            "How long the digest of a payload without a time of its own is remembered, to drop a"
                + " copy the broker redelivered after a bridge crash; at least the bridge's"
                + " `mqtt.session-expiry`. (The (sensor, time) horizon is not set: it is the hour"
                + " store's retention, from the `grace.*` keys.)");
    static final Map<AverageWindow, ConfigKey<Duration>> GRACE = graceKeys();
    static final ConfigKey<Duration> EMIT_INTERVAL =
        ConfigKey.duration(
            "emit.interval",
            StreamsSettings.DEFAULT_EMIT_INTERVAL,
            "How often each sensor's and area's changed windows are emitted (wall-clock); every"
                + " update of a window in that time becomes one record downstream (a minute that"
                + " its sensor's interval fills is emitted at once). Shorter = fresher hourly,"
                + " 24-hour and area means, more records for the sink and InfluxDB: with sensors"
                + " reporting every 10 s, 10 s writes each sensor's hour once per reading.");
    static final ConfigKey<Duration> QUARANTINE_HORIZON =
        ConfigKey.duration(
            "quarantine.horizon",
            StreamsSettings.DEFAULT_QUARANTINE_HORIZON,
            "How long readings of a sensor not in the registry are held: registered within this"
                + " time (wall-clock, from when they were quarantined), they are fed back into the"
                + " pipeline once; older ones stay only in the quarantine topic.");
    static final ConfigKey<Double> COVERAGE_GATE =
        ConfigKey.decimal(
            "coverage.gate",
            75,
            0.001,
            100,
            "Percent of the expected readings a window needs to be valid.");

    static final ConfigKey<String> DAY_ZONE =
        ConfigKey.text(
            "day.zone",
            "UTC",
            "Default time zone of the local calendar day (window `day`) for sensors without a"
                + " `zone` of their own in the registry: EPA's daily AQI, CPCB's NAQI day and the"
                + " WHO 24-hour alerts of a day are on the hours of that day in this zone, e.g."
                + " `Africa/Nairobi` (docs/quality.md).");

    static final ConfigKey<Integer> METRICS_PORT =
        ConfigKey.integer(
            "metrics.port",
            8083,
            -1,
            65535,
            "Port of `/health` (the streams state, Kafka reachable) and `/metrics` (Prometheus);"
                + " 0 = no HTTP endpoint, -1 = any free port.");
    static final ConfigKey<String> METRICS_BIND =
        ConfigKey.text("metrics.bind", "127.0.0.1", "Address `/health` and `/metrics` listen on.");

    /** The streams job's keys. */
    public static final ConfigSpec SPEC = ConfigSpec.of("streams", Keys::kafkaSetting, keys());

    private static Map<AverageWindow, ConfigKey<Duration>> graceKeys() {
      Map<AverageWindow, ConfigKey<Duration>> m = new EnumMap<>(AverageWindow.class);
      for (AverageWindow w : AverageWindow.values()) {
        if (w == AverageWindow.DAY) {
          continue; // the calendar day is made of hours and takes grace.24h, like the 24-hour mean
        }
        m.put(
            w,
            ConfigKey.duration(
                "grace." + w.id(),
                StreamsSettings.DEFAULT_GRACE,
                "Grace of the "
                    + w.id()
                    + " windows: how late a reading may arrive and still count"
                    + (w == AverageWindow.HOUR ? "; later ones go to the late topic." : ".")));
      }
      return m;
    }

    private static List<ConfigKey<?>> keys() {
      List<ConfigKey<?>> k =
          new ArrayList<>(
              List.of(
                  KAFKA_BOOTSTRAP,
                  APPLICATION_ID,
                  STATE_DIR,
                  STANDBY_REPLICAS,
                  THREADS,
                  TOPIC_PREFIX,
                  DIGEST_HORIZON));
      k.addAll(GRACE.values());
      k.add(COVERAGE_GATE);
      k.add(EMIT_INTERVAL);
      k.add(QUARANTINE_HORIZON);
      k.add(DAY_ZONE);
      k.add(METRICS_PORT);
      k.add(METRICS_BIND);
      return k;
    }

    private static boolean kafkaSetting(String name) {
      if (KafkaClientSettings.CLIENTS.test(name)
          || org.apache.kafka.streams.StreamsConfig.configDef().names().contains(name)) {
        return true;
      }
      return STREAMS_PREFIXES.stream()
          .anyMatch(
              p ->
                  name.startsWith(p)
                      && name.length() > p.length()
                      && kafkaSetting(name.substring(p.length())));
    }
  }

  @Override
  public String toString() {
    Map<String, String> redacted = new TreeMap<>();
    kafka.forEach(
        (k, v) -> {
          redacted.put(k, ConfigKey.isSecretKafkaSetting(k) ? "***" : v);
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
        + ", metricsBind="
        + metricsBind
        + ", metricsPort="
        + metricsPort
        + "]";
  }
}
