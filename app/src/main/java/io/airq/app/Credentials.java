package io.airq.app;

import io.airq.planner.auth.TokenSecret;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
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
    StringBuilder w = new StringBuilder();
    w.append("# airq local stack secrets (generated by ./airq up; owner-only; docs/security.md)\n")
        .append("# Kept across ./airq down: the servers' state in this directory was made with")
        .append(" them.\n");
    w.append(entry("planner.token", plannerToken));
    w.append(entry("kafka.user", KAFKA_USER)).append(entry("kafka.password", kafkaPassword));
    w.append(entry("influx.user", INFLUX_USER)).append(entry("influx.password", influxPassword));
    w.append(entry("mqtt.bridge.user", BRIDGE_USER));
    w.append(entry("mqtt.bridge.password", bridgePassword));
    w.append(entry("mqtt.simulator.user", SIMULATOR_USER));
    w.append(entry("mqtt.simulator.password", simulatorPassword));
    w.append("# gateway accounts: mqtt.gateway.<gateway id>=<password>; publish only under")
        .append(" airq/v1/<gateway id>/#\n");
    for (var g : new TreeMap<>(gateways).entrySet()) {
      w.append(entry(GATEWAY + g.getKey(), g.getValue()));
    }
    try {
      OwnerOnlyFiles.replace(f, w.toString());
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f, e);
    }
  }

  /**
   * One {@code key=value} line escaped as {@link Properties#store} escapes it (a '\\', ':', '=' or
   * '#' of a password survives {@link #read}).
   */
  static String entry(String key, String value) {
    Properties p = new Properties();
    p.setProperty(key, value);
    StringWriter out = new StringWriter();
    try {
      p.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString()
            .lines()
            .filter(l -> !l.startsWith("#"))
            .collect(java.util.stream.Collectors.joining("\n"))
        + "\n";
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
