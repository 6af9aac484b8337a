package io.airq.ingest;

import io.airq.core.config.ConfigKey;
import io.airq.core.config.ConfigLoader;
import io.airq.core.config.ConfigSpec;
import io.airq.core.config.ConfigValues;
import io.airq.core.config.KafkaClientSettings;
import io.airq.core.reading.SourceFormat;
import io.airq.ingest.payload.ParseLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's configuration, read once by the shared loader ({@link ConfigLoader}) from a
 * properties file and {@code AIRQ_*} environment variables (the environment wins; {@code
 * AIRQ_MQTT_SHARE_GROUP} sets {@code mqtt.share-group}, {@code AIRQ_KAFKA_SASL_MECHANISM} sets
 * {@code kafka.sasl.mechanism}). {@code kafka.*} keys go to the Kafka producer as they are. The
 * keys are declared in {@link Keys}; docs/configuration.md is generated from them.
 *
 * @param mqttUrl broker URL, {@code tcp://host:1883} or {@code ssl://host:8883} (TLS)
 * @param mqttClientId the client id; keep it stable, the persistent session is bound to it
 * @param mqttUsername user name, empty for none
 * @param mqttPassword password, empty for none (redacted in {@link #toString()})
 * @param shareGroup shared-subscription group; empty subscribes to the plain filter
 * @param topicFilter the topic filter, {@code airq/v1/#}
 * @param sessionExpiry how long the broker keeps the session (and its queued messages) offline
 * @param receiveMaximum how many unacknowledged messages the broker may send at once
 * @param kafka producer properties, including {@code bootstrap.servers}
 * @param topicPrefix prefix of the airq topic names
 * @param httpPort port of /health, /metrics and the HTTP push; 0 = no HTTP server, -1 = any port
 * @param defaultFormat a format forced for topics without a format segment; empty = detect
 * @param limits payload limits
 * @param pushTimeout how long an HTTP push waits for Kafka before answering 503
 * @param strictGateways strict gateway mode: a gateway may publish only sensors registered to it
 * @param workers threads that parse MQTT messages and hand them to Kafka; 0 = one per available
 *     processor. A topic is always handled by the same thread, so its messages keep their order.
 * @param tls trust store and client key store for {@code ssl://} broker URLs
 */
public record BridgeConfig(
    String mqttUrl,
    String mqttClientId,
    String mqttUsername,
    String mqttPassword,
    String shareGroup,
    String topicFilter,
    Duration sessionExpiry,
    int receiveMaximum,
    Map<String, String> kafka,
    String topicPrefix,
    int httpPort,
    Optional<SourceFormat> defaultFormat,
    ParseLimits limits,
    Duration pushTimeout,
    boolean strictGateways,
    int workers,
    MqttTls tls) {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeConfig.class);

  public BridgeConfig {
    Objects.requireNonNull(mqttUrl, "mqtt.url");
    Objects.requireNonNull(mqttClientId, "mqtt.client-id");
    kafka = Map.copyOf(kafka);
    if (!kafka.containsKey("bootstrap.servers")) {
      throw new IllegalArgumentException("kafka.bootstrap.servers is required");
    }
    if (mqttClientId.isBlank()) {
      throw new IllegalArgumentException("mqtt.client-id must not be blank");
    }
    if (receiveMaximum < 1 || receiveMaximum > 65535) {
      throw new IllegalArgumentException("mqtt.receive-maximum must be 1..65535");
    }
    tls = tls == null ? MqttTls.NONE : tls;
    if (tls.isCustom() && !mqttUrl.startsWith("ssl://")) {
      throw new IllegalArgumentException(
          "mqtt.tls.trust-store and mqtt.tls.key-store need an ssl:// mqtt.url, not " + mqttUrl);
    }
    if (workers < 0) {
      throw new IllegalArgumentException("ingest.workers must be 0 (one per processor) or more");
    }
    if (httpPort < -1 || httpPort > 65535) {
      throw new IllegalArgumentException("http.port must be -1..65535");
    }
    mqttUsername = mqttUsername == null ? "" : mqttUsername;
    mqttPassword = mqttPassword == null ? "" : mqttPassword;
    shareGroup = shareGroup == null ? "" : shareGroup;
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
  }

  /** Defaults for everything but the two endpoints and the topic prefix. */
  public static BridgeConfig defaults(String mqttUrl, String kafkaBootstrap, String topicPrefix) {
    return new BridgeConfig(
        mqttUrl,
        "airq-ingest-" + hostName(),
        "",
        "",
        "airq-ingest",
        "airq/v1/#",
        Duration.ofHours(1),
        1000,
        Map.of("bootstrap.servers", kafkaBootstrap),
        topicPrefix,
        8081,
        Optional.empty(),
        ParseLimits.DEFAULTS,
        Duration.ofSeconds(30),
        false,
        0,
        MqttTls.NONE);
  }

  /** The number of worker threads: {@link #workers}, or one per available processor. */
  public int workerThreads() {
    return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
  }

  /** The subscription filter: {@code $share/<group>/<filter>}, or the filter alone. */
  public String subscription() {
    return shareGroup.isEmpty() ? topicFilter : "$share/" + shareGroup + "/" + topicFilter;
  }

  public BridgeConfig withClientId(String id) {
    return new BridgeConfig(
        mqttUrl,
        id,
        mqttUsername,
        mqttPassword,
        shareGroup,
        topicFilter,
        sessionExpiry,
        receiveMaximum,
        kafka,
        topicPrefix,
        httpPort,
        defaultFormat,
        limits,
        pushTimeout,
        strictGateways,
        workers,
        tls);
  }

  public BridgeConfig withShareGroup(String group) {
    return new BridgeConfig(
        mqttUrl,
        mqttClientId,
        mqttUsername,
        mqttPassword,
        group,
        topicFilter,
        sessionExpiry,
        receiveMaximum,
        kafka,
        topicPrefix,
        httpPort,
        defaultFormat,
        limits,
        pushTimeout,
        strictGateways,
        workers,
        tls);
  }

  public BridgeConfig withTopicFilter(String filter) {
    return new BridgeConfig(
        mqttUrl,
        mqttClientId,
        mqttUsername,
        mqttPassword,
        shareGroup,
        filter,
        sessionExpiry,
        receiveMaximum,
        kafka,
        topicPrefix,
        httpPort,
        defaultFormat,
        limits,
        pushTimeout,
        strictGateways,
        workers,
        tls);
  }

  public BridgeConfig withHttpPort(int port) {
    return new BridgeConfig(
        mqttUrl,
        mqttClientId,
        mqttUsername,
        mqttPassword,
        shareGroup,
        topicFilter,
        sessionExpiry,
        receiveMaximum,
        kafka,
        topicPrefix,
        port,
        defaultFormat,
        limits,
        pushTimeout,
        strictGateways,
        workers,
        tls);
  }

  public BridgeConfig withCredentials(String username, String password) {
    return new BridgeConfig(
        mqttUrl,
        mqttClientId,
        username,
        password,
        shareGroup,
        topicFilter,
        sessionExpiry,
        receiveMaximum,
        kafka,
        topicPrefix,
        httpPort,
        defaultFormat,
        limits,
        pushTimeout,
        strictGateways,
        workers,
        tls);
  }

  public BridgeConfig withKafka(String key, String value) {
    Map<String, String> k = new TreeMap<>(kafka);
    k.put(key, value);
    return new BridgeConfig(
        mqttUrl,
        mqttClientId,
        mqttUsername,
        mqttPassword,
        shareGroup,
        topicFilter,
        sessionExpiry,
        receiveMaximum,
        k,
        topicPrefix,
        httpPort,
        defaultFormat,
        limits,
        pushTimeout,
        strictGateways,
        workers,
        tls);
  }

  public BridgeConfig withLimits(ParseLimits newLimits) {
    return new BridgeConfig(
        mqttUrl,
        mqttClientId,
        mqttUsername,
        mqttPassword,
        shareGroup,
        topicFilter,
        sessionExpiry,
        receiveMaximum,
        kafka,
        topicPrefix,
        httpPort,
        defaultFormat,
        newLimits,
        pushTimeout,
        strictGateways,
        workers,
        tls);
  }

  /** Reads a properties file (may be null) and overlays the environment. */
  public static BridgeConfig load(Path file, Map<String, String> env) throws IOException {
    return from(ConfigLoader.readFile(file), env);
  }

  /**
   * Builds the config from properties overlaid with {@code AIRQ_*} environment variables; logs the
   * loader's warnings (unknown variables) once.
   *
   * @throws io.airq.core.config.ConfigException naming every bad or missing key
   */
  public static BridgeConfig from(Properties props, Map<String, String> env) {
    ConfigValues v = ConfigLoader.load(Keys.SPEC, props, env);
    v.warnings().forEach(w -> LOG.warn("ingest configuration: {}", w));
    Map<String, String> kafka = new TreeMap<>(v.kafka());
    kafka.put("bootstrap.servers", v.get(Keys.KAFKA_BOOTSTRAP));
    String clientId = v.get(Keys.CLIENT_ID);
    return new BridgeConfig(
        v.get(Keys.MQTT_URL),
        clientId == null ? "airq-ingest-" + hostName() : clientId,
        v.get(Keys.USERNAME),
        v.get(Keys.PASSWORD),
        v.get(Keys.SHARE_GROUP),
        v.get(Keys.TOPIC_FILTER),
        v.get(Keys.SESSION_EXPIRY),
        v.get(Keys.RECEIVE_MAXIMUM),
        kafka,
        v.get(Keys.TOPIC_PREFIX),
        v.get(Keys.HTTP_PORT),
        Optional.ofNullable(v.get(Keys.DEFAULT_FORMAT)).flatMap(SourceFormat::byId),
        new ParseLimits(
            v.get(Keys.MAX_BYTES),
            v.get(Keys.MAX_READINGS),
            v.get(Keys.FUTURE_SKEW),
            v.get(Keys.MAX_AGE)),
        v.get(Keys.PUSH_TIMEOUT),
        "strict".equals(v.get(Keys.GATEWAY_MODE)),
        v.get(Keys.WORKERS),
        new MqttTls(
            v.get(Keys.TLS_TRUST_STORE),
            v.get(Keys.TLS_TRUST_STORE_PASSWORD),
            v.get(Keys.TLS_KEY_STORE),
            v.get(Keys.TLS_KEY_STORE_PASSWORD)));
  }

  /** Every key the bridge reads; docs/configuration.md is generated from {@link #SPEC}. */
  public static final class Keys {
    private Keys() {}

    static final ConfigKey<String> MQTT_URL =
        ConfigKey.text(
                "mqtt.url", null, "Broker URL: `tcp://host:1883`, or `ssl://host:8883` for TLS.")
            .asRequired();
    static final ConfigKey<String> CLIENT_ID =
        ConfigKey.text(
                "mqtt.client-id",
                null,
                "MQTT client id; keep it stable, the persistent session is bound to it.")
            .withComputedDefault("airq-ingest-<host name>");
    static final ConfigKey<String> USERNAME =
        ConfigKey.text("mqtt.username", "", "Broker user name; empty for none.");
    static final ConfigKey<String> PASSWORD =
        ConfigKey.text("mqtt.password", "", "Broker password; empty for none.").asSecret();
    static final ConfigKey<String> SHARE_GROUP =
        ConfigKey.text(
            "mqtt.share-group",
            "airq-ingest",
            "Shared-subscription group (`$share/<group>/<filter>`), so several bridges split the"
                + " load; empty subscribes to the plain filter.");
    static final ConfigKey<String> TOPIC_FILTER =
        ConfigKey.text("mqtt.topic-filter", "airq/v1/#", "The MQTT topic filter subscribed to.");
    static final ConfigKey<Duration> SESSION_EXPIRY =
        ConfigKey.duration(
            "mqtt.session-expiry",
            Duration.ofHours(1),
            "How long the broker keeps the session and its queued messages while the bridge is"
                + " away.");
    static final ConfigKey<Integer> RECEIVE_MAXIMUM =
        ConfigKey.integer(
            "mqtt.receive-maximum",
            1000,
            1,
            65535,
            "How many unacknowledged messages the broker may send at once; the bridge holds no"
                + " more (it pauses reading while that many wait for Kafka), so its memory is"
                + " bounded by this times the payload size limit.");
    static final ConfigKey<String> KAFKA_BOOTSTRAP =
        ConfigKey.text(
                "kafka.bootstrap.servers",
                null,
                "Kafka bootstrap servers. Other `kafka.*` keys go to the producer as they are.")
            .asRequired();
    static final ConfigKey<String> TOPIC_PREFIX =
        ConfigKey.text("topic.prefix", "", "Prefix of every airq Kafka topic name.");
    static final ConfigKey<Integer> HTTP_PORT =
        ConfigKey.integer(
            "http.port",
            8081,
            -1,
            65535,
            "Port of /health, /metrics and the Sensor.Community HTTP push; 0 = no HTTP server,"
                + " -1 = any free port.");
    static final ConfigKey<String> DEFAULT_FORMAT =
        ConfigKey.oneOf(
                "ingest.default-format",
                null,
                Arrays.stream(SourceFormat.values()).map(SourceFormat::id).toList(),
                "Payload format forced for topics without a format segment; unset = detect from"
                    + " the payload's shape.")
            .withComputedDefault("(detect)");
    static final ConfigKey<Integer> MAX_BYTES =
        ConfigKey.integer(
            "ingest.max-bytes",
            ParseLimits.DEFAULTS.maxBytes(),
            1,
            Integer.MAX_VALUE,
            "Largest payload accepted, in bytes; larger ones are dead-lettered.");
    static final ConfigKey<Integer> MAX_READINGS =
        ConfigKey.integer(
            "ingest.max-readings",
            ParseLimits.DEFAULTS.maxReadings(),
            1,
            Integer.MAX_VALUE,
            "Most readings accepted in one payload (a gateway's offline batch).");
    static final ConfigKey<Duration> FUTURE_SKEW =
        ConfigKey.duration(
            "ingest.future-skew",
            ParseLimits.DEFAULTS.futureSkew(),
            "How far in the future a measurement time may be (device clock skew).");
    static final ConfigKey<Duration> MAX_AGE =
        ConfigKey.duration(
            "ingest.max-age",
            ParseLimits.DEFAULTS.maxAge(),
            "How old a measurement may be; older readings are dead-lettered.");
    static final ConfigKey<Duration> PUSH_TIMEOUT =
        ConfigKey.duration(
            "ingest.push-timeout",
            Duration.ofSeconds(30),
            "How long an HTTP push waits for Kafka before answering 503.");
    static final ConfigKey<String> GATEWAY_MODE =
        ConfigKey.oneOf(
            "ingest.gateway-mode",
            "open",
            List.of("open", "strict"),
            "`strict`: a gateway may publish only sensors registered to it; others are"
                + " quarantined.");

    static final ConfigKey<String> TLS_TRUST_STORE =
        ConfigKey.text(
            "mqtt.tls.trust-store",
            "",
            "For `ssl://`: a PKCS12 or JKS trust store with the broker's CA (a private CA or a"
                + " self-signed broker); empty = the JVM's default trust store.");
    static final ConfigKey<String> TLS_TRUST_STORE_PASSWORD =
        ConfigKey.text("mqtt.tls.trust-store-password", "", "Password of the trust store.")
            .asSecret();
    static final ConfigKey<String> TLS_KEY_STORE =
        ConfigKey.text(
            "mqtt.tls.key-store",
            "",
            "For `ssl://` brokers that require a client certificate: a PKCS12 or JKS key store"
                + " with the bridge's key and certificate; empty = none.");
    static final ConfigKey<String> TLS_KEY_STORE_PASSWORD =
        ConfigKey.text(
                "mqtt.tls.key-store-password", "", "Password of the key store and of its key.")
            .asSecret();
    static final ConfigKey<Integer> WORKERS =
        ConfigKey.integer(
            "ingest.workers",
            0,
            0,
            1024,
            "Threads that parse MQTT messages and send them to Kafka; 0 = one per available"
                + " processor. Each topic stays on one thread, so its messages keep their order.");

    /** The bridge's keys; {@code kafka.*} pass-through limited to client setting names. */
    public static final ConfigSpec SPEC =
        ConfigSpec.of(
            "ingest",
            KafkaClientSettings.CLIENTS,
            List.of(
                MQTT_URL,
                CLIENT_ID,
                USERNAME,
                PASSWORD,
                TLS_TRUST_STORE,
                TLS_TRUST_STORE_PASSWORD,
                TLS_KEY_STORE,
                TLS_KEY_STORE_PASSWORD,
                SHARE_GROUP,
                TOPIC_FILTER,
                SESSION_EXPIRY,
                RECEIVE_MAXIMUM,
                KAFKA_BOOTSTRAP,
                TOPIC_PREFIX,
                HTTP_PORT,
                DEFAULT_FORMAT,
                MAX_BYTES,
                MAX_READINGS,
                FUTURE_SKEW,
                MAX_AGE,
                PUSH_TIMEOUT,
                GATEWAY_MODE,
                WORKERS));
  }

  /** The number of worker threads; 0 = one per available processor. */
  public BridgeConfig withWorkers(int count) {
    return new BridgeConfig(
        mqttUrl,
        mqttClientId,
        mqttUsername,
        mqttPassword,
        shareGroup,
        topicFilter,
        sessionExpiry,
        receiveMaximum,
        kafka,
        topicPrefix,
        httpPort,
        defaultFormat,
        limits,
        pushTimeout,
        strictGateways,
        count,
        tls);
  }

  /** Trust store and client key store for an {@code ssl://} broker. */
  public BridgeConfig withTls(MqttTls newTls) {
    return new BridgeConfig(
        mqttUrl,
        mqttClientId,
        mqttUsername,
        mqttPassword,
        shareGroup,
        topicFilter,
        sessionExpiry,
        receiveMaximum,
        kafka,
        topicPrefix,
        httpPort,
        defaultFormat,
        limits,
        pushTimeout,
        strictGateways,
        workers,
        newTls);
  }

  /** Strict gateway mode on or off. */
  public BridgeConfig withStrictGateways(boolean strict) {
    return new BridgeConfig(
        mqttUrl,
        mqttClientId,
        mqttUsername,
        mqttPassword,
        shareGroup,
        topicFilter,
        sessionExpiry,
        receiveMaximum,
        kafka,
        topicPrefix,
        httpPort,
        defaultFormat,
        limits,
        pushTimeout,
        strict,
        workers,
        tls);
  }

  private static String hostName() {
    String h = System.getenv("HOSTNAME");
    if (h == null || h.isBlank()) {
      try {
        h = java.net.InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        h = "local";
      }
    }
    return h;
  }

  @Override
  public String toString() {
    Map<String, String> shownKafka = new TreeMap<>();
    kafka.forEach((k, v) -> shownKafka.put(k, ConfigKey.isSecretKafkaSetting(k) ? "****" : v));
    return "BridgeConfig[mqttUrl="
        + mqttUrl
        + ", mqttClientId="
        + mqttClientId
        + ", mqttUsername="
        + mqttUsername
        + ", mqttPassword="
        + (mqttPassword.isEmpty() ? "" : "****")
        + ", tls="
        + tls
        + ", subscription="
        + subscription()
        + ", sessionExpiry="
        + sessionExpiry
        + ", receiveMaximum="
        + receiveMaximum
        + ", kafka="
        + shownKafka
        + ", topicPrefix="
        + topicPrefix
        + ", httpPort="
        + httpPort
        + ", defaultFormat="
        + defaultFormat.map(SourceFormat::id).orElse("detect")
        + ", limits="
        + limits
        + ", pushTimeout="
        + pushTimeout
        + ", gatewayMode="
        + (strictGateways ? "strict" : "open")
        + ", workers="
        + workerThreads()
        + "]";
  }
}
