package io.airq.ingest;

import com.sun.net.httpserver.HttpServer;
import io.airq.ingest.config.HttpConfig;
import io.airq.kit.Check;
import io.airq.kit.KafkaClients;
import io.airq.kit.ServiceEndpoints;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * The bridge's HTTP side: the Sensor.Community push on {@code http.port}, and {@code /health} and
 * {@code /metrics} by the kit's {@link ServiceEndpoints}, on the same port or, with {@code
 * metrics.port}, on their own (so the port devices reach exposes only the push). {@code /health}
 * checks the MQTT session, whether Kafka answers, in strict mode whether the sensor registry was
 * read, and whether per-pin pushes are being merged.
 */
final class IngestEndpoints implements AutoCloseable {
  /** How long /health waits for Kafka to describe its cluster. */
  static final Duration KAFKA_CHECK_TIMEOUT = Duration.ofSeconds(3);

  private final Admin admin;
  private final HttpPush push;
  private final ServiceEndpoints server;

  /** The push's own server when /health and /metrics have theirs; null when they share one. */
  private final HttpServer pushServer;

  private IngestEndpoints(
      Admin admin, HttpPush push, ServiceEndpoints server, HttpServer pushServer) {
    this.admin = admin;
    this.push = push;
    this.server = server;
    this.pushServer = pushServer;
  }

  /**
   * @param mqttConnected whether the MQTT session is connected now
   * @param registry the sensor registry's check in strict mode; null in open mode
   * @param pins the per-pin merge's check; null when pins are not merged
   */
  static IngestEndpoints start(
      BridgeConfig cfg,
      PrometheusMeterRegistry meters,
      HttpPush push,
      BooleanSupplier mqttConnected,
      Supplier<Check> registry,
      Supplier<Check> pins) {
    Admin admin = KafkaClients.admin(cfg.kafka().bootstrapServers(), cfg.kafka().settings());
    String url = cfg.mqtt().url();
    Map<String, Supplier<Check>> checks = new LinkedHashMap<>();
    checks.put(
        "mqtt",
        () ->
            mqttConnected.getAsBoolean()
                ? Check.up("connected to " + url)
                : Check.down("not connected to " + url));
    checks.put("kafka", () -> KafkaClients.reachable(admin, KAFKA_CHECK_TIMEOUT));
    if (registry != null) {
      checks.put("registry", registry);
    }
    if (pins != null) {
      checks.put("pins", pins);
    }
    HttpConfig http = cfg.http();
    HttpServer pushServer = null;
    try {
      if (!http.separateMetrics()) {
        ServiceEndpoints server =
            ServiceEndpoints.start("ingest", http.bind(), http.bindPort(), meters, checks)
                .withContext(HttpPush.PATH, push);
        return new IngestEndpoints(admin, push, server, null);
      }
      pushServer = HttpServer.create(new InetSocketAddress(http.bind(), http.bindPort()), 0);
      pushServer.createContext(HttpPush.PATH, push); // its handler hands each push to its pool
      pushServer.start();
      ServiceEndpoints server =
          ServiceEndpoints.start(
              "ingest", http.metricsBind(), Math.max(0, http.metricsPort()), meters, checks);
      return new IngestEndpoints(admin, push, server, pushServer);
    } catch (IOException e) {
      push.close();
      admin.close(Duration.ZERO);
      throw new UncheckedIOException(
          "ingest: cannot listen on " + http.bind() + ":" + http.bindPort() + " for HTTP push", e);
    } catch (RuntimeException e) {
      if (pushServer != null) {
        pushServer.stop(0);
      }
      push.close();
      admin.close(Duration.ZERO);
      throw e;
    }
  }

  /** The HTTP push's port. */
  int port() {
    return pushServer != null ? pushServer.getAddress().getPort() : server.port();
  }

  /** The port of /health and /metrics. */
  int metricsPort() {
    return server.port();
  }

  @Override
  public void close() {
    if (pushServer != null) {
      pushServer.stop(0);
    }
    server.close();
    push.close();
    admin.close(Duration.ofSeconds(5));
  }
}
