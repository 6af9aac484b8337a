package io.airq.simulator.cli;

import io.airq.simulator.publish.GatewayAccounts;
import io.airq.simulator.publish.MqttTarget;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The MQTT and pacing options every command shares. */
public final class ConnectionOptions {
  @Option(
      names = "--mqtt",
      defaultValue = "${env:AIRQ_MQTT_URL:-tcp://localhost:1883}",
      description = "MQTT broker URL (env AIRQ_MQTT_URL). Default: ${DEFAULT-VALUE}.")
  String mqttUrl;

  @Option(
      names = "--mqtt-user",
      defaultValue = "${env:AIRQ_MQTT_USERNAME}",
      description = "MQTT user name (env AIRQ_MQTT_USERNAME); none by default.")
  String mqttUser;

  @Option(
      names = "--mqtt-password",
      defaultValue = "${env:AIRQ_MQTT_PASSWORD}",
      description = "MQTT password (env AIRQ_MQTT_PASSWORD); none by default.")
  String mqttPassword;

  @Option(
      names = "--mqtt-gateway-accounts",
      paramLabel = "FILE",
      description =
          "A properties file of gateway-id=password lines: each gateway's messages are published"
              + " on its own connection, logged in as the gateway id, as a real gateway does (the"
              + " broker's ACL lets an account write only airq/v1/<its name>/#). Gateways not in"
              + " the file use --mqtt-user. None by default: one connection as --mqtt-user.")
  Path gatewayAccounts;

  @Option(
      names = "--qos",
      defaultValue = "1",
      description = "MQTT QoS level 0, 1 or 2. Default: ${DEFAULT-VALUE}.")
  int qos;

  @Option(
      names = "--rate-cap",
      defaultValue = "0",
      description = "At most this many messages per second; 0 = no cap. Default: ${DEFAULT-VALUE}.")
  double rateCap;

  @Option(
      names = "--progress",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Draw a progress bar (simulated time, messages, rate) on stderr; --no-progress turns"
              + " it off. Default: on.")
  boolean progress;

  /**
   * The broker with this window of unacknowledged publishes.
   *
   * @throws IllegalArgumentException when the gateway accounts file is unreadable or invalid
   */
  MqttTarget mqtt(int maxInFlight) {
    return new MqttTarget(mqttUrl, mqttUser, mqttPassword, qos, maxInFlight, gatewayAccounts());
  }

  /** The --mqtt-gateway-accounts, or none. */
  Map<String, String> gatewayAccounts() {
    return gatewayAccounts == null ? Map.of() : GatewayAccounts.read(gatewayAccounts);
  }
}
