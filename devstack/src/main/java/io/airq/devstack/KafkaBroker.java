package io.airq.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker in KRaft mode (combined broker and controller) running {@code kafka.Kafka} in
 * a child JVM on this JVM's classpath, so that tests can stop, kill and restart it. The storage is
 * formatted once with {@code kafka.tools.StorageTool}.
 *
 * <p>Besides its plaintext listener it has a {@code SASL_PLAINTEXT} listener with the {@code PLAIN}
 * mechanism and one account ({@link #saslUser()}, {@link #saslPassword()}, a random password per
 * broker), so that secured clients are tested against the real thing.
 */
public final class KafkaBroker implements Server {
  /** The account on the SASL listener. */
  public static final String SASL_USER = "airq";

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private final int saslPort;
  private final String saslPassword;
  private final boolean saslOnly;
  private final String classpath;
  private ServerProcess process;

  private KafkaBroker(
      Path dir,
      int port,
      int controllerPort,
      int saslPort,
      String saslPassword,
      boolean saslOnly,
      String classpath) {
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.saslPort = saslPort;
    this.saslPassword = saslPassword;
    this.saslOnly = saslOnly;
    this.classpath = classpath;
  }

  /** Formats (first time only) and starts a broker under {@code dir} on {@code port} (0 = free). */
  public static KafkaBroker start(Path dir, int port) {
    return start(dir, port, null);
  }

  /**
   * Formats (first time only) and starts a broker as docker-compose.yml runs it: its only client
   * listener is {@code SASL_PLAINTEXT} (mechanism {@code PLAIN}) on {@code port} (0 = free), with
   * the one account {@link #SASL_USER} and this password, and the broker logs in to itself there
   * too. {@link #endpoint()} is then that listener. The config file holding the password is
   * owner-only.
   */
  public static KafkaBroker startSaslOnly(Path dir, int port, String password) {
    if (password == null || password.isBlank()) {
      throw new IllegalArgumentException("a SASL-only broker needs a password");
    }
    return start(dir, port, password);
  }

  private static KafkaBroker start(Path dir, int port, String saslOnlyPassword) {
    String cp = System.getProperty("java.class.path");
    if (cp == null || !cp.contains("kafka_2.13")) {
      throw new IllegalStateException(
          "the Kafka broker jars (org.apache.kafka:kafka_2.13) are not on this JVM's classpath;"
              + " depend on airq-devstack to get them");
    }
    Path props = dir.resolve("server.properties");
    int p = port;
    int cport;
    int sport;
    String password;
    if (Files.exists(props)) { // a restart of an existing broker keeps its ports and account
      Properties existing = load(props);
      p = Integer.parseInt(existing.getProperty("airq.port"));
      cport = Integer.parseInt(existing.getProperty("airq.controller.port"));
      sport = Integer.parseInt(existing.getProperty("airq.sasl.port"));
      password = existing.getProperty("airq.sasl.password");
    } else {
      p = p == 0 ? Loopback.freePort() : p;
      cport = Loopback.freePort();
      sport = saslOnlyPassword != null ? p : Loopback.freePort();
      password = Uuid.randomUuid().toString();
    }
    boolean saslOnly = saslOnlyPassword != null;
    if (saslOnly) { // the password given wins over the one of an earlier start
      password = saslOnlyPassword;
      sport = p;
    }
    KafkaBroker b = new KafkaBroker(dir, p, cport, sport, password, saslOnly, cp);
    b.format();
    b.start();
    return b;
  }

  private void format() {
    Path props = writeConfig();
    if (Files.exists(dir.resolve("data").resolve("meta.properties"))) {
      return;
    }
    ServerProcess.run(
        "kafka-storage-format",
        javaCommand(
            "kafka.tools.StorageTool",
            "format",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            props.toString()),
        dir.resolve("format.log"),
        Duration.ofSeconds(60));
  }

  private Path writeConfig() {
    try {
      Files.createDirectories(dir.resolve("data"));
      Map<String, String> c =
          KafkaBrokerConfig.settings(
              dir.resolve("data"), port, controllerPort, saslPort, saslPassword, saslOnly);
      StringBuilder sb = new StringBuilder("# written by airq devstack\n");
      c.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
      Path file = dir.resolve("server.properties");
      Files.deleteIfExists(file); // created owner-only: it holds the account's password
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, sb.toString());
      Files.writeString(
          dir.resolve("logback.xml"),
          """
          <configuration>
            <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
              <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
            </appender>
            <logger name="kafka" level="WARN"/>
            <logger name="org.apache.kafka" level="WARN"/>
            <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
            <root level="WARN"><appender-ref ref="OUT"/></root>
          </configuration>
          """);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Kafka config under " + dir, e);
    }
  }

  private List<String> javaCommand(String mainClass, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xms256m");
    cmd.add("-Xmx1g");
    cmd.add("-XX:+UseG1GC");
    cmd.add("-Djava.awt.headless=true");
    cmd.add("-Dlogback.configurationFile=" + dir.resolve("logback.xml"));
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Override
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    process =
        ServerProcess.start(
            "kafka:" + port,
            javaCommand("kafka.Kafka", dir.resolve("server.properties").toString()),
            dir.resolve("kafka.log"));
    Loopback.await(
        "Kafka on port " + port, Duration.ofSeconds(90), this::answers, process::requireAlive);
  }

  private boolean answers() {
    if (!Loopback.accepts(port)) {
      return false;
    }
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint());
    if (saslOnly) {
      p.putAll(saslClientSettings(SASL_USER, saslPassword));
    }
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    try (Admin admin = Admin.create(p)) {
      return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
    } catch (Exception e) {
      return false;
    }
  }

  private static Properties load(Path file) {
    Properties p = new Properties();
    try (var in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /**
   * The bootstrap servers, {@code 127.0.0.1:port}: the plaintext listener, or for a {@link
   * #startSaslOnly} broker its SASL listener.
   */
  @Override
  public String endpoint() {
    return Loopback.HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  /** The bootstrap servers of the {@code SASL_PLAINTEXT} listener (mechanism {@code PLAIN}). */
  public String saslEndpoint() {
    return Loopback.HOST + ":" + saslPort;
  }

  public String saslUser() {
    return SASL_USER;
  }

  public String saslPassword() {
    return saslPassword;
  }

  /**
   * The {@code kafka.*} client settings (without the prefix) that log in to the SASL listener as
   * {@code user} with {@code password}.
   */
  public static Map<String, String> saslClientSettings(String user, String password) {
    return Map.of(
        "security.protocol",
        "SASL_PLAINTEXT",
        "sasl.mechanism",
        "PLAIN",
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";");
  }

  @Override
  public synchronized void stop() {
    if (process != null) {
      process.stop(Duration.ofSeconds(30));
      process = null;
    }
  }

  @Override
  public synchronized void kill() {
    if (process != null) {
      process.kill();
      process = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process == null ? -1 : process.pid();
  }
}
