package io.airq.simulator.publish;

import io.airq.core.closure.Closure;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.kit.KafkaClients;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers sensors and closures on the (prefixed) compacted sensors and closures topics, with a
 * producer built by the kit's {@link KafkaClients} from the target's {@code kafka.*} settings
 * (SASL, TLS, anything), acks = all.
 */
public final class Registrar {
  private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

  private Registrar() {}

  /** Registers on Kafka at {@code bootstrap} with no other client settings. */
  public static void register(
      String bootstrap, String prefix, Collection<Sensor> sensors, Collection<Closure> closures) {
    register(new KafkaTarget(bootstrap, prefix, Map.of()), sensors, closures);
  }

  /**
   * Registers each sensor and closure, and waits until Kafka acknowledged every one.
   *
   * @throws IllegalStateException when Kafka refused one or did not answer within 60 s
   */
  public static void register(
      KafkaTarget kafka, Collection<Sensor> sensors, Collection<Closure> closures) {
    Properties p = KafkaClients.properties(kafka.bootstrap(), kafka.settings());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "airq-simulator-registrar");
    Topic<String, Sensor> sensorTopic = Topics.SENSORS.prefixed(kafka.topicPrefix());
    Topic<String, Closure> closureTopic = Topics.CLOSURES.prefixed(kafka.topicPrefix());
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Sensor s : sensors) {
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    sensorTopic.name(),
                    sensorTopic.serializeKey(s.id()),
                    sensorTopic.serializeValue(s))));
      }
      for (Closure c : closures) {
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    closureTopic.name(),
                    closureTopic.serializeKey(c.id()),
                    closureTopic.serializeValue(c))));
      }
      for (Future<RecordMetadata> f : sent) {
        f.get(60, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("registering sensors and closures failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while registering", e);
    }
    LOG.info(
        "registered {} sensors on {} and {} closures on {}",
        sensors.size(),
        sensorTopic.name(),
        closures.size(),
        closureTopic.name());
  }
}
