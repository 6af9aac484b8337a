package io.airq.app;

import io.airq.planner.auth.TokenSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The secrets of the local stack, which {@code ./airq up} and {@code ./airq demo} generate into
 * {@code .airq/credentials.properties} (mode 0600, owner only) on their first start and reuse
 * afterwards (the servers' state under {@code .airq/} was made with them), and which the CLI reads,
 * so that a user needs no flag. Its {@code mqtt.gateway.<id>=<password>} lines are the gateway
 * accounts of the stack's Mosquitto, which {@code airq gateways add|remove} keeps in step with the
 * broker's password file.
 *
 * @param plannerToken the planner's {@code auth.admin.token}
 * @param kafkaPassword the password of Kafka's account {@link #KAFKA_USER} (SASL PLAIN)
 * @param influxPassword the password of InfluxDB's admin {@link #INFLUX_USER}
 * @param bridgePassword the password of the bridge's MQTT account {@link #BRIDGE_USER}
 * @param simulatorPassword the password of the simulator's MQTT account {@link #SIMULATOR_USER}
 * @param gateways the gateway accounts: gateway id (its MQTT user name) to password
 */
public record Credentials(
    String plannerToken,
    String kafkaPassword,
    String influxPassword,
    String bridgePassword,
    String simulatorPassword,
    Map<String, String> gateways) {
  public static final String FILE = "credentials.properties";
  public static final String KAFKA_USER = io.airq.devstack.KafkaBroker.SASL_USER;
  public static final String INFLUX_USER = "airq";
  public static final String BRIDGE_USER = "airq-bridge";
  public static final String SIMULATOR_USER = "airq-simulator";

  /** The gateway account generated on the first start, for a device of one's own. */
  public static final String EXAMPLE_GATEWAY = "gw-local";

  private static final String GATEWAY = "mqtt.gateway.";

  public Credentials {
    gateways = Map.copyOf(gateways == null ? Map.of() : gateways);
  }

  /** Only a planner token: what a stack without secured servers had. */
  public Credentials(String plannerToken) {
    this(plannerToken, "", "", "", "", Map.of());
  }

  /** New random secrets, with one gateway account ({@link #EXAMPLE_GATEWAY}). */
  public static Credentials generate() {
    return new Credentials(
        TokenSecret.generate(),
        TokenSecret.generate(),
        TokenSecret.generate(),
        TokenSecret.generate(),
        TokenSecret.generate(),
        Map.of(EXAMPLE_GATEWAY, TokenSecret.generate()));
  }

  /**
   * True when every server secret is there (a file from before the servers were secured lacks
   * them).
   */
  boolean complete() {
    return !plannerToken.isEmpty()
        && !kafkaPassword.isEmpty()
        && !influxPassword.isEmpty()
        && !bridgePassword.isEmpty()
        && !simulatorPassword.isEmpty();
  }

  /**
   * The stack's credentials from {@code dir}, generated and written (owner-only) when missing or
   * incomplete; an existing secret is kept.
   */
  public static Credentials loadOrCreate(Path dir) {
    Credentials found = read(dir).orElse(new Credentials(""));
    if (found.complete()) {
      return found;
    }
    Credentials fresh = generate();
    Credentials merged =
        new Credentials(
            or(found.plannerToken, fresh.plannerToken),
            or(found.kafkaPassword, fresh.kafkaPassword),
            or(found.influxPassword, fresh.influxPassword),
            or(found.bridgePassword, fresh.bridgePassword),
            or(found.simulatorPassword, fresh.simulatorPassword),
            found.gateways.isEmpty() ? fresh.gateways : found.gateways);
    merged.write(dir);
    return merged;
  }

  private static String or(String kept, String fresh) {
    return kept.isEmpty() ? fresh : kept;
  }

  /** These credentials with this gateway account added, or its password replaced. */
  public Credentials withGateway(String id, String password) {
    Map<String, String> g = new TreeMap<>(gateways);
    g.put(id, password);
    return new Credentials(
        plannerToken, kafkaPassword, influxPassword, bridgePassword, simulatorPassword, g);
  }

  /** These credentials without this gateway account. */
  public Credentials withoutGateway(String id) {
    Map<String, String> g = new TreeMap<>(gateways);
    g.remove(id);
    return new Credentials(
        plannerToken, kafkaPassword, influxPassword, bridgePassword, simulatorPassword, g);
  }

  /** The MQTT accounts: the bridge's, the simulator's and each gateway's, user name to password. */
  public Map<String, String> mqttAccounts() {
    Map<String, String> m = new TreeMap<>(gateways);
    m.put(BRIDGE_USER, bridgePassword);
    m.put(SIMULATOR_USER, simulatorPassword);
    return m;
  }

  /** Writes the file with owner-only permissions from its creation on; returns its path. */
  public Path write(Path dir) {
    Path f = dir.resolve(FILE);
    Path tmp = dir.resolve(FILE + ".tmp");
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(tmp);
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Writer w = Files.newBufferedWriter(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
        w.write(
            "# airq local stack secrets (generated by ./airq up; owner-only; docs/security.md)\n"
                + "# Kept across ./airq down: the servers' state in this directory was made with"
                + " them.\n");
        w.write("planner.token=" + plannerToken + "\n");
        w.write("kafka.user=" + KAFKA_USER + "\nkafka.password=" + kafkaPassword + "\n");
        w.write("influx.user=" + INFLUX_USER + "\ninflux.password=" + influxPassword + "\n");
        w.write("mqtt.bridge.user=" + BRIDGE_USER + "\nmqtt.bridge.password=" + bridgePassword);
        w.write("\nmqtt.simulator.user=" + SIMULATOR_USER);
        w.write("\nmqtt.simulator.password=" + simulatorPassword + "\n");
        w.write("# gateway accounts: mqtt.gateway.<gateway id>=<password>; publish only under");
        w.write(" airq/v1/<gateway id>/#\n");
        for (var g : new TreeMap<>(gateways).entrySet()) {
          w.write(GATEWAY + g.getKey() + "=" + g.getValue() + "\n");
        }
      }
      Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f, e);
    }
  }

  /** The stack's credentials, when a stack wrote them. */
  public static Optional<Credentials> read(Path dir) {
    Path f = dir.resolve(FILE);
    if (!Files.isReadable(f)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(f)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
    Map<String, String> gateways = new TreeMap<>();
    for (String k : p.stringPropertyNames()) {
      if (k.startsWith(GATEWAY) && k.length() > GATEWAY.length()) {
        gateways.put(k.substring(GATEWAY.length()), p.getProperty(k));
      }
    }
    return Optional.of(
        new Credentials(
            p.getProperty("planner.token", ""),
            p.getProperty("kafka.password", ""),
            p.getProperty("influx.password", ""),
            p.getProperty("mqtt.bridge.password", ""),
            p.getProperty("mqtt.simulator.password", ""),
            gateways));
  }

  /** The {@code kafka.*} client settings (without the prefix) that log in to the stack's Kafka. */
  public Map<String, String> kafkaSettings() {
    return kafkaPassword.isEmpty()
        ? Map.of()
        : io.airq.devstack.KafkaBroker.saslClientSettings(KAFKA_USER, kafkaPassword);
  }

  public static final String KAFKA_CLIENT_FILE = "kafka-client.properties";

  /**
   * Writes {@code kafka-client.properties} (owner-only): the bootstrap servers and the {@code
   * kafka.*} login, which {@code airq topics --config} and the simulator's {@code --kafka-config}
   * read, and so does any Kafka tool given the keys without their prefix; returns its path.
   */
  public Path writeKafkaClient(Path dir, String bootstrap) {
    Path f = dir.resolve(KAFKA_CLIENT_FILE);
    Properties p = new Properties();
    p.setProperty("kafka.bootstrap.servers", bootstrap);
    kafkaSettings().forEach((k, v) -> p.setProperty("kafka." + k, v));
    try {
      Files.deleteIfExists(f);
      Files.createFile(
          f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Writer w = Files.newBufferedWriter(f, StandardOpenOption.TRUNCATE_EXISTING)) {
        p.store(w, "the local stack's Kafka login (generated by ./airq up; owner-only)");
      }
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f, e);
    }
  }

  @Override
  public String toString() {
    return "Credentials[plannerToken=***, kafka="
        + KAFKA_USER
        + ":***, influx="
        + INFLUX_USER
        + ":***, mqtt="
        + mqttAccounts().keySet()
        + "]";
  }
}
