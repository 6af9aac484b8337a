package io.airq.planner.registry;

import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a sensor to the compacted SENSORS topic (the registry) and waits until the registry has
 * read it back, so a read right after the write sees the sensor.
 */
public final class SensorWriter implements Consumer<Sensor>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SensorWriter.class);
  private static final Duration READ_BACK = Duration.ofSeconds(10);

  private final KafkaProducer<byte[], byte[]> producer;
  private final Topic<String, Sensor> topic;
  private final Registry registry;

  /**
   * @param kafka the Kafka client properties (kit {@code KafkaClients.properties})
   */
  public SensorWriter(Properties kafka, String topicPrefix, Registry registry) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = Topics.SENSORS.prefixed(topicPrefix);
    this.registry = registry;
  }

  /**
   * @throws IllegalStateException when Kafka did not take the sensor within 30 s
   */
  @Override
  public void accept(Sensor s) {
    acceptAll(List.of(s));
  }

  /**
   * Writes the sensors, then waits once for the registry to read them back.
   *
   * @throws IllegalStateException when Kafka did not take them within 30 s
   */
  public void acceptAll(List<Sensor> sensors) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (Sensor s : sensors) {
      sent.add(
          producer.send(
              new ProducerRecord<>(
                  topic.name(), topic.serializeKey(s.id()), topic.serializeValue(s))));
    }
    try {
      for (Future<RecordMetadata> f : sent) {
        f.get(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing sensors", e);
    } catch (Exception e) {
      throw new IllegalStateException("could not write the sensors to Kafka", e);
    }
    if (!registry.awaitSensors(READ_BACK)) {
      LOG.warn(
          "{} sensor(s) are on {}, but the registry has not read them back within {}",
          sensors.size(),
          topic.name(),
          READ_BACK);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
