package io.airq.sink;

import io.airq.core.topic.Topics;
import io.airq.kit.Check;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.Closeable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook sink: one {@link WebhookTarget} per URL of {@code webhook.urls}, each reading the
 * alerts topic in its own consumer group ({@link #groupId}), so one receiver's outage holds back
 * only its own deliveries. Refused alerts go to the sink dead-letter topic.
 */
final class Webhooks implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

  private final WebhookConfig cfg;
  private final DeadLetters deadLetters;
  private final List<WebhookTarget> targets = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  private Webhooks(SinkConfig sink, MeterRegistry registry) {
    this.cfg = sink.webhook();
    this.deadLetters =
        new DeadLetters(
            SinkClients.producer(sink),
            Topics.SINK_DEAD_LETTER.prefixed(sink.topicPrefix()).name());
    String topic = Topics.ALERTS.prefixed(sink.topicPrefix()).name();
    for (URI url : cfg.urls()) {
      WebhookTarget t = new WebhookTarget(url, topic, cfg, consumer(sink, url), deadLetters);
      targets.add(t);
      meters(registry, t, WebhookConfig.safe(url));
      threads.add(new Thread(t, "airq-webhook-" + targets.size()));
    }
  }

  /** One target per URL of the sink's webhook settings; {@link #start} starts them. */
  static Webhooks create(SinkConfig sink, MeterRegistry registry) {
    return new Webhooks(sink, registry);
  }

  /** Alerts by outcome and failed attempts, per receiver (its URL without query). */
  private static void meters(MeterRegistry registry, WebhookTarget t, String target) {
    FunctionCounter.builder("airq.sink.webhook.alerts", t.delivered, AtomicLong::get)
        .description("alerts by outcome, per webhook receiver")
        .tags("target", target, "outcome", "delivered")
        .register(registry);
    FunctionCounter.builder("airq.sink.webhook.alerts", t.deadLettered, AtomicLong::get)
        .description("alerts by outcome, per webhook receiver")
        .tags("target", target, "outcome", "dead-lettered")
        .register(registry);
    FunctionCounter.builder("airq.sink.webhook.retries", t.retries, AtomicLong::get)
        .description("failed attempts that will be retried, per webhook receiver")
        .tag("target", target)
        .register(registry);
  }

  /** Starts one thread per URL. */
  void start() {
    log.info("starting webhooks: {}", cfg);
    threads.forEach(Thread::start);
  }

  /**
   * The consumer group of a URL: the sink's group, {@code -webhook-} and the first 12 hex digits of
   * the URL's SHA-256, so reordering {@code webhook.urls} keeps each receiver's position.
   */
  static String groupId(String sinkGroup, URI url) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(url.toString().getBytes(StandardCharsets.UTF_8));
      return sinkGroup + "-webhook-" + HexFormat.of().formatHex(h, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(SinkConfig sink, URI url) {
    Properties cp = SinkClients.common(sink);
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(sink.groupId(), url));
    cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    cp.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    cp.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    cp.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
    return new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * /health: up while every target's thread runs, a receiver's outage included (that is not the
   * sink's failure, and restarting the sink would not end it); the detail says each one's state.
   */
  Check check() {
    StringBuilder detail = new StringBuilder();
    boolean up = true;
    for (int i = 0; i < targets.size(); i++) {
      detail.append(i == 0 ? "" : "; ").append(targets.get(i).describe());
      up &= threads.get(i).isAlive();
    }
    return up ? Check.up(detail.toString()) : Check.down(detail.toString());
  }

  /** The targets, for tests. */
  List<WebhookTarget> targets() {
    return targets;
  }

  /** Stops every target (an alert being sent is finished or given up) and closes the clients. */
  @Override
  public void close() {
    targets.forEach(WebhookTarget::stop);
    long waitMs = cfg.requestTimeout().plus(cfg.connectTimeout()).toMillis() + 5000;
    for (int i = 0; i < threads.size(); i++) {
      join(threads.get(i), waitMs);
      if (threads.get(i).isAlive()) {
        targets.get(i).wakeup();
        join(threads.get(i), 10_000);
      }
      targets.get(i).closeClients();
    }
    deadLetters.close();
  }

  private static void join(Thread t, long millis) {
    try {
      t.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
