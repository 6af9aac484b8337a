package io.airq.ingest.config;

import io.airq.core.config.ConfigKey;
import io.airq.core.config.ConfigValues;
import io.airq.kit.KafkaClients;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where the bridge writes: the Kafka cluster, the client settings, and the topic names' prefix.
 *
 * @param bootstrapServers the cluster's bootstrap servers
 * @param settings every other {@code kafka.*} key without the prefix (SASL, TLS, producer tuning),
 *     for every Kafka client the bridge creates; secrets are redacted in {@link #toString()}
 * @param topicPrefix prefix of the airq topic names
 */
public record KafkaConfig(
    String bootstrapServers, Map<String, String> settings, String topicPrefix) {

  public static final ConfigKey<String> BOOTSTRAP =
      ConfigKey.text(
              "kafka.bootstrap.servers",
              null,
              "Kafka bootstrap servers. Other `kafka.*` keys go to the bridge's Kafka clients (the"
                  + " producer, and the registry reader in strict mode) as they are.")
          .asRequired();
  public static final ConfigKey<String> TOPIC_PREFIX =
      ConfigKey.text("topic.prefix", "", "Prefix of every airq Kafka topic name.");

  /** The Kafka keys, in the order the configuration reference lists them. */
  public static final List<ConfigKey<?>> KEYS = List.of(BOOTSTRAP, TOPIC_PREFIX);

  public KafkaConfig {
    Objects.requireNonNull(bootstrapServers, BOOTSTRAP.name());
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(BOOTSTRAP.name() + " is required");
    }
    settings = Map.copyOf(settings);
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
  }

  /** The Kafka side of the loaded configuration. */
  public static KafkaConfig from(ConfigValues v) {
    return new KafkaConfig(v.get(BOOTSTRAP), v.kafka(), v.get(TOPIC_PREFIX));
  }

  /**
   * The properties every Kafka client of the bridge starts from: all settings, SASL and TLS too.
   */
  public Properties clientProperties() {
    return KafkaClients.properties(bootstrapServers, settings);
  }

  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    settings.forEach((k, v) -> shown.put(k, ConfigKey.isSecretKafkaSetting(k) ? "****" : v));
    return "KafkaConfig[bootstrapServers="
        + bootstrapServers
        + ", settings="
        + shown
        + ", topicPrefix="
        + topicPrefix
        + "]";
  }
}
