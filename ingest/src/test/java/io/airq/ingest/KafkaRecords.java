package io.airq.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from the beginning in tests. */
final class KafkaRecords {
  private KafkaRecords() {}

  /** Polls until {@code atLeast} records arrived or {@code timeout} passed, then a short tail. */
  static List<ConsumerRecord<byte[], byte[]>> read(
      String bootstrap, String topic, int atLeast, Duration timeout) {
    return readUntil(bootstrap, topic, got -> got.size() >= atLeast, timeout);
  }

  /** Polls until {@code done} holds for what arrived or {@code timeout} passed. */
  static List<ConsumerRecord<byte[], byte[]>> readUntil(
      String bootstrap,
      String topic,
      java.util.function.Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
      Duration timeout) {
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(got) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(got::add);
      }
      consumer.poll(Duration.ofMillis(300)).forEach(got::add);
    }
    return got;
  }

  static String header(ConsumerRecord<?, ?> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  static String key(ConsumerRecord<byte[], byte[]> r) {
    return new String(r.key(), StandardCharsets.UTF_8);
  }
}
