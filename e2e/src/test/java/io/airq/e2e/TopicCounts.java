package io.airq.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Records on Kafka topics as a read_committed consumer sees them: aborted transactions and
 * transaction markers, which end offsets include, are not counted.
 */
final class TopicCounts {
  private final String bootstrap;

  TopicCounts(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** Committed records on {@code topic}, counted per value of {@code header} ("" when absent). */
  Map<String, Long> byHeader(String topic, String header) {
    Map<String, Long> out = new TreeMap<>();
    readAll(
        topic,
        r -> {
          Header h = header == null ? null : r.headers().lastHeader(header);
          out.merge(h == null ? "" : new String(h.value()), 1L, Long::sum);
        });
    return out;
  }

  /** Committed records on {@code topic}. */
  long records(String topic) {
    return byHeader(topic, null).values().stream().mapToLong(Long::longValue).sum();
  }

  /** The committed record values of {@code topic}, partition by partition. */
  List<byte[]> values(String topic) {
    List<byte[]> out = new java.util.ArrayList<>();
    readAll(topic, r -> out.add(r.value()));
    return out;
  }

  private void readAll(
      String topic, java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> f) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("isolation.level", "read_committed");
    p.put("enable.auto.commit", "false");
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      // for a read_committed consumer the end offsets are the last stable offsets
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end " + end);
        }
        c.poll(Duration.ofMillis(200)).forEach(f);
      }
    }
  }
}
