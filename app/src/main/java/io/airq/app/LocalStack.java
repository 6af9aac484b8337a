package io.airq.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack: the three servers as child processes, and the airq services (bridge, streams,
 * sink, planner) in this JVM. One JVM keeps start-up fast and makes Ctrl-C stop everything: the
 * servers are stopped by this JVM's shutdown hook.
 */
public final class LocalStack implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

  /** The services' ports when free (else any free port): the same as in docker-compose.yml. */
  public static final int PLANNER_PORT = 8080;

  public static final int INGEST_PORT = 8081;
  public static final int SINK_PORT = 8082;
  public static final int STREAMS_PORT = 8083;

  private final LocalServers servers;
  private final Credentials secrets;
  private final Deque<AutoCloseable> services = new ArrayDeque<>();
  private String plannerUrl = "";
  private java.util.Map<String, String> serviceUrls = java.util.Map.of();
  private Pipeline pipeline;

  private LocalStack(LocalServers servers, Credentials secrets) {
    this.servers = servers;
    this.secrets = secrets;
  }

  /** With the credentials of {@code dir}, generated there on the first start. */
  public static LocalStack start(Path dir, boolean serversOnly, PrintStream progress) {
    return start(dir, Credentials.loadOrCreate(dir), serversOnly, progress, null);
  }

  /**
   * As {@link #start(Path, boolean, PrintStream)}, with this streams {@code emit.interval} (null:
   * the default): the demo shortens it, since it waits two intervals for the last windows. The
   * servers are secured with {@code secrets} and the services log in with them.
   */
  public static LocalStack start(
      Path dir,
      Credentials secrets,
      boolean serversOnly,
      PrintStream progress,
      Duration emitInterval) {
    LocalStack stack = new LocalStack(LocalServers.start(dir, secrets, progress), secrets);
    try {
      if (!serversOnly) {
        stack.startServices(dir, progress, emitInterval);
      }
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startServices(Path dir, PrintStream progress, Duration emitInterval) {
    Pipeline p =
        Pipeline.start(
            Pipeline.Settings.builder()
                .mqttUrl(servers.mqttUrl())
                .kafkaBootstrap(servers.kafkaBootstrap())
                .influxUrl(servers.influxUrl())
                .influxDatabase("airq")
                .plannerPort(portOr(PLANNER_PORT))
                .ingestHttpPort(portOr(INGEST_PORT))
                .sinkPort(portOr(SINK_PORT))
                .streamsPort(portOr(STREAMS_PORT))
                .stateDir(dir.resolve("streams-state"))
                .emitInterval(emitInterval)
                // the one streams setting ./airq up takes from the environment (docs/quality.md)
                .dayZone(System.getenv("AIRQ_DAY_ZONE"))
                .logins(ServerLogins.of(secrets))
                .build(),
            progress);
    services.push(p);
    plannerUrl = p.plannerUrl();
    serviceUrls = p.serviceUrls();
    pipeline = p;
  }

  private static int portOr(int preferred) {
    return io.airq.devstack.Loopback.accepts(preferred) ? 0 : preferred;
  }

  /** The airq services; empty for a servers-only stack. */
  public java.util.Optional<Pipeline> pipeline() {
    return java.util.Optional.ofNullable(pipeline);
  }

  public LocalServers servers() {
    return servers;
  }

  /** The secrets of the servers and the planner, which the CLI reads. */
  public Credentials credentials() {
    return secrets;
  }

  public Endpoints endpoints() {
    return new Endpoints(
        servers.mqttUrl(),
        servers.kafkaBootstrap(),
        servers.influxUrl(),
        plannerUrl,
        "",
        serviceUrls);
  }

  @Override
  public void close() {
    while (!services.isEmpty()) {
      AutoCloseable s = services.pop();
      try {
        s.close();
      } catch (Exception e) {
        log.warn("stopping {} failed: {}", s, e.toString());
      }
    }
    servers.close();
  }
}
