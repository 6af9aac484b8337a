package io.airq.sink;

import io.airq.core.closure.Closure;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import java.io.Closeable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered closures, read from the compacted closures topic from its beginning (no group): a
 * closure-phase point is timed at its phase's start, which only the closure knows.
 */
final class ClosureTable implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(ClosureTable.class);

  private final Topic<String, Closure> topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, Closure> closures = new HashMap<>();

  ClosureTable(Properties common, String prefix) {
    this.topic = Topics.CLOSURES.prefixed(prefix);
    Properties p = new Properties();
    p.putAll(common);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> parts =
        consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
            .map(i -> new TopicPartition(i.topic(), i.partition()))
            .toList();
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
  }

  /** Reads what was added to the topic since the last call, up to its current end. */
  void refresh() {
    var parts = consumer.assignment();
    Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(10));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
        && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        String id = topic.deserializeKey(r.key());
        if (r.value() == null) {
          closures.remove(id);
          continue;
        }
        try {
          closures.put(id, topic.deserializeValue(r.value()));
        } catch (RuntimeException e) {
          log.warn("closure {} on {} is not readable: {}", id, topic.name(), e.getMessage());
        }
      }
    }
  }

  Closure get(String id) {
    return closures.get(id);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
