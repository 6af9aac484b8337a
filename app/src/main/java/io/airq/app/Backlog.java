package io.airq.app;

import io.airq.kit.KafkaClients;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records a consumer group has not yet committed on its input topics: a service's backlog.
 * A partition the group never committed counts from its beginning, so a task that has not started
 * is not taken for a finished one. Offsets are read as read_committed consumers see them (last
 * stable offsets).
 */
public final class Backlog implements AutoCloseable {
  private final Admin admin;

  public Backlog(String bootstrap) {
    this(bootstrap, Map.of());
  }

  /** With these {@code kafka.*} client settings (SASL, TLS), without their prefix. */
  public Backlog(String bootstrap, Map<String, String> kafkaSettings) {
    this.admin = KafkaClients.admin(bootstrap, kafkaSettings);
  }

  /** Records on {@code topics}, and on any other partition the group committed, not committed. */
  public long of(String group, List<String> topics) {
    try {
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
                            TopicPartition tp = new TopicPartition(n, i.partition());
                            latest.put(tp, OffsetSpec.latest());
                            earliest.put(tp, OffsetSpec.earliest());
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
      throw new IllegalStateException(
          "cannot read the backlog of " + group + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the backlog of " + group, e);
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
