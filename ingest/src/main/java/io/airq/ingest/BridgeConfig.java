package io.airq.ingest;

import io.airq.core.config.ConfigKey;
import io.airq.core.config.ConfigLoader;
import io.airq.core.config.ConfigSpec;
import io.airq.core.config.ConfigValues;
import io.airq.core.config.KafkaClientSettings;
import io.airq.ingest.config.HttpConfig;
import io.airq.ingest.config.KafkaConfig;
import io.airq.ingest.config.MqttConfig;
import io.airq.ingest.payload.ParseLimits;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's configuration, read once by the shared loader ({@link ConfigLoader}) from a
 * properties file and {@code AIRQ_*} environment variables (the environment wins; {@code
 * AIRQ_MQTT_SHARE_GROUP} sets {@code mqtt.share-group}, {@code AIRQ_KAFKA_SASL_MECHANISM} sets
 * {@code kafka.sasl.mechanism}). Each concern declares its own keys, and each key holds its only
 * default; docs/configuration.md is generated from {@link #SPEC}.
 *
 * @param mqtt the broker, the session and the parse workers
 * @param http the HTTP server and its push endpoint
 * @param kafka the cluster, its client settings and the topic prefix
 * @param limits payload limits
 * @param strictGateways strict gateway mode: a gateway may publish only sensors registered to it
 */
public record BridgeConfig(
    MqttConfig mqtt,
    HttpConfig http,
    KafkaConfig kafka,
    ParseLimits limits,
    boolean strictGateways) {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeConfig.class);

  public static final ConfigKey<String> GATEWAY_MODE =
      ConfigKey.oneOf(
          "ingest.gateway-mode",
          "open",
          List.of("open", "strict"),
          "`strict`: a gateway may publish only sensors registered to it; others are"
              + " quarantined.");

  /** Every key the bridge reads; {@code kafka.*} pass-through limited to client setting names. */
  public static final ConfigSpec SPEC =
      ConfigSpec.of(
          "ingest",
          KafkaClientSettings.CLIENTS,
          Stream.of(
                  MqttConfig.KEYS,
                  KafkaConfig.KEYS,
                  HttpConfig.KEYS,
                  ParseLimits.KEYS,
                  List.<ConfigKey<?>>of(GATEWAY_MODE))
              .flatMap(List::stream)
              .toList());

  public BridgeConfig {
    Objects.requireNonNull(mqtt, "mqtt");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(limits, "limits");
  }

  /**
   * Builds the config from properties overlaid with {@code AIRQ_*} environment variables; logs the
   * loader's warnings (unknown variables) once.
   *
   * @throws io.airq.core.config.ConfigException naming every bad or missing key
   */
  public static BridgeConfig from(Properties props, Map<String, String> env) {
    ConfigValues v = ConfigLoader.load(SPEC, props, env);
    v.warnings().forEach(w -> LOG.warn("ingest configuration: {}", w));
    return new BridgeConfig(
        MqttConfig.from(v),
        HttpConfig.from(v),
        KafkaConfig.from(v),
        ParseLimits.from(v),
        "strict".equals(v.get(GATEWAY_MODE)));
  }

  /** A builder with the two endpoints and the topic prefix set; every other key at its default. */
  public static Builder builder(String mqttUrl, String kafkaBootstrap, String topicPrefix) {
    return new Builder()
        .set(MqttConfig.URL, mqttUrl)
        .set(KafkaConfig.BOOTSTRAP, kafkaBootstrap)
        .set(KafkaConfig.TOPIC_PREFIX, topicPrefix);
  }

  /**
   * Sets keys by their declaration and builds through the same loader and checks as a properties
   * file (without the environment).
   */
  public static final class Builder {
    private final Properties props = new Properties();

    private Builder() {}

    /** Sets a declared key; the value is written as text and parsed back like a file's. */
    public <T> Builder set(ConfigKey<T> key, T value) {
      if (SPEC.key(key.name()).isEmpty()) {
        throw new IllegalArgumentException(key.name() + " is not a key of the bridge");
      }
      props.setProperty(key.name(), String.valueOf(value));
      return this;
    }

    /** Sets a Kafka client setting ({@code sasl.mechanism}, {@code linger.ms}). */
    public Builder kafka(String setting, String value) {
      props.setProperty("kafka." + setting, value);
      return this;
    }

    /**
     * @throws io.airq.core.config.ConfigException naming every bad key
     */
    public BridgeConfig build() {
      return from(props, Map.of());
    }
  }

  @Override
  public String toString() {
    return "BridgeConfig[mqtt="
        + mqtt
        + ", http="
        + http
        + ", kafka="
        + kafka
        + ", limits="
        + limits
        + ", gatewayMode="
        + (strictGateways ? "strict" : "open")
        + "]";
  }
}
