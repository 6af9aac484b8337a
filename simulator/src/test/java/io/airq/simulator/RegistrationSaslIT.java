package io.airq.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.devstack.KafkaBroker;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.kit.CompactedTable;
import io.airq.kit.KafkaClients;
import io.airq.simulator.publish.KafkaTarget;
import io.airq.simulator.publish.Registrar;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The registrar's producer gets every kafka.* setting of --kafka-config: {@code replay} registers
 * its sensors through the broker's SASL listener with the file's account, and a wrong password is
 * refused.
 */
@RealServers
class RegistrationSaslIT {
  private static final Path DATA =
      Path.of(System.getProperty("airq.shared.data", "../../shared/data"));

  /** A properties file of kafka.* settings, as a service's own file holds them. */
  private static Path kafkaConfig(Servers servers, String name, String bootstrap, String password)
      throws Exception {
    Map<String, String> sasl = KafkaBroker.saslClientSettings(KafkaBroker.SASL_USER, password);
    String text =
        "kafka.bootstrap.servers="
            + bootstrap
            + "\n"
            + sasl.entrySet().stream()
                .map(e -> "kafka." + e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n"))
            + "\nmqtt.url=tcp://ignored:1883\n";
    Path file = servers.newDirectory(name).resolve("kafka.properties");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void replayRegistersItsSensorsThroughTheSaslListenerWithTheKafkaConfigFile(Servers servers)
      throws Exception {
    KafkaBroker broker = servers.kafkaBroker();
    String prefix = servers.newPrefix("sim-sasl");
    Path config = kafkaConfig(servers, "sim-sasl", broker.saslEndpoint(), broker.saslPassword());
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new SimulatorCli())
            .setErr(new PrintWriter(err))
            .execute(
                "replay",
                DATA.resolve("aberdeen/2019-05-01_sds011_sensor_22068.csv").toString(),
                "--mqtt",
                servers.mqttUrl(),
                "--kafka",
                broker.saslEndpoint(),
                "--kafka-config",
                config.toString(),
                "--topic-prefix",
                prefix,
                "--speed",
                "0",
                "--no-progress");
    assertThat(code).as("replay exit code; stderr %s", err).isZero();

    Topic<String, Sensor> topic = Topics.SENSORS.prefixed(prefix);
    try (CompactedTable<Sensor> sensors =
        CompactedTable.start(KafkaClients.properties(servers.kafkaBootstrap(), Map.of()), topic)) {
      assertThat(sensors.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
      assertThat(sensors.snapshot()).containsOnlyKeys("22068");
    }
  }

  @Test
  void aWrongPasswordInTheKafkaConfigFileIsRefused(Servers servers) throws Exception {
    KafkaBroker broker = servers.kafkaBroker();
    Path config = kafkaConfig(servers, "sim-sasl-bad", broker.saslEndpoint(), "not-the-password");
    KafkaTarget target =
        KafkaTarget.withSettingsFile(null, servers.newPrefix("sim-sasl-bad"), config);
    assertThat(target.toString())
        .doesNotContain("not-the-password")
        .contains("sasl.jaas.config=****");

    Sensor sensor = Sensor.builder("sasl-1").position(57.1, -2.1).build();
    assertThatThrownBy(() -> Registrar.register(target, List.of(sensor), List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasRootCauseInstanceOf(SaslAuthenticationException.class);
  }
}
