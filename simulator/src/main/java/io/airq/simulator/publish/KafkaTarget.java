package io.airq.simulator.publish;

import io.airq.core.config.ConfigKey;
import io.airq.core.config.ConfigLoader;
import io.airq.core.config.KafkaClientSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where sensors and closures are registered: Kafka's bootstrap servers, the topic prefix and the
 * Kafka client settings (SASL, TLS, anything a producer knows) the registrar's producer gets as
 * they are.
 *
 * @param bootstrap bootstrap servers; null or blank registers nothing
 * @param topicPrefix prefix of the topic names (see {@code Topic.prefixed}); null = none
 * @param settings Kafka client settings without their {@code kafka.} prefix
 */
public record KafkaTarget(String bootstrap, String topicPrefix, Map<String, String> settings) {

  public KafkaTarget {
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }

  /** Registers nothing. */
  public static KafkaTarget none() {
    return new KafkaTarget(null, "", Map.of());
  }

  /** Whether there is a Kafka to register in. */
  public boolean enabled() {
    return bootstrap != null && !bootstrap.isBlank();
  }

  /**
   * The target with the {@code kafka.*} settings of a properties file, in the form the services'
   * own files use ({@code kafka.security.protocol=SASL_SSL}); a service's whole file will do, its
   * other keys are left alone. {@code kafka.bootstrap.servers} there is used when {@code bootstrap}
   * is null or blank.
   *
   * @param file the properties file; null adds nothing
   * @throws IllegalArgumentException for a {@code kafka.*} name no Kafka client knows
   * @throws UncheckedIOException when the file cannot be read
   */
  public static KafkaTarget withSettingsFile(String bootstrap, String topicPrefix, Path file) {
    Properties p;
    try {
      p = ConfigLoader.readFile(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Kafka settings file " + file, e);
    }
    Map<String, String> settings = new TreeMap<>();
    List<String> unknown = new ArrayList<>();
    for (String name : p.stringPropertyNames()) {
      if (!name.startsWith("kafka.")) {
        continue;
      }
      String setting = name.substring("kafka.".length());
      if (KafkaClientSettings.CLIENTS.test(setting)) {
        settings.put(setting, p.getProperty(name));
      } else {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          file + ": not Kafka client settings: " + String.join(", ", unknown));
    }
    String servers = settings.remove("bootstrap.servers");
    boolean given = bootstrap != null && !bootstrap.isBlank();
    return new KafkaTarget(given ? bootstrap : servers, topicPrefix, settings);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("KafkaTarget[bootstrap=").append(bootstrap);
    b.append(", topicPrefix=").append(topicPrefix).append(", settings={");
    String sep = "";
    for (Map.Entry<String, String> e : new TreeMap<>(settings).entrySet()) {
      String v = ConfigKey.isSecretKafkaSetting(e.getKey()) ? "****" : e.getValue();
      b.append(sep).append(e.getKey()).append('=').append(v);
      sep = ", ";
    }
    return b.append("}]").toString();
  }
}
