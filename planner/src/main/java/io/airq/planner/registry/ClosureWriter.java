package io.airq.planner.registry;

import io.airq.core.closure.Closure;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a closure to the compacted CLOSURES topic and waits until the registry has read it back,
 * so a read right after the write sees the closure.
 */
public final class ClosureWriter implements Consumer<Closure>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClosureWriter.class);
  private static final Duration READ_BACK = Duration.ofSeconds(10);

  private final KafkaProducer<byte[], byte[]> producer;
  private final Topic<String, Closure> topic;
  private final Registry registry;

  /**
   * @param kafka the Kafka client properties (kit {@code KafkaClients.properties})
   */
  public ClosureWriter(Properties kafka, String topicPrefix, Registry registry) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = Topics.CLOSURES.prefixed(topicPrefix);
    this.registry = registry;
  }

  /**
   * @throws IllegalStateException when Kafka did not take the closure within 30 s
   */
  @Override
  public void accept(Closure c) {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  topic.name(), topic.serializeKey(c.id()), topic.serializeValue(c)))
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the closure", e);
    } catch (Exception e) {
      throw new IllegalStateException("could not write the closure to Kafka", e);
    }
    if (!registry.awaitClosures(READ_BACK)) {
      LOG.warn(
          "closure {} is on {}, but the registry has not read it back within {}",
          c.id(),
          topic.name(),
          READ_BACK);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
