package io.airq.devstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code server.properties} of a {@link KafkaBroker}: one KRaft node, broker and controller.
 */
final class KafkaBrokerConfig {
  private KafkaBrokerConfig() {}

  /**
   * The broker's settings.
   *
   * @param port the plaintext client listener's port; ignored when {@code saslOnly}
   * @param saslPort the {@code SASL_PLAINTEXT} listener's port (mechanism {@code PLAIN})
   * @param password the password of the one account, {@link KafkaBroker#SASL_USER}
   * @param saslOnly no plaintext listener: clients and the broker itself log in over SASL, as
   *     docker-compose.yml's broker does
   */
  static Map<String, String> settings(
      Path data, int port, int controllerPort, int saslPort, String password, boolean saslOnly) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("process.roles", "broker,controller");
    c.put("node.id", "1");
    c.put("controller.quorum.voters", "1@" + Loopback.HOST + ":" + controllerPort);
    String sasl = listener("SASL_PLAINTEXT", saslPort);
    String clients = saslOnly ? sasl : listener("PLAINTEXT", port) + "," + sasl;
    c.put("listeners", clients + "," + listener("CONTROLLER", controllerPort));
    c.put("advertised.listeners", clients);
    c.put("controller.listener.names", "CONTROLLER");
    c.put("inter.broker.listener.name", saslOnly ? "SASL_PLAINTEXT" : "PLAINTEXT");
    c.put(
        "listener.security.protocol.map",
        "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT");
    c.put("sasl.enabled.mechanisms", "PLAIN");
    String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required";
    if (saslOnly) {
      c.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
      jaas += " username=\"" + KafkaBroker.SASL_USER + "\" password=\"" + password + "\"";
    }
    c.put(
        "listener.name.sasl_plaintext.plain.sasl.jaas.config",
        jaas + " user_" + KafkaBroker.SASL_USER + "=\"" + password + "\";");
    c.put("log.dirs", data.toString());
    c.put("num.partitions", "4");
    c.put("offsets.topic.replication.factor", "1");
    c.put("offsets.topic.num.partitions", "4");
    c.put("transaction.state.log.replication.factor", "1");
    c.put("transaction.state.log.min.isr", "1");
    c.put("transaction.state.log.num.partitions", "4");
    c.put("share.coordinator.state.topic.replication.factor", "1");
    c.put("share.coordinator.state.topic.min.isr", "1");
    c.put("group.initial.rebalance.delay.ms", "0");
    c.put("auto.create.topics.enable", "false");
    // Retention checked every 10 s, not 5 min: a topic whose retention would delete replayed
    // (old-timestamped) records fails the tests, not production.
    c.put("log.retention.check.interval.ms", "10000");
    c.put("airq.port", Integer.toString(port));
    c.put("airq.controller.port", Integer.toString(controllerPort));
    c.put("airq.sasl.port", Integer.toString(saslPort));
    c.put("airq.sasl.password", password);
    c.put("airq.sasl.only", Boolean.toString(saslOnly));
    return c;
  }

  private static String listener(String name, int port) {
    return name + "://" + Loopback.HOST + ":" + port;
  }
}
