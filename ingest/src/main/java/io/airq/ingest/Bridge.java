package io.airq.ingest;

import io.airq.core.reading.Reading;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topics;
import io.airq.ingest.device.DeviceSecrets;
import io.airq.ingest.gateway.GatewayPolicy;
import io.airq.ingest.payload.ParseResult;
import io.airq.ingest.payload.PayloadParser;
import io.airq.ingest.payload.TopicRoute;
import io.airq.kit.CompactedTable;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT to Kafka bridge. Each MQTT message is parsed, written to Kafka (readings, or a dead
 * letter), and acknowledged to the broker only when Kafka acked every record of it. When Kafka
 * fails, the message stays unacknowledged and its send is retried with backoff until it succeeds.
 */
public final class Bridge implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);

  private final BridgeConfig cfg;
  private final PayloadParser parser;
  private final KafkaPublisher publisher;
  private final PrometheusMeterRegistry registry;
  private final IngestMetrics metrics;

  /** Room for messages received and not yet done; full, it pauses reading from the broker. */
  private final ReceiveRoom room;

  /** Parse and send: a message goes to the worker {@link #route} names, which keeps its order. */
  private final ExecutorService[] workers;

  private final WorkerRoute route;

  /** Per worker: sends its messages in arrival order, holding later ones behind a failed send. */
  private final OrderedSender<Outgoing>[] senders;

  /** Waits out the backoff of failed Kafka sends. */
  private final ScheduledExecutorService retries;

  private final SSLSocketFactory mqttSocketFactory;
  private final MqttIntake mqtt;

  /** /health, /metrics and the HTTP push; null when {@code http.port} is 0. */
  private final IngestEndpoints http;

  /** The sensor registry in strict gateway mode; null in open mode. */
  private final CompactedTable<Sensor> sensors;

  private final Function<Reading, Optional<GatewayPolicy.Refusal>> gate;

  /** Merges staged per-pin pushes; null when there is no HTTP push or no pin window. */
  private final PinMergeLoop pinMerge;

  private volatile boolean closed;

  /** Set while Kafka refuses sends: the outage is logged once, not per message. */
  private final AtomicBoolean kafkaDown = new AtomicBoolean();

  private Bridge(BridgeConfig cfg) throws MqttException, IOException {
    this.cfg = cfg;
    this.room = new ReceiveRoom(cfg.mqtt().receiveMaximum());
    // the stores are read first: a wrong path or password fails the start before anything runs
    this.mqttSocketFactory = cfg.mqtt().tls().isCustom() ? cfg.mqtt().tls().socketFactory() : null;
    this.parser = new PayloadParser(cfg.limits());
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.metrics = new IngestMetrics(registry, room::taken);
    this.publisher = new KafkaPublisher(cfg);
    this.sensors = cfg.strictGateways() ? startRegistry(cfg) : null;
    this.gate = sensors == null ? r -> Optional.empty() : r -> GatewayPolicy.check(r, sensors::get);
    this.workers = new ExecutorService[cfg.mqtt().workerThreads()];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = Executors.newSingleThreadExecutor(daemon("airq-ingest-" + i + "-"));
    }
    this.route = new WorkerRoute(workers.length, publisher.readingsPartitions());
    this.retries = Executors.newSingleThreadScheduledExecutor(daemon("airq-ingest-retry-"));
    @SuppressWarnings("unchecked")
    OrderedSender<Outgoing>[] s = new OrderedSender[workers.length];
    MqttDelivery delivery = new MqttDelivery();
    for (int i = 0; i < s.length; i++) {
      s[i] = new OrderedSender<>(workers[i], retries, delivery);
    }
    this.senders = s;
    this.mqtt = new MqttIntake(cfg.mqtt(), room, metrics, this::arrived);
    this.http =
        cfg.http().enabled()
            ? IngestEndpoints.start(
                cfg,
                registry,
                new HttpPush(
                    parser,
                    publisher,
                    metrics,
                    gate,
                    cfg.http().pushTimeout(),
                    cfg.http().pinWindow(),
                    cfg.http().deviceSecrets().isEmpty()
                        ? null
                        : DeviceSecrets.load(Path.of(cfg.http().deviceSecrets()))),
                mqtt::isConnected,
                sensors == null ? null : sensors::check,
                cfg.http().pinWindow().isZero() ? null : this::pinCheck)
            : null;
    this.pinMerge =
        cfg.http().enabled() && !cfg.http().pinWindow().isZero()
            ? new PinMergeLoop(cfg, publisher, gate)
            : null;
    if (pinMerge != null) {
      pinMerge.start();
    }
  }

  private ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name + cfg.mqtt().clientId());
      t.setDaemon(true);
      return t;
    };
  }

  /** The per-pin merge's health; asked only once the bridge is built. */
  private io.airq.kit.Check pinCheck() {
    return pinMerge == null ? io.airq.kit.Check.down("not started") : pinMerge.check();
  }

  /** Starts following the registry and waits up to 30 s until it is read to its end. */
  private static CompactedTable<Sensor> startRegistry(BridgeConfig cfg) {
    CompactedTable<Sensor> t =
        CompactedTable.start(
            cfg.kafka().clientProperties(), Topics.SENSORS.prefixed(cfg.kafka().topicPrefix()));
    if (t.awaitCaughtUp(Duration.ofSeconds(30))) {
      LOG.info("sensor registry loaded: {} sensors", t.snapshot().size());
    } else {
      LOG.warn("sensor registry not read to its end within 30 s; continuing");
    }
    return t;
  }

  /** Starts the bridge: HTTP endpoints, Kafka producer, MQTT session and subscription. */
  public static Bridge start(BridgeConfig cfg) throws MqttException, IOException {
    LOG.info("starting ingest bridge with {}", cfg);
    Bridge b = new Bridge(cfg);
    try {
      b.mqtt.connect(b.mqttSocketFactory);
    } catch (MqttException | RuntimeException e) {
      b.close();
      throw e;
    }
    return b;
  }

  /** The HTTP port actually bound, or 0 when the HTTP server is off. */
  public int httpPort() {
    return http == null ? 0 : http.port();
  }

  /** The port of /health and /metrics (the push's port unless {@code metrics.port} is set). */
  public int metricsPort() {
    return http == null ? 0 : http.metricsPort();
  }

  /** The Prometheus scrape text of the bridge's meters. */
  public String scrape() {
    return registry.scrape();
  }

  /** On Paho's thread: hands the message to its topic's worker. */
  private void arrived(
      String topic, MqttMessage message, AckOrder.Ticket ticket, Instant receivedAt) {
    workers[route.of(topic)].execute(() -> handle(topic, message, ticket, receivedAt));
  }

  private void handle(
      String topic, MqttMessage message, AckOrder.Ticket ticket, Instant receivedAt) {
    byte[] body = message.getPayload();
    ParseResult result =
        TopicRoute.parse(parser, topic, body, receivedAt, cfg.mqtt().defaultFormat());
    Provenance from =
        new Provenance(
            topic,
            TopicRoute.gateway(topic),
            TopicRoute.sensor(topic),
            receivedAt,
            body,
            Redelivery.digestIfTimeless(result, topic, body));
    if (result instanceof ParseResult.Rejected r) {
      LOG.debug("rejected message on {}: {} {}", topic, r.code(), r.reason());
    }
    senders[route.of(topic)].submit(new Outgoing(result, from, ticket));
  }

  /** A parsed message on its way to Kafka; the ticket of its PUBACK (null at QoS 0). */
  private record Outgoing(ParseResult result, Provenance from, AckOrder.Ticket ticket) {}

  /** What happens to a message and to Kafka's answer; the order is kept by OrderedSender. */
  private final class MqttDelivery implements OrderedSender.Delivery<Outgoing> {
    @Override
    public CompletableFuture<?> send(Outgoing m) {
      if (closed) {
        return new CompletableFuture<>(); // closing: never acked, the broker redelivers it
      }
      return publisher.publish(m.result(), m.from(), gate);
    }

    @Override
    public void delivered(Outgoing m, Object quarantined, long start) {
      metrics.sent(start);
      if (kafkaDown.compareAndSet(true, false)) {
        LOG.info("Kafka takes messages again");
      }
      metrics.outcome(Outcome.delivered(m.result(), quarantined instanceof Integer q ? q : 0));
      // a message is done: its room is freed, and the PUBACKs now in order are queued to Paho
      room.release();
      if (!closed && m.ticket() != null) {
        mqtt.ack(m.ticket());
      }
    }

    @Override
    public void failed(Outgoing m, Throwable e, int attempt, long backoffMs) {
      metrics.outcome(Outcome.UNDELIVERABLE);
      if (kafkaDown.compareAndSet(false, true)) {
        LOG.warn(
            "Kafka does not take messages ({}); holding MQTT acks, and every later message behind"
                + " this one, and retrying",
            e.toString());
      }
      LOG.debug(
          "message from {} waits for Kafka (attempt {}, next in {} ms)",
          m.from().channel(),
          attempt + 1,
          backoffMs);
    }
  }

  @Override
  public void close() {
    closed = true;
    retries.shutdownNow();
    for (ExecutorService w : workers) {
      w.shutdown();
    }
    try {
      for (ExecutorService w : workers) {
        if (!w.awaitTermination(5, TimeUnit.SECONDS)) {
          w.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    mqtt.close();
    if (http != null) {
      http.close();
    }
    if (pinMerge != null) {
      pinMerge.close();
    }
    publisher.close();
    if (sensors != null) {
      sensors.close();
    }
    registry.close();
    LOG.info("ingest bridge {} closed", cfg.mqtt().clientId());
  }

  /** The most messages received and not yet acknowledged at once since start. */
  int mostInFlight() {
    return metrics.mostInFlight();
  }

  /** For tests and the launcher: waits until nothing is in flight, up to {@code timeout}. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return room.awaitEmpty(timeout);
  }
}
