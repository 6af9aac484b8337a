package io.airq.sink;

import io.airq.core.closure.Closure;
import io.airq.core.topic.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
 * dead-letter topic with the reason. This class only wires; {@link SinkLoop} runs.
 *
 * <pre>{@code
 * Sink sink = Sink.start(SinkConfig.of(influxUrl, "airq", bootstrap, ""));
 * ...
 * sink.close();
 * }</pre>
 */
public final class Sink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sink.class);

  private final PrometheusMeterRegistry registry;
  private final SinkMetrics metrics;
  private final InfluxWriter influx;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final DeadLetters deadLetters;
  private final ClosureTable closures;
  private final BatchWriter batchWriter;
  private final SinkLoop sinkLoop;
  private final MetricsServer http;
  private final Thread loop;

  private Sink(SinkConfig cfg) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.metrics = new SinkMetrics(registry);
    this.influx = new InfluxWriter(cfg);
    this.consumer = SinkClients.consumer(cfg);
    this.deadLetters =
        new DeadLetters(
            SinkClients.producer(cfg), Topics.SINK_DEAD_LETTER.prefixed(cfg.topicPrefix()).name());
    this.closures = new ClosureTable(SinkClients.common(cfg), cfg.topicPrefix());
    this.batchWriter =
        new BatchWriter(
            cfg,
            influx,
            deadLetters,
            metrics,
            Topics.CLEAN_READINGS.prefixed(cfg.topicPrefix()).name());
    this.sinkLoop =
        new SinkLoop(cfg, consumer, new RecordMapper(cfg, this::closure), batchWriter, metrics);
    this.http =
        cfg.metricsPort() == 0
            ? null
            : new MetricsServer(cfg.metricsBind(), cfg.metricsPort(), registry, this::health);
    this.loop = new Thread(sinkLoop, "airq-sink");
  }

  /** Validates nothing more than the config did; connects, subscribes and starts the loop. */
  public static Sink start(SinkConfig cfg) {
    log.info("starting sink: {}", cfg);
    Sink s = new Sink(cfg);
    s.closures.refresh();
    s.batchWriter.prepareDatabase();
    s.sinkLoop.subscribe();
    s.loop.start();
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

  /** A registered closure, read again from its topic when unknown (it may have just been added). */
  private Closure closure(String id) {
    if (closures.get(id) == null) {
      closures.refresh();
    }
    return closures.get(id);
  }

  private String health() {
    String status = loop.isAlive() && sinkLoop.failure() == null ? "UP" : "DOWN";
    return "{\"status\":\""
        + status
        + "\",\"state\":\""
        + sinkLoop.state()
        + "\",\"bufferedPoints\":"
        + metrics.buffered.get()
        + ",\"lag\":"
        + metrics.lag.get()
        + "}";
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
    if (http != null) {
      http.close();
    }
    consumer.close();
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
