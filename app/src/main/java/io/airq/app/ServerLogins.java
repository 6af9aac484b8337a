package io.airq.app;

import java.util.Map;

/**
 * How the pipeline's services log in to its servers: the local stack's secured ones, or none (the
 * test suites' shared servers).
 *
 * @param kafka {@code kafka.*} client settings (SASL, TLS) without the prefix, for every Kafka
 *     client
 * @param mqttUser the bridge's MQTT user name ("" for none)
 * @param mqttPassword its password (redacted in {@link #toString()})
 * @param influxUser the sink's and the planner's InfluxDB user name ("" for none)
 * @param influxPassword its password (redacted)
 * @param plannerToken the planner's bootstrap admin token, {@code auth.admin.token} ("": a new
 *     random one for each pipeline)
 */
public record ServerLogins(
    Map<String, String> kafka,
    String mqttUser,
    String mqttPassword,
    String influxUser,
    String influxPassword,
    String plannerToken) {
  public static final ServerLogins NONE = new ServerLogins(Map.of(), "", "", "", "", "");

  public ServerLogins {
    kafka = Map.copyOf(kafka == null ? Map.of() : kafka);
    mqttUser = mqttUser == null ? "" : mqttUser;
    mqttPassword = mqttPassword == null ? "" : mqttPassword;
    influxUser = influxUser == null ? "" : influxUser;
    influxPassword = influxPassword == null ? "" : influxPassword;
    plannerToken = plannerToken == null ? "" : plannerToken;
  }

  /** The bridge's, Kafka's and InfluxDB's accounts of the local stack. */
  public static ServerLogins of(Credentials c) {
    return new ServerLogins(
        c.kafkaSettings(),
        Credentials.BRIDGE_USER,
        c.bridgePassword(),
        Credentials.INFLUX_USER,
        c.influxPassword(),
        c.plannerToken());
  }

  @Override
  public String toString() {
    return "ServerLogins[kafka="
        + (kafka.isEmpty() ? "none" : "SASL")
        + ", mqtt="
        + mqttUser
        + ", influx="
        + influxUser
        + "]";
  }
}
