package io.airq.app;

import io.airq.devstack.InfluxServer;
import io.airq.devstack.KafkaBroker;
import io.airq.devstack.Loopback;
import io.airq.devstack.MosquittoServer;
import io.airq.devstack.TopicSetup;
import java.io.PrintStream;
import java.nio.file.Path;

/** The three real servers of the local stack, with state under one directory (.airq/). */
public final class LocalServers implements AutoCloseable {
  public static final int MQTT_PORT = 18830;
  public static final int KAFKA_PORT = 19092;
  public static final int INFLUX_PORT = 18086;

  private final MosquittoServer mosquitto;
  private final KafkaBroker kafka;
  private final InfluxServer influx;

  private LocalServers(MosquittoServer mosquitto, KafkaBroker kafka, InfluxServer influx) {
    this.mosquitto = mosquitto;
    this.kafka = kafka;
    this.influx = influx;
  }

  /**
   * Starts Mosquitto, Kafka and InfluxDB under {@code dir}, on airq's non-default ports when free
   * (else on free ports), and creates airq's topics.
   */
  public static LocalServers start(Path dir, PrintStream progress) {
    progress.println("[servers] starting Mosquitto ...");
    MosquittoServer m = MosquittoServer.start(dir.resolve("mosquitto"), portOr(MQTT_PORT));
    progress.println("[servers] Mosquitto ready at " + m.endpoint());
    progress.println("[servers] starting Kafka (KRaft, child JVM) ...");
    KafkaBroker k = KafkaBroker.start(dir.resolve("kafka"), portOr(KAFKA_PORT));
    progress.println("[servers] Kafka ready at " + k.endpoint());
    progress.println("[servers] starting InfluxDB ...");
    InfluxServer i = InfluxServer.start(dir.resolve("influxdb"), portOr(INFLUX_PORT));
    progress.println("[servers] InfluxDB ready at " + i.endpoint());
    TopicSetup.createAll(k.endpoint(), "", TopicsCommand.defaultPartitions());
    return new LocalServers(m, k, i);
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
  }
}
