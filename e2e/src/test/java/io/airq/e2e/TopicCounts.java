package io.airq.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
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

  /**
   * Records of {@code topics} (all their partitions) and of any other partition {@code group} has
   * committed that the group has not yet committed; a partition it never committed counts from its
   * beginning, so a task that has not started is not taken for a finished one.
   */
  long lag(String group, List<String> topics) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(p)) {
      var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      admin
          .describeTopics(topics)
          .allTopicNames()
          .get()
          .forEach(
              (n, d) ->
                  d.partitions()
                      .forEach(
                          i -> {
                            latest.put(new TopicPartition(n, i.partition()), OffsetSpec.latest());
                            earliest.put(
                                new TopicPartition(n, i.partition()), OffsetSpec.earliest());
                          }));
      committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      var options = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
      var ends = admin.listOffsets(latest, options).all().get();
      var starts = admin.listOffsets(earliest, options).all().get();
      long lag = 0;
      for (var e : ends.entrySet()) {
        var c = committed.get(e.getKey());
        long from = c != null ? c.offset() : starts.get(e.getKey()).offset();
        lag += Math.max(0, e.getValue().offset() - from);
      }
      return lag;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the lag of " + group, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the lag of " + group, e);
    }
  }
}
