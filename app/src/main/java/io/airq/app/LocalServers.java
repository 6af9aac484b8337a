package io.airq.app;

import io.airq.devstack.InfluxServer;
import io.airq.devstack.KafkaBroker;
import io.airq.devstack.Loopback;
import io.airq.devstack.MosquittoServer;
import io.airq.devstack.TopicSetup;
import io.airq.kit.KafkaClients;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.kafka.clients.admin.Admin;

/**
 * The three real servers of the local stack, with state under one directory (.airq/), secured as
 * docker-compose.yml's are: Kafka's only client listener is SASL (PLAIN), influxd has {@code
 * auth-enabled}, Mosquitto refuses anonymous clients and applies {@link #ACL} (the rules of {@code
 * deploy/mosquitto/acl}, and its simulator's account). The secrets are the stack's {@link
 * Credentials}.
 */
public final class LocalServers implements AutoCloseable {
  public static final int MQTT_PORT = 18830;
  public static final int KAFKA_PORT = 19092;
  public static final int INFLUX_PORT = 18086;

  /** The rules of deploy/mosquitto/acl (LocalServersTest keeps the two the same). */
  static final String SHIPPED_RULES =
      String.join(
          "\n",
          "pattern write airq/v1/%u/#",
          "",
          "user " + Credentials.BRIDGE_USER,
          "topic read airq/v1/#",
          "");

  /**
   * The local stack's simulator publishes as any gateway with one account ({@link
   * Credentials#SIMULATOR_USER}); the shipped ACL has no such rule, as a broker real gateways use
   * must not have such an account.
   */
  static final String SIMULATOR_RULES =
      String.join("\n", "", "user " + Credentials.SIMULATOR_USER, "topic write airq/v1/#", "");

  /** The local stack's ACL: the shipped rules and its simulator's. */
  static final String ACL = SHIPPED_RULES + SIMULATOR_RULES;

  private final MosquittoServer mosquitto;
  private final KafkaBroker kafka;
  private final InfluxServer influx;

  private final Path dir;

  private LocalServers(
      Path dir, MosquittoServer mosquitto, KafkaBroker kafka, InfluxServer influx) {
    this.dir = dir;
    this.mosquitto = mosquitto;
    this.kafka = kafka;
    this.influx = influx;
  }

  /**
   * Starts Mosquitto, Kafka and InfluxDB under {@code dir}, on airq's non-default ports when free
   * (else on free ports), and creates airq's topics.
   */
  public static LocalServers start(Path dir, Credentials secrets, PrintStream progress) {
    progress.println("[servers] starting Mosquitto (accounts and ACL) ...");
    MosquittoServer m = LocalBroker.start(dir, portOr(MQTT_PORT), secrets);
    progress.println(
        "[servers] Mosquitto ready at "
            + m.endpoint()
            + ", accounts "
            + secrets.mqttAccounts().keySet());
    progress.println("[servers] starting Kafka (KRaft, child JVM, SASL PLAIN) ...");
    KafkaBroker k =
        KafkaBroker.startSaslOnly(
            dir.resolve("kafka"), portOr(KAFKA_PORT), secrets.kafkaPassword());
    progress.println(
        "[servers] Kafka ready at " + k.endpoint() + ", account " + Credentials.KAFKA_USER);
    progress.println("[servers] starting InfluxDB (auth-enabled) ...");
    InfluxServer i =
        InfluxServer.startWithAuth(
            dir.resolve("influxdb"),
            portOr(INFLUX_PORT),
            Credentials.INFLUX_USER,
            secrets.influxPassword());
    progress.println(
        "[servers] InfluxDB ready at " + i.endpoint() + ", account " + Credentials.INFLUX_USER);
    try (Admin admin = KafkaClients.admin(k.endpoint(), secrets.kafkaSettings())) {
      TopicSetup.createAll(admin, k.endpoint(), "", TopicsCommand.defaultPartitions());
    }
    return new LocalServers(dir, m, k, i);
  }

  private static int portOr(int preferred) {
    return Loopback.accepts(preferred) ? 0 : preferred;
  }

  public String mqttUrl() {
    return mosquitto.endpoint();
  }

  public String kafkaBootstrap() {
    return kafka.endpoint();
  }

  public String influxUrl() {
    return influx.endpoint();
  }

  @Override
  public void close() {
    influx.stop();
    kafka.stop();
    mosquitto.stop();
    LocalBroker.forget(dir);
  }
}
