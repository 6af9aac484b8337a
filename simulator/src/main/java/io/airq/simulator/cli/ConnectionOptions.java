package io.airq.simulator.cli;

import io.airq.simulator.publish.MqttTarget;
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

  /** The broker with this window of unacknowledged publishes. */
  MqttTarget mqtt(int maxInFlight) {
    return new MqttTarget(mqttUrl, mqttUser, mqttPassword, qos, maxInFlight);
  }
}
