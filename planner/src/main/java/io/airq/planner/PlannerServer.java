package io.airq.planner;

import io.airq.kit.Check;
import io.airq.kit.KafkaClients;
import io.airq.kit.ServiceEndpoints;
import io.airq.planner.api.AccessGuard;
import io.airq.planner.api.AccessRoutes;
import io.airq.planner.api.Api;
import io.airq.planner.api.ImpactService;
import io.airq.planner.api.RequestMeter;
import io.airq.planner.auth.Access;
import io.airq.planner.health.NetworkFlagCounts;
import io.airq.planner.health.NetworkGauges;
import io.airq.planner.health.NetworkHealth;
import io.airq.planner.influx.AverageReader;
import io.airq.planner.registry.ClosureWriter;
import io.airq.planner.registry.Registry;
import io.airq.planner.registry.SensorWriter;
import io.airq.planner.weather.AveragesWriter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planner: REST API, web page and exports, with {@code /health} and {@code /metrics}, on one
 * port (kit {@link ServiceEndpoints}), writes behind {@link AccessGuard}. Health: Kafka reachable,
 * each registry table read to its end, InfluxDB reachable.
 */
public final class PlannerServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PlannerServer.class);
  private static final Duration KAFKA_CHECK = Duration.ofSeconds(3);

  private final Registry registry;
  private final AverageReader reader;
  private final ClosureWriter writer;
  private final SensorWriter sensorWriter;
  private final AveragesWriter averagesWriter;
  private final Admin admin;
  private final Access access;
  private final ExecutorService apiThreads;
  private final ServiceEndpoints endpoints;

  private PlannerServer(PlannerConfig cfg) {
    LOG.info("starting planner with {}", cfg);
    Properties kafka = KafkaClients.properties(cfg.kafkaBootstrap(), cfg.kafka());
    this.registry = Registry.start(kafka, cfg.topicPrefix());
    this.reader =
        new AverageReader(
            cfg.influxUrl(), cfg.influxLogin(), cfg.influxDatabase(), cfg.influxRawPolicy());
    this.writer = new ClosureWriter(kafka, cfg.topicPrefix(), registry);
    this.sensorWriter = new SensorWriter(kafka, cfg.topicPrefix(), registry);
    this.averagesWriter = new AveragesWriter(kafka, cfg.topicPrefix());
    this.admin = KafkaClients.admin(cfg.kafkaBootstrap(), cfg.kafka());
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.bindTo(meters);
    NetworkFlagCounts flagCounts =
        new NetworkFlagCounts(registry::sensors, reader::networkFlags, Clock.systemUTC());
    NetworkGauges.bind(
        meters, registry::sensors, new NetworkHealth(reader, Clock.systemUTC()), flagCounts);
    this.access = Access.start(kafka, cfg.topicPrefix(), cfg.adminToken());
    Api api =
        new Api(
            registry,
            new ImpactService(
                reader,
                registry,
                new io.airq.planner.weather.WeatherSource(
                    reader, registry::sensors, cfg.weatherNearestKm(), cfg.hourGate()),
                cfg.hourGate()),
            reader,
            cfg,
            writer,
            sensorWriter::acceptAll,
            averagesWriter::write,
            new AccessRoutes(access),
            flagCounts);
    AccessGuard guard = new AccessGuard(access.tokens(), access.audit());
    Map<String, Supplier<Check>> checks = new LinkedHashMap<>();
    checks.put("kafka", () -> KafkaClients.reachable(admin, KAFKA_CHECK));
    registry.checks().forEach((table, check) -> checks.put("registry-" + table, check));
    access.checks().forEach((table, check) -> checks.put("access-" + table, check));
    checks.put("influxdb", reader::reachable);
    this.apiThreads = Executors.newFixedThreadPool(4, PlannerServer::apiThread);
    try {
      this.endpoints =
          ServiceEndpoints.start("planner", cfg.httpBind(), cfg.httpPort(), meters, checks)
              .withContext("/", RequestMeter.around(guard.around(api::handle), meters, apiThreads));
    } catch (RuntimeException e) {
      closeClients();
      throw e;
    }
    LOG.info("planner listening on http://{}:{}/", cfg.httpBind(), port());
  }

  /**
   * Starts the planner; {@code cfg.httpPort() == 0} picks a free port.
   *
   * @throws java.io.UncheckedIOException when the port cannot be listened on
   */
  public static PlannerServer start(PlannerConfig cfg) {
    return new PlannerServer(cfg);
  }

  public int port() {
    return endpoints.port();
  }

  public String healthUrl() {
    return endpoints.healthUrl();
  }

  public String metricsUrl() {
    return endpoints.metricsUrl();
  }

  private static Thread apiThread(Runnable r) {
    Thread t = new Thread(r, "planner-api");
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    endpoints.close();
    closeClients();
  }

  private void closeClients() {
    apiThreads.shutdownNow();
    writer.close();
    sensorWriter.close();
    averagesWriter.close();
    access.close();
    admin.close();
    reader.close();
    registry.close();
  }
}
