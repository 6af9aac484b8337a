package io.airq.streams;

import io.airq.core.topic.Topics;
import io.airq.kit.Check;
import io.airq.kit.KafkaClients;
import io.airq.kit.ServiceEndpoints;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: one KafkaStreams over the airq topology, its meters (airq's and Kafka
 * Streams' own) and, unless {@code metrics.port} is 0, {@code /health} and {@code /metrics}.
 */
public final class StreamsApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

  /** How long /health waits for the Kafka cluster to answer. */
  static final Duration KAFKA_CHECK_TIMEOUT = Duration.ofSeconds(5);

  private final KafkaStreams streams;
  private final PrometheusMeterRegistry registry;
  private final KafkaStreamsMetrics kafkaMetrics;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private Admin admin;
  private ServiceEndpoints endpoints;

  private StreamsApp(
      KafkaStreams streams, PrometheusMeterRegistry registry, KafkaStreamsMetrics kafkaMetrics) {
    this.streams = streams;
    this.registry = registry;
    this.kafkaMetrics = kafkaMetrics;
  }

  /** The producer transaction timeout airq sets unless kafka.* sets one. */
  static final int TRANSACTION_TIMEOUT_MS = 60_000;

  /** Kafka Streams properties for a config: kafka.* as given, then airq's fixed choices. */
  public static Properties properties(StreamsConfig cfg) {
    Properties p = KafkaClients.properties(cfg.kafka().get("bootstrap.servers"), cfg.kafka());
    p.put(org.apache.kafka.streams.StreamsConfig.APPLICATION_ID_CONFIG, cfg.applicationId());
    p.put(
        org.apache.kafka.streams.StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        org.apache.kafka.streams.StreamsConfig.EXACTLY_ONCE_V2);
    p.put(
        org.apache.kafka.streams.StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, cfg.standbyReplicas());
    p.put(org.apache.kafka.streams.StreamsConfig.NUM_STREAM_THREADS_CONFIG, cfg.threads());
    p.put(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG, cfg.stateDir().toString());
    // Under exactly-once a transaction still open after transaction.timeout.ms is aborted by the
    // broker and the thread is fenced (InvalidProducerEpochException; its tasks are re-initialised
    // and their work since the last commit is redone). Streams' 10 s default was exceeded under a
    // load benchmark on a busy 2-core machine; kafka.* settings still win.
    producerDefault(p, "transaction.timeout.ms", Integer.toString(TRANSACTION_TIMEOUT_MS));
    // Throughput: the topology writes ~5 records per reading to a dozen topics and changelogs, in
    // 16 KiB batches by default. 256 KiB lz4 batches and 5,000 records per poll took
    // StreamsBenchmark from 7,137 to 11,450 readings/s (docs/streams.md, Performance).
    producerDefault(p, "batch.size", Integer.toString(256 * 1024));
    producerDefault(p, "compression.type", "lz4");
    producerDefault(p, "linger.ms", "100");
    clientDefault(
        p, "max.poll.records", org.apache.kafka.streams.StreamsConfig.consumerPrefix(""), "5000");
    // Every sub-topology reads one topic (AirqTopologyShapeTest), so a task has one input partition
    // and there is nothing to wait for before choosing which partition's record comes next. With
    // the default (0), Kafka Streams 4.3 still asks each empty partition's fetch lag at every pass
    // of the processing loop and formats a log text with String.format for it, logged or not
    // (PartitionGroup.readyToProcess): 2.4 % of the stream thread's samples in StreamsBenchmark.
    p.putIfAbsent(org.apache.kafka.streams.StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
    p.put(
        org.apache.kafka.streams.StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterHandler.class.getName());
    p.put(
        DeadLetterHandler.TOPIC_CONFIG,
        Topics.READINGS_DEAD_LETTER.prefixed(cfg.settings().topicPrefix()).name());
    return p;
  }

  /** Sets a producer setting unless kafka.* set it, plain or with the producer prefix. */
  private static void producerDefault(Properties p, String key, String value) {
    clientDefault(p, key, org.apache.kafka.streams.StreamsConfig.producerPrefix(""), value);
  }

  /** Sets {@code prefix + key} unless kafka.* set the key, plain or with that prefix. */
  private static void clientDefault(Properties p, String key, String prefix, String value) {
    if (!p.containsKey(key) && !p.containsKey(prefix + key)) {
      p.put(prefix + key, value);
    }
  }

  public static StreamsApp start(StreamsConfig cfg) {
    LOG.info("starting airq streams with {}", cfg);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    StreamsMeters meters = new StreamsMeters(registry);
    Properties props = properties(cfg);
    props.put(DeadLetterHandler.METERS_CONFIG, meters);
    KafkaStreams streams = new KafkaStreams(AirqTopology.build(cfg.settings(), meters), props);
    KafkaStreamsMetrics kafkaMetrics = new KafkaStreamsMetrics(streams);
    kafkaMetrics.bindTo(registry);
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("stream thread failed; shutting this instance down", e);
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    StreamsApp app = new StreamsApp(streams, registry, kafkaMetrics);
    streams.setStateListener(
        (now, before) -> {
          LOG.info("streams state {} -> {}", before, now);
          if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
            app.stopped.countDown();
          }
        });
    try {
      streams.start();
      if (cfg.metricsPort() != 0) {
        app.serveEndpoints(cfg);
      }
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
    return app;
  }

  /** /health (the streams state, Kafka reachable) and /metrics on the configured address. */
  private void serveEndpoints(StreamsConfig cfg) {
    admin = KafkaClients.admin(cfg.kafka().get("bootstrap.servers"), cfg.kafka());
    Map<String, Supplier<Check>> checks = new LinkedHashMap<>();
    checks.put("streams", () -> StreamsHealth.of(streams.state()));
    checks.put("kafka", () -> KafkaClients.reachable(admin, KAFKA_CHECK_TIMEOUT));
    endpoints =
        ServiceEndpoints.start(
            "streams", cfg.metricsBind(), Math.max(0, cfg.metricsPort()), registry, checks);
  }

  /** The /health URL, or null when the endpoints are off. */
  public String healthUrl() {
    return endpoints == null ? null : endpoints.healthUrl();
  }

  /** The /metrics URL, or null when the endpoints are off. */
  public String metricsUrl() {
    return endpoints == null ? null : endpoints.metricsUrl();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Blocks until this instance stopped (closed or failed); true when it failed. */
  public boolean awaitStop() throws InterruptedException {
    stopped.await();
    return streams.state() == KafkaStreams.State.ERROR;
  }

  public KafkaStreams streams() {
    return streams;
  }

  @Override
  public void close() {
    if (endpoints != null) {
      endpoints.close();
    }
    streams.close(Duration.ofSeconds(30));
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    kafkaMetrics.close();
    registry.close();
  }
}
