package io.airq.ingest;

import io.airq.core.reading.Reading;
import io.airq.ingest.gateway.GatewayPolicy;
import io.airq.ingest.gateway.SensorRegistry;
import io.airq.ingest.payload.ParseResult;
import io.airq.ingest.payload.PayloadParser;
import io.airq.ingest.payload.RejectionCode;
import io.airq.ingest.payload.TopicRoute;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT to Kafka bridge. Each MQTT message is parsed, written to Kafka (readings, or a dead
 * letter), and acknowledged to the broker only when Kafka acked every record of it. When Kafka
 * fails, the message stays unacknowledged and its send is retried with backoff until it succeeds.
 */
public final class Bridge implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);
  private static final Set<RejectionCode> POLICY =
      EnumSet.of(
          RejectionCode.PAYLOAD_TOO_LARGE,
          RejectionCode.BATCH_TOO_LARGE,
          RejectionCode.FUTURE_TIMESTAMP,
          RejectionCode.TOO_OLD);

  private final BridgeConfig cfg;
  private final PayloadParser parser;
  private final KafkaPublisher publisher;
  private final PrometheusMeterRegistry registry;
  private final IngestMetrics metrics;

  /**
   * Parse and send: a message goes to the worker of its topic ({@link #workerOf}), so one topic's
   * messages keep their order and many topics spread over the cores.
   */
  private final ExecutorService[] workers;

  private final int readingsPartitions;

  /** Per worker: sends its messages in arrival order, holding later ones behind a failed send. */
  private final OrderedSender<Outgoing>[] senders;

  /** Waits out the backoff of failed Kafka sends. */
  private final ScheduledExecutorService retries;

  private final MqttAsyncClient mqtt;
  private final javax.net.ssl.SSLSocketFactory mqttSocketFactory;
  private final HttpEndpoints http;

  /** The sensor registry in strict gateway mode; null in open mode. */
  private final SensorRegistry sensors;

  /**
   * PUBACKs in arrival order, and only on the connection a message arrived on (reset on every
   * disconnect: packet ids are reused, and the broker redelivers unacknowledged messages anyway).
   */
  private final AckOrder ackOrder = new AckOrder();

  private volatile boolean closed;

  /**
   * Room for messages received and not yet done (Kafka acked all their records): {@code
   * mqtt.receive-maximum} permits. The broker should never send more (MQTT v5 Receive Maximum), but
   * Mosquitto 2.0.11 does once acks flow (docs/ingest.md); when the room is full, Paho's callback
   * thread waits here, Paho stops reading the socket, and the messages wait in the broker's queue
   * instead of this heap.
   */
  private final Semaphore room;

  /** Whether the broker was ever found sending past the receive maximum (logged once). */
  private final java.util.concurrent.atomic.AtomicBoolean overSent =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** Set while Kafka refuses sends: the outage is logged once, not per message. */
  private final java.util.concurrent.atomic.AtomicBoolean kafkaDown =
      new java.util.concurrent.atomic.AtomicBoolean();

  private Bridge(BridgeConfig cfg) throws MqttException, IOException {
    this.cfg = cfg;
    this.room = new Semaphore(cfg.receiveMaximum());
    // the stores are read first: a wrong path or password fails the start before anything runs
    this.mqttSocketFactory = cfg.tls().isCustom() ? cfg.tls().socketFactory() : null;
    this.parser = new PayloadParser(cfg.limits());
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.metrics = new IngestMetrics(registry, this::inFlight);
    this.publisher = new KafkaPublisher(cfg);
    this.readingsPartitions = publisher.readingsPartitions();
    this.sensors = cfg.strictGateways() ? startRegistry(cfg) : null;
    this.workers = new ExecutorService[cfg.workerThreads()];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = Executors.newSingleThreadExecutor(daemon("airq-ingest-" + i + "-"));
    }
    this.retries = Executors.newSingleThreadScheduledExecutor(daemon("airq-ingest-retry-"));
    @SuppressWarnings("unchecked")
    OrderedSender<Outgoing>[] s = new OrderedSender[workers.length];
    MqttDelivery delivery = new MqttDelivery();
    for (int i = 0; i < s.length; i++) {
      s[i] = new OrderedSender<>(workers[i], retries, delivery);
    }
    this.senders = s;
    this.http =
        cfg.httpPort() == 0
            ? null
            : HttpEndpoints.start(
                cfg, parser, publisher, metrics, registry, this::outcomeOf, gate());
    this.mqtt = new MqttAsyncClient(cfg.mqttUrl(), cfg.mqttClientId(), new MemoryPersistence());
  }

  private ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name + cfg.mqttClientId());
      t.setDaemon(true);
      return t;
    };
  }

  private static SensorRegistry startRegistry(BridgeConfig cfg) throws IOException {
    try {
      return SensorRegistry.start(cfg.kafka(), cfg.topicPrefix(), Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while loading the sensor registry", e);
    }
  }

  /** Strict mode checks each reading against the registry; open mode lets all through. */
  private Function<Reading, Optional<GatewayPolicy.Refusal>> gate() {
    SensorRegistry s = sensors;
    return s == null ? r -> Optional.empty() : r -> GatewayPolicy.check(r, s::find);
  }

  /** Starts the bridge: HTTP endpoints, Kafka producer, MQTT session and subscription. */
  public static Bridge start(BridgeConfig cfg) throws MqttException, IOException {
    LOG.info("starting ingest bridge with {}", cfg);
    Bridge b = new Bridge(cfg);
    try {
      b.connect();
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

  /** The Prometheus scrape text of the bridge's meters. */
  public String scrape() {
    return registry.scrape();
  }

  private void connect() throws MqttException {
    mqtt.setManualAcks(true);
    mqtt.setCallback(new Callback());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(false);
    o.setSessionExpiryInterval(cfg.sessionExpiry().toSeconds());
    o.setReceiveMaximum(cfg.receiveMaximum());
    o.setAutomaticReconnect(true);
    o.setAutomaticReconnectDelay(1, 30);
    o.setKeepAliveInterval(30);
    if (!cfg.mqttUsername().isEmpty()) {
      o.setUserName(cfg.mqttUsername());
    }
    if (!cfg.mqttPassword().isEmpty()) {
      o.setPassword(cfg.mqttPassword().getBytes(StandardCharsets.UTF_8));
    }
    if (cfg.tls().isCustom()) {
      o.setSocketFactory(mqttSocketFactory);
    } else if (cfg.mqttUrl().regionMatches(true, 0, "tcp://", 0, 6)) {
      o.setSocketFactory(new BufferedSockets());
    }
    mqtt.connect(o).waitForCompletion(30_000);
  }

  private void subscribe() {
    try {
      // With a resumed session the broker still has the subscription; subscribing again is
      // harmless.
      mqtt.subscribe(new MqttSubscription(cfg.subscription(), 1));
    } catch (MqttException e) {
      LOG.error("cannot subscribe to {}: {}", cfg.subscription(), e.toString());
    }
  }

  String outcomeOf(ParseResult.Rejected r) {
    return POLICY.contains(r.code()) ? IngestMetrics.REJECTED : IngestMetrics.INVALID;
  }

  private void handle(String topic, MqttMessage message, AckOrder.Ticket ticket) {
    Instant receivedAt = Instant.now();
    byte[] body = message.getPayload();
    ParseResult result = TopicRoute.parse(parser, topic, body, receivedAt, cfg.defaultFormat());
    Provenance from =
        new Provenance(
            topic, TopicRoute.gateway(topic), TopicRoute.sensor(topic), receivedAt, body);
    if (result instanceof ParseResult.Rejected r) {
      LOG.debug("rejected message on {}: {} {}", topic, r.code(), r.reason());
    }
    senders[workerOf(topic)].submit(new Outgoing(result, from, ticket));
  }

  /**
   * The worker of a topic: a sensor's topic goes to the worker of the sensor's readings partition,
   * so the sensors sharing a partition reach it in the order their messages arrived (with a worker
   * per topic, one busy worker put some sensors a day of measurement time behind others of their
   * partition in a fast replay). Other topics (gateway batches), or when the partition count is not
   * known, by topic. Either way a topic always uses the same worker, which keeps its order.
   */
  private int workerOf(String topic) {
    if (readingsPartitions > 0) {
      Optional<String> sensor = TopicRoute.sensor(topic);
      if (sensor.isPresent()) {
        return KafkaPublisher.partitionOf(sensor.get(), readingsPartitions) % workers.length;
      }
    }
    return Math.floorMod(topic.hashCode(), workers.length);
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
      return publisher.publish(m.result(), m.from(), gate());
    }

    @Override
    public void delivered(Outgoing m, Object quarantined, long start) {
      metrics.sent(start);
      if (kafkaDown.compareAndSet(true, false)) {
        LOG.info("Kafka takes messages again");
      }
      metrics.outcome(
          m.result() instanceof ParseResult.Rejected r
              ? outcomeOf(r)
              : quarantined instanceof Integer q && q > 0
                  ? IngestMetrics.REJECTED
                  : IngestMetrics.FORWARDED);
      ack(m.ticket()); // PUBACKs queued to Paho's sender; cheap
    }

    @Override
    public void failed(Outgoing m, Throwable e, int attempt, long backoffMs) {
      metrics.outcome(IngestMetrics.UNDELIVERABLE);
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

  /**
   * A message is done: its room is freed, and the PUBACKs that are now in order are sent (this one,
   * and later ones done before it).
   */
  private void ack(AckOrder.Ticket ticket) {
    room.release();
    if (closed || ticket == null) {
      return;
    }
    for (AckOrder.Ticket t : ackOrder.done(ticket)) {
      try {
        mqtt.messageArrivedComplete(t.packetId(), t.qos());
      } catch (MqttException e) {
        LOG.debug(
            "ack of message {} failed: {}; the broker redelivers it", t.packetId(), e.toString());
      }
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
    try {
      if (mqtt.isConnected()) {
        mqtt.disconnect(5_000).waitForCompletion(5_000);
      }
      mqtt.close(true);
    } catch (MqttException e) {
      LOG.warn("MQTT close: {}", e.toString());
    }
    if (http != null) {
      http.close();
    }
    publisher.close();
    if (sensors != null) {
      sensors.close();
    }
    registry.close();
    LOG.info("ingest bridge {} closed", cfg.mqttClientId());
  }

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      if (!room.tryAcquire()) {
        metrics.paused();
        if (overSent.compareAndSet(false, true)) {
          LOG.info(
              "the broker sent more than mqtt.receive-maximum ({}) unacknowledged messages;"
                  + " reading from it pauses whenever that many wait for Kafka (logged once)",
              cfg.receiveMaximum());
        }
        try {
          room.acquire();
        } catch (InterruptedException e) {
          // Paho is shutting the connection down: the message stays unacknowledged, the broker
          // redelivers it
          Thread.currentThread().interrupt();
          return;
        }
      }
      metrics.received();
      AckOrder.Ticket ticket =
          message.getQos() > 0 ? ackOrder.arrived(message.getId(), message.getQos()) : null;
      try {
        workers[workerOf(topic)].execute(() -> handle(topic, message, ticket));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        room.release(); // closing: left unacknowledged for redelivery
      }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      metrics.connected(true);
      LOG.info(
          "connected to {} (reconnect={}), subscribing {}",
          serverUri,
          reconnect,
          cfg.subscription());
      subscribe();
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      ackOrder.reset();
      metrics.connected(false);
      LOG.warn("disconnected from MQTT: {}", response);
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
      LOG.warn("MQTT error: {}", e.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }

  /** Messages received and not yet acknowledged: the room taken. */
  private int inFlight() {
    return cfg.receiveMaximum() - room.availablePermits();
  }

  /** The most messages received and not yet acknowledged at once since start. */
  int mostInFlight() {
    return metrics.mostInFlight();
  }

  /** For tests and the launcher: waits until nothing is in flight, up to {@code timeout}. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlight() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }
}
