package io.airq.ingest;

import io.airq.kit.Check;
import io.airq.kit.KafkaClients;
import io.airq.kit.ServiceEndpoints;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * The bridge's HTTP side on {@code http.port}: {@code /health} and {@code /metrics} by the kit's
 * {@link ServiceEndpoints}, and the Sensor.Community push beside them. {@code /health} checks the
 * MQTT session, whether Kafka answers, in strict mode whether the sensor registry was read, and
 * whether per-pin pushes are being merged.
 */
final class IngestEndpoints implements AutoCloseable {
  /** How long /health waits for Kafka to describe its cluster. */
  static final Duration KAFKA_CHECK_TIMEOUT = Duration.ofSeconds(3);

  private final Admin admin;
  private final HttpPush push;
  private final ServiceEndpoints server;

  private IngestEndpoints(Admin admin, HttpPush push, ServiceEndpoints server) {
    this.admin = admin;
    this.push = push;
    this.server = server;
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
    try {
      ServiceEndpoints server =
          ServiceEndpoints.start("ingest", cfg.http().bind(), cfg.http().bindPort(), meters, checks)
              .withContext(HttpPush.PATH, push);
      return new IngestEndpoints(admin, push, server);
    } catch (RuntimeException e) {
      push.close();
      admin.close(Duration.ZERO);
      throw e;
    }
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    push.close();
    admin.close(Duration.ofSeconds(5));
  }
}
