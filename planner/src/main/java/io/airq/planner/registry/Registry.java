package io.airq.planner.registry;

import io.airq.core.closure.Closure;
import io.airq.core.closure.Group;
import io.airq.core.closure.Phase;
import io.airq.core.impact.PhaseAggregate;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sensors and closures, kept in memory from the compacted SENSORS and CLOSURES topics, and the
 * latest live phase aggregates from the CLOSURE_IMPACT topic (all partitions assigned, read from
 * the beginning, by one small consumer thread).
 */
public final class Registry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

  private final Map<String, Sensor> sensors = new ConcurrentHashMap<>();
  private final Map<String, Closure> closures = new ConcurrentHashMap<>();
  private final Map<String, PhaseAggregate> aggregates = new ConcurrentHashMap<>();
  private final Topic<String, Sensor> sensorTopic;
  private final Topic<String, Closure> closureTopic;
  private final Topic<String, PhaseAggregate> impactTopic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private final AtomicBoolean running = new AtomicBoolean(true);

  public Registry(String bootstrap, String topicPrefix, Map<String, String> kafkaOverrides) {
    this.sensorTopic = Topics.SENSORS.prefixed(topicPrefix);
    this.closureTopic = Topics.CLOSURES.prefixed(topicPrefix);
    this.impactTopic = Topics.CLOSURE_IMPACT.prefixed(topicPrefix);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.putAll(kafkaOverrides);
    this.consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "planner-registry");
    thread.setDaemon(true);
  }

  public Registry start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      List<TopicPartition> parts = new ArrayList<>();
      while (running.get() && parts.isEmpty()) {
        try {
          for (String topic :
              List.of(sensorTopic.name(), closureTopic.name(), impactTopic.name())) {
            consumer
                .partitionsFor(topic, Duration.ofSeconds(10))
                .forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
          }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
          parts.clear();
          LOG.warn("Kafka not reachable yet for the registry topics, retrying: {}", e.getMessage());
        }
      }
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          apply(r);
        }
      }
    } catch (WakeupException e) {
      LOG.debug("registry consumer woken up to stop");
    } catch (RuntimeException e) {
      LOG.error("registry consumer stopped", e);
    } finally {
      consumer.close();
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> r) {
    try {
      if (r.topic().equals(sensorTopic.name())) {
        String id = sensorTopic.deserializeKey(r.key());
        if (r.value() == null) {
          sensors.remove(id);
        } else {
          sensors.put(id, sensorTopic.deserializeValue(r.value()));
        }
      } else if (r.topic().equals(impactTopic.name())) {
        if (r.value() != null) {
          PhaseAggregate a = impactTopic.deserializeValue(r.value());
          aggregates.put(aggregateKey(a.closureId(), a.group(), a.phase(), a.quantity()), a);
        }
      } else {
        String id = closureTopic.deserializeKey(r.key());
        if (r.value() == null) {
          closures.remove(id);
        } else {
          closures.put(id, closureTopic.deserializeValue(r.value()));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "skipping unreadable registry record {}@{}: {}", r.topic(), r.offset(), e.toString());
    }
  }

  /** Records a closure just written, so a read right after the write sees it. */
  public void remember(Closure c) {
    closures.put(c.id(), c);
  }

  public Collection<Sensor> sensors() {
    return List.copyOf(sensors.values());
  }

  public Optional<Sensor> sensor(String id) {
    return Optional.ofNullable(sensors.get(id));
  }

  public Collection<Closure> closures() {
    return List.copyOf(closures.values());
  }

  public Optional<Closure> closure(String id) {
    return Optional.ofNullable(closures.get(id));
  }

  /** The latest live aggregate the streams job emitted for this closure, group, phase, quantity. */
  public Optional<PhaseAggregate> aggregate(
      String closureId, Group group, Phase phase, Quantity quantity) {
    return Optional.ofNullable(aggregates.get(aggregateKey(closureId, group, phase, quantity)));
  }

  private static String aggregateKey(String closure, Group g, Phase p, Quantity q) {
    return closure + "/" + g + "/" + p + "/" + q;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    consumer.wakeup();
    thread.join(10_000);
  }
}
