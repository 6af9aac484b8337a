package io.airq.ingest.gateway;

import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.ingest.config.KafkaConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sensor registry as the bridge sees it: the compacted sensors topic read from the beginning
 * into memory and followed. A null value removes the sensor; an unreadable value is skipped.
 */
public final class SensorRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SensorRegistry.class);

  private final Map<String, Sensor> sensors = new ConcurrentHashMap<>();
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Topic<String, Sensor> topic;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;

  private SensorRegistry(KafkaConfig kafka) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    kafka
        .settings()
        .forEach(
            (k, v) -> {
              if (k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                props.put(k, v);
              }
            });
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    topic = Topics.SENSORS.prefixed(kafka.topicPrefix());
    thread = new Thread(this::run, "airq-ingest-registry");
    thread.setDaemon(true);
  }

  /** Starts following the registry and waits up to {@code timeout} until it is read to its end. */
  public static SensorRegistry start(KafkaConfig kafka, Duration timeout)
      throws InterruptedException {
    SensorRegistry r = new SensorRegistry(kafka);
    r.thread.start();
    if (!r.caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      LOG.warn("sensor registry not read to its end within {}; continuing", timeout);
    }
    return r;
  }

  public Optional<Sensor> find(String sensorId) {
    return Optional.ofNullable(sensors.get(sensorId));
  }

  public int size() {
    return sensors.size();
  }

  private void run() {
    try {
      List<TopicPartition> parts =
          consumer.partitionsFor(topic.name(), Duration.ofSeconds(60)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(60));
      while (running) {
        for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(500))) {
          apply(rec);
        }
        if (caughtUp.getCount() > 0
            && end.entrySet().stream()
                .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
          LOG.info("sensor registry loaded: {} sensors", sensors.size());
          caughtUp.countDown();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("sensor registry stopped: {}", e.toString());
    } finally {
      consumer.close();
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> rec) {
    String id = topic.deserializeKey(rec.key());
    if (rec.value() == null) {
      sensors.remove(id);
      return;
    }
    try {
      sensors.put(id, topic.deserializeValue(rec.value()));
    } catch (RuntimeException e) {
      LOG.warn("unreadable registry entry {} skipped: {}", id, e.getMessage());
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
