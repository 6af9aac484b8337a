package io.airq.simulator;

import io.airq.simulator.publish.KafkaTarget;
import io.airq.simulator.publish.MqttTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to run a scenario. Null overrides keep the scenario's own values.
 *
 * @param mqttUrl broker URL, e.g. {@code tcp://localhost:1883}
 * @param mqttUsername optional user name
 * @param mqttPassword optional password (redacted in {@link #toString()})
 * @param kafkaBootstrap Kafka bootstrap servers for registering sensors and the closure; null or
 *     blank skips registration
 * @param topicPrefix Kafka topic prefix (see {@code Topic.prefixed})
 * @param speed simulated seconds per real second; 1 = real time; 0 = as fast as possible
 * @param rateCap maximum messages per second; 0 = no cap
 * @param qos MQTT QoS 0, 1 or 2
 * @param maxInFlight unacknowledged publishes allowed at once
 * @param progress draw a progress bar on stderr
 * @param groundTruthFile where to write the ground truth; null = do not write
 * @param seed overrides the scenario's seed
 * @param daysBefore overrides the days before the closure
 * @param daysDuring overrides the closure's length in days
 * @param daysAfter overrides the days after the closure
 * @param sensors keeps only the first n sensors
 * @param interval overrides the reporting interval
 * @param kafkaSettings Kafka client settings (SASL, TLS, ...) for the registrar's producer, without
 *     their {@code kafka.} prefix; secrets redacted in {@link #toString()}
 */
public record SimulatorOptions(
    String mqttUrl,
    String mqttUsername,
    String mqttPassword,
    String kafkaBootstrap,
    String topicPrefix,
    double speed,
    double rateCap,
    int qos,
    int maxInFlight,
    boolean progress,
    Path groundTruthFile,
    Long seed,
    Integer daysBefore,
    Integer daysDuring,
    Integer daysAfter,
    Integer sensors,
    Duration interval,
    Map<String, String> kafkaSettings) {

  public static final double DEFAULT_SPEED = 20_000;

  public SimulatorOptions {
    if (mqttUrl == null || mqttUrl.isBlank()) {
      throw new IllegalArgumentException("mqttUrl is required");
    }
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("qos must be 0, 1 or 2");
    }
    if (speed < 0 || rateCap < 0) {
      throw new IllegalArgumentException("speed and rateCap must not be negative");
    }
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
    maxInFlight = maxInFlight <= 0 ? 20 : maxInFlight;
    kafkaSettings = kafkaSettings == null ? Map.of() : Map.copyOf(kafkaSettings);
  }

  /** Without Kafka client settings beyond the bootstrap servers. */
  public SimulatorOptions(
      String mqttUrl,
      String mqttUsername,
      String mqttPassword,
      String kafkaBootstrap,
      String topicPrefix,
      double speed,
      double rateCap,
      int qos,
      int maxInFlight,
      boolean progress,
      Path groundTruthFile,
      Long seed,
      Integer daysBefore,
      Integer daysDuring,
      Integer daysAfter,
      Integer sensors,
      Duration interval) {
    this(
        mqttUrl,
        mqttUsername,
        mqttPassword,
        kafkaBootstrap,
        topicPrefix,
        speed,
        rateCap,
        qos,
        maxInFlight,
        progress,
        groundTruthFile,
        seed,
        daysBefore,
        daysDuring,
        daysAfter,
        sensors,
        interval,
        Map.of());
  }

  /** The broker to publish to. */
  public MqttTarget mqtt() {
    return new MqttTarget(mqttUrl, mqttUsername, mqttPassword, qos, maxInFlight);
  }

  /** Where to register the scenario's sensors and closure. */
  public KafkaTarget kafka() {
    return new KafkaTarget(kafkaBootstrap, topicPrefix, kafkaSettings);
  }

  /** Defaults: speed 20 000, no rate cap, QoS 1, 20 in flight, no progress bar, no overrides. */
  public static SimulatorOptions defaults(String mqttUrl, String kafkaBootstrap, String prefix) {
    return new SimulatorOptions(
        mqttUrl,
        null,
        null,
        kafkaBootstrap,
        prefix,
        DEFAULT_SPEED,
        0,
        1,
        20,
        false,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  public SimulatorOptions withSpeed(double newSpeed) {
    return new SimulatorOptions(
        mqttUrl,
        mqttUsername,
        mqttPassword,
        kafkaBootstrap,
        topicPrefix,
        newSpeed,
        rateCap,
        qos,
        maxInFlight,
        progress,
        groundTruthFile,
        seed,
        daysBefore,
        daysDuring,
        daysAfter,
        sensors,
        interval,
        kafkaSettings);
  }

  public SimulatorOptions withGroundTruthFile(Path file) {
    return new SimulatorOptions(
        mqttUrl,
        mqttUsername,
        mqttPassword,
        kafkaBootstrap,
        topicPrefix,
        speed,
        rateCap,
        qos,
        maxInFlight,
        progress,
        file,
        seed,
        daysBefore,
        daysDuring,
        daysAfter,
        sensors,
        interval,
        kafkaSettings);
  }

  public SimulatorOptions withKafkaSettings(Map<String, String> settings) {
    return new SimulatorOptions(
        mqttUrl,
        mqttUsername,
        mqttPassword,
        kafkaBootstrap,
        topicPrefix,
        speed,
        rateCap,
        qos,
        maxInFlight,
        progress,
        groundTruthFile,
        seed,
        daysBefore,
        daysDuring,
        daysAfter,
        sensors,
        interval,
        settings);
  }

  /** Scale-down knobs: null keeps the scenario's value. */
  public SimulatorOptions withScale(
      Integer newDaysBefore,
      Integer newDaysDuring,
      Integer newDaysAfter,
      Integer newSensors,
      Duration newInterval) {
    return new SimulatorOptions(
        mqttUrl,
        mqttUsername,
        mqttPassword,
        kafkaBootstrap,
        topicPrefix,
        speed,
        rateCap,
        qos,
        maxInFlight,
        progress,
        groundTruthFile,
        seed,
        newDaysBefore,
        newDaysDuring,
        newDaysAfter,
        newSensors,
        newInterval,
        kafkaSettings);
  }

  @Override
  public String toString() {
    return "SimulatorOptions[mqttUrl="
        + mqttUrl
        + ", mqttUsername="
        + mqttUsername
        + ", mqttPassword="
        + (mqttPassword == null ? "null" : "***")
        + ", kafkaBootstrap="
        + kafkaBootstrap
        + ", topicPrefix="
        + topicPrefix
        + ", speed="
        + speed
        + ", rateCap="
        + rateCap
        + ", qos="
        + qos
        + ", maxInFlight="
        + maxInFlight
        + ", groundTruthFile="
        + groundTruthFile
        + ", seed="
        + seed
        + ", days="
        + daysBefore
        + "/"
        + daysDuring
        + "/"
        + daysAfter
        + ", sensors="
        + sensors
        + ", interval="
        + interval
        + ", kafka="
        + kafka()
        + "]";
  }
}
