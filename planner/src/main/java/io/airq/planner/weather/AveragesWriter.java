package io.airq.planner.weather;

import io.airq.core.average.WindowAverages;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Puts window averages on {@code airq.averages}, keyed by their sensor, and returns once Kafka
 * acknowledged every one (idempotent producer, {@code acks=all}). The sink writes them to InfluxDB
 * with its own mapping, retries and dead letters, as it writes the streams job's; the planner keeps
 * its read-only InfluxDB account. The record time is the time of the import, not the (possibly
 * years old) hour, so the topic's time-based retention keeps the records until the sink has read
 * them.
 */
public final class AveragesWriter implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final Topic<String, WindowAverages> topic;

  /**
   * @param kafka the Kafka client properties (kit {@code KafkaClients.properties})
   */
  public AveragesWriter(Properties kafka, String topicPrefix) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = Topics.AVERAGES.prefixed(topicPrefix);
  }

  /**
   * Sends the windows and waits for Kafka to acknowledge them all.
   *
   * @throws IllegalStateException when Kafka did not take them within 30 s
   */
  public void write(List<WindowAverages> windows) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(windows.size());
    for (WindowAverages w : windows) {
      sent.add(
          producer.send(
              new ProducerRecord<>(
                  topic.name(), topic.serializeKey(w.key()), topic.serializeValue(w))));
    }
    try {
      for (Future<RecordMetadata> f : sent) {
        f.get(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to " + topic.name(), e);
    } catch (Exception e) {
      throw new IllegalStateException("could not write the hours to " + topic.name(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
