package io.airq.sink;

import io.airq.kit.KafkaClients;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The sink's Kafka clients, from its bootstrap servers and {@code kafka.*} settings. */
final class SinkClients {
  private SinkClients() {}

  /** What every client of the sink gets: the bootstrap servers and the kafka.* settings. */
  static Properties common(SinkConfig cfg) {
    return KafkaClients.properties(cfg.kafkaBootstrap(), cfg.kafka());
  }

  /** An admin client, for the health check. */
  static Admin admin(SinkConfig cfg) {
    return KafkaClients.admin(cfg.kafkaBootstrap(), cfg.kafka());
  }

  /** The group consumer: manual commits, committed records only, polls of one batch. */
  static KafkaConsumer<byte[], byte[]> consumer(SinkConfig cfg) {
    Properties cp = common(cfg);
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, cfg.groupId());
    cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    cp.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // streams writes its outputs in exactly-once transactions: an aborted one must not be stored
    cp.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    cp.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(cfg.batchPoints()));
    // The consumer fetches only partitions it has no buffered records of, one fetch per broker at a
    // time; a fetch of only caught-up partitions waits fetch.max.wait.ms at the broker, and the
    // lagging ones wait behind it (500 ms by default: the writer stood idle that long).
    cp.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
    return new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** The dead-letter producer: acknowledged by every in-sync replica. */
  static KafkaProducer<byte[], byte[]> producer(SinkConfig cfg) {
    Properties pp = common(cfg);
    pp.keySet().removeIf(k -> k.toString().startsWith("max.poll") || k.equals("group.id"));
    pp.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
