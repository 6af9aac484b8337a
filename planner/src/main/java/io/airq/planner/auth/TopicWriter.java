package io.airq.planner.auth;

import io.airq.core.topic.Topic;
import io.airq.kit.CompactedTable;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a record and waits until the table reading that topic has it, so a read right after the
 * write sees it (the tokens and the audit log).
 */
final class TopicWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicWriter.class);
  private static final Duration READ_BACK = Duration.ofSeconds(10);

  private final KafkaProducer<byte[], byte[]> producer;

  TopicWriter(Properties kafka) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * @throws IllegalStateException when Kafka did not take the record within 30 s
   */
  <V> void write(Topic<String, V> topic, String key, V value, CompactedTable<V> table) {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  topic.name(), topic.serializeKey(key), topic.serializeValue(value)))
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to " + topic.name(), e);
    } catch (Exception e) {
      throw new IllegalStateException("could not write to " + topic.name(), e);
    }
    if (!table.awaitCaughtUp(READ_BACK)) {
      LOG.warn("{} has {}, but it was not read back within {}", topic.name(), key, READ_BACK);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
