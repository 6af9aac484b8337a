package io.airq.simulator.cli;

import io.airq.simulator.publish.KafkaTarget;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where sensors (and a scenario's closure) are registered. */
public final class RegistrationOptions {
  @Option(
      names = "--kafka",
      defaultValue = "${env:AIRQ_KAFKA_BOOTSTRAP}",
      description =
          "Kafka bootstrap servers for registering sensors and closures (env"
              + " AIRQ_KAFKA_BOOTSTRAP, or kafka.bootstrap.servers in --kafka-config); without"
              + " them nothing is registered.")
  String kafka;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description =
          "A properties file whose kafka.* settings the registrar's Kafka producer gets as they"
              + " are, as the services read theirs (kafka.security.protocol=SASL_SSL,"
              + " kafka.sasl.jaas.config=..., kafka.ssl.truststore.location=...); a service's own"
              + " file will do, its other keys are ignored. None by default.")
  Path kafkaConfig;

  @Option(
      names = "--topic-prefix",
      defaultValue = "${env:AIRQ_TOPIC_PREFIX:-}",
      description = "Prefix of the Kafka topic names (env AIRQ_TOPIC_PREFIX). Default: none.")
  String topicPrefix;

  /**
   * The Kafka to register in.
   *
   * @throws IllegalArgumentException for a kafka.* name in the file no Kafka client knows
   */
  KafkaTarget target() {
    return KafkaTarget.withSettingsFile(kafka, topicPrefix, kafkaConfig);
  }
}
