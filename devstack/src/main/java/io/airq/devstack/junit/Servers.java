package io.airq.devstack.junit;

import io.airq.devstack.InfluxServer;
import io.airq.devstack.KafkaBroker;
import io.airq.devstack.MosquittoServer;
import io.airq.devstack.TopicSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers of one test JVM. Each starts on first use and stops when the JVM exits. Tests share
 * them, so each test works in its own namespace: {@link #newPrefix(String)} for topics, {@link
 * #newDatabase(String)} for InfluxDB.
 */
public final class Servers {
  private static final Logger log = LoggerFactory.getLogger(Servers.class);
  private static final Servers SHARED = new Servers();
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final Path root;
  private String mqttUrl;
  private String kafkaBootstrap;
  private String influxUrl;
  private MosquittoServer mosquitto;
  private KafkaBroker kafka;
  private InfluxServer influx;

  private Servers() {
    try {
      root = Files.createTempDirectory("airq-servers-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Servers shared() {
    return SHARED;
  }

  /** The MQTT broker URL, {@code tcp://host:port}. */
  public synchronized String mqttUrl() {
    if (mqttUrl == null) {
      mqttUrl = env("AIRQ_MQTT_URL");
      if (mqttUrl == null && MosquittoServer.installed()) {
        mosquitto = MosquittoServer.start(root.resolve("mosquitto"), 0);
        mqttUrl = mosquitto.endpoint();
      }
      if (mqttUrl == null && Containers.dockerAvailable()) {
        mqttUrl = Containers.mosquitto();
      }
      if (mqttUrl == null) {
        throw missing("Mosquitto", "mosquitto", "AIRQ_MQTT_URL");
      }
      log.info("MQTT broker for tests: {}", mqttUrl);
    }
    return mqttUrl;
  }

  /** The Kafka bootstrap servers. */
  public synchronized String kafkaBootstrap() {
    if (kafkaBootstrap == null) {
      kafkaBootstrap = env("AIRQ_KAFKA_BOOTSTRAP");
      if (kafkaBootstrap == null) {
        kafka = KafkaBroker.start(root.resolve("kafka"), 0);
        kafkaBootstrap = kafka.endpoint();
      }
      log.info("Kafka for tests: {}", kafkaBootstrap);
    }
    return kafkaBootstrap;
  }

  /**
   * The Kafka broker this JVM started, for what only it offers: its SASL listener, stop and
   * restart. Fails when the tests use an external broker ({@code AIRQ_KAFKA_BOOTSTRAP}).
   */
  public synchronized KafkaBroker kafkaBroker() {
    kafkaBootstrap();
    if (kafka == null) {
      throw new IllegalStateException(
          "this test needs the Kafka broker devstack starts (its SASL listener); unset"
              + " AIRQ_KAFKA_BOOTSTRAP to let the test start one");
    }
    return kafka;
  }

  /** The InfluxDB 1.x HTTP URL. */
  public synchronized String influxUrl() {
    if (influxUrl == null) {
      influxUrl = env("AIRQ_INFLUX_URL");
      if (influxUrl == null && InfluxServer.installed()) {
        influx = InfluxServer.start(root.resolve("influxdb"), 0);
        influxUrl = influx.endpoint();
      }
      if (influxUrl == null && Containers.dockerAvailable()) {
        influxUrl = Containers.influxdb();
      }
      if (influxUrl == null) {
        throw missing("InfluxDB 1.x", "influxdb", "AIRQ_INFLUX_URL");
      }
      log.info("InfluxDB for tests: {}", influxUrl);
    }
    return influxUrl;
  }

  /** A fresh topic prefix, e.g. {@code "ingest-3."}, with every airq topic created under it. */
  public String newPrefix(String base) {
    String prefix = base + "-" + SEQUENCE.incrementAndGet() + ".";
    TopicSetup.createAll(kafkaBootstrap(), prefix, 4);
    return prefix;
  }

  /** A fresh, unique InfluxDB database name (not created: the sink creates it). */
  public String newDatabase(String base) {
    return base.replaceAll("[^A-Za-z0-9_]", "_") + "_" + SEQUENCE.incrementAndGet();
  }

  /** A fresh directory under this JVM's server root. */
  public Path newDirectory(String base) {
    try {
      return Files.createDirectories(root.resolve(base + "-" + SEQUENCE.incrementAndGet()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String env(String name) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static IllegalStateException missing(String what, String pkg, String envVar) {
    return new IllegalStateException(
        what
            + " is needed by this test and none is available: install it with ./airq setup"
            + " (apt-get install -y "
            + pkg
            + "), or point "
            + envVar
            + " at a running one, or start Docker so Testcontainers can run it.");
  }
}
