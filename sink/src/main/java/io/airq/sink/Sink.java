package io.airq.sink;

import io.airq.core.closure.Closure;
import io.airq.core.topic.Topics;
import io.airq.kit.Check;
import io.airq.kit.CompactedTable;
import io.airq.kit.KafkaClients;
import io.airq.kit.ServiceEndpoints;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka to InfluxDB. Reads the clean readings, averages, closure-impact aggregates and alerts;
 * writes them as line protocol in batches bounded by size and time ({@link Batcher}); commits the
 * offsets of a batch only after InfluxDB accepted it ({@link OffsetBook}). An outage, or InfluxDB
 * refusing new series because a limit of its configuration is reached, pauses the partitions and
 * retries with exponential backoff ({@link Backoff}; the buffer stays one batch); a point InfluxDB
 * refuses as bad ({@link InfluxAnswer}) is found by {@link Bisection} and sent to the sink
 * dead-letter topic with the reason. With {@code webhook.urls} set, {@link Webhooks} also POSTs
 * each alert to those URLs. This class only wires; {@link SinkLoop} runs.
 *
 * <pre>{@code
 * Sink sink = Sink.start(SinkConfig.of(influxUrl, "airq", bootstrap, ""));
 * ...
 * sink.close();
 * }</pre>
 */
public final class Sink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sink.class);

  /** How long a closure-phase record waits for its closure to be read from the closures topic. */
  private static final Duration CLOSURE_WAIT = Duration.ofSeconds(10);

  private final PrometheusMeterRegistry registry;
  private final SinkMetrics metrics;
  private final InfluxWriter influx;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final DeadLetters deadLetters;
  private final CompactedTable<Closure> closures;
  private final BatchWriter batchWriter;
  private final SinkLoop sinkLoop;
  private final Admin admin;
  private final ServiceEndpoints http;
  private final Thread loop;
  private final Webhooks webhooks;
  private long closureWaitsFrom = System.nanoTime();

  private Sink(SinkConfig cfg) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.metrics = new SinkMetrics(registry);
    this.influx = new InfluxWriter(cfg);
    this.consumer = SinkClients.consumer(cfg);
    this.deadLetters =
        new DeadLetters(
            SinkClients.producer(cfg), Topics.SINK_DEAD_LETTER.prefixed(cfg.topicPrefix()).name());
    this.closures =
        CompactedTable.start(SinkClients.common(cfg), Topics.CLOSURES.prefixed(cfg.topicPrefix()));
    this.batchWriter =
        new BatchWriter(
            cfg,
            influx,
            deadLetters,
            metrics,
            Topics.CLEAN_READINGS.prefixed(cfg.topicPrefix()).name());
    this.sinkLoop =
        new SinkLoop(cfg, consumer, new RecordMapper(cfg, this::closure), batchWriter, metrics);
    this.loop = new Thread(sinkLoop, "airq-sink");
    this.webhooks = cfg.webhook().enabled() ? Webhooks.create(cfg, registry) : null;
    this.admin = cfg.metricsPort() == 0 ? null : SinkClients.admin(cfg);
    this.http =
        cfg.metricsPort() == 0
            ? null
            : ServiceEndpoints.start(
                "sink", cfg.metricsBind(), cfg.metricsPort(), registry, checks());
  }

  /** Validates nothing more than the config did; connects, subscribes and starts the loop. */
  public static Sink start(SinkConfig cfg) {
    log.info("starting sink: {}", cfg);
    Sink s = new Sink(cfg);
    if (!s.closures.awaitCaughtUp(Duration.ofSeconds(30))) {
      log.warn("the closures topic was not read within 30 s; closure phases wait for it");
    }
    s.batchWriter.prepareDatabase();
    s.sinkLoop.subscribe();
    s.loop.start();
    if (s.webhooks != null) {
      s.webhooks.start();
    }
    return s;
  }

  /** The meter registry, for tests and for embedding. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The port of the /metrics and /health endpoint, or 0 when off. */
  public int metricsPort() {
    return http == null ? 0 : http.port();
  }

  /** True while the loop runs. */
  public boolean isRunning() {
    return loop.isAlive();
  }

  /** What the loop is doing, as {@code /health} reports it. */
  String state() {
    return sinkLoop.state();
  }

  /**
   * A registered closure. One not read yet may have just been registered: the table is read up to
   * the topic's end first. When that times out, the next minute's records do not wait again (a slow
   * Kafka must not stall the loop record by record); theirs go to the dead-letter topic.
   */
  private Closure closure(String id) {
    Optional<Closure> c = closures.get(id);
    if (c.isEmpty() && System.nanoTime() - closureWaitsFrom >= 0) {
      if (closures.awaitCaughtUp(CLOSURE_WAIT)) {
        c = closures.get(id);
      } else {
        closureWaitsFrom = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        log.warn("the closures topic was not read within {} s", CLOSURE_WAIT.toSeconds());
      }
    }
    return c.orElse(null);
  }

  /**
   * /health: Kafka reachable, InfluxDB answering, the closures read, the loop and webhooks running.
   */
  private Map<String, Supplier<Check>> checks() {
    Map<String, Supplier<Check>> checks = new LinkedHashMap<>();
    checks.put("kafka", () -> KafkaClients.reachable(admin, Duration.ofSeconds(5)));
    checks.put("influxdb", influx::ping);
    checks.put("closures", closures::check);
    checks.put("sink", this::loopCheck);
    checks.put("webhook", () -> webhooks == null ? Check.up("off") : webhooks.check());
    return checks;
  }

  /** Up while the loop runs; its state (running, retrying, influx-limit), buffer and lag. */
  private Check loopCheck() {
    String detail =
        sinkLoop.state()
            + ", "
            + metrics.buffered.get()
            + " points buffered, consumer lag "
            + metrics.lag.get();
    return loop.isAlive() && sinkLoop.failure() == null ? Check.up(detail) : Check.down(detail);
  }

  /** Stops the loop (writing what is buffered if InfluxDB takes it) and closes every client. */
  @Override
  public void close() {
    sinkLoop.stop(true);
    shutdown();
  }

  /**
   * Stops at once like a killed process: the buffer is dropped unwritten and nothing more is
   * committed, so its records are read again by the next sink in the group. For tests.
   */
  void halt() {
    sinkLoop.stop(false);
    shutdown();
  }

  private void shutdown() {
    join(60_000);
    if (loop.isAlive()) {
      consumer.wakeup();
      join(10_000);
    }
    sinkLoop.closeWriter();
    if (webhooks != null) {
      webhooks.close();
    }
    if (http != null) {
      http.close();
    }
    consumer.close();
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    closures.close();
    deadLetters.close();
    influx.close();
    registry.close();
    log.info("sink stopped");
  }

  private void join(long millis) {
    try {
      loop.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
