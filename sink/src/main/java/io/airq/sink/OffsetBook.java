package io.airq.sink;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which Kafka offsets may be committed. A record is done once its batch was written (its points in
 * InfluxDB, or it dead-lettered, or it had nothing to write); batches are written one at a time in
 * the order read, so a partition's next offset to read is one past its highest done record. Offsets
 * of a commit that failed (the group rebalanced) stay owed and go with the next commit while the
 * partition is still owned; a revoked partition's offsets are forgotten (its next owner reads from
 * the last commit and writes the same points again, which overwrite themselves). Not thread-safe:
 * the sink's loop thread owns it.
 */
final class OffsetBook {
  private final Set<TopicPartition> owned = new HashSet<>();
  private final Map<TopicPartition, OffsetAndMetadata> owed = new HashMap<>();

  void assigned(Collection<TopicPartition> partitions) {
    owned.addAll(partitions);
  }

  void revoked(Collection<TopicPartition> partitions) {
    owned.removeAll(partitions);
    owed.keySet().removeAll(partitions);
  }

  /**
   * Records a written batch (its records in the order read); returns every offset to commit now:
   * this batch's and any still owed, for owned partitions only.
   */
  Map<TopicPartition, OffsetAndMetadata> written(List<Pending> records) {
    ConsumerRecord<byte[], byte[]> run = null;
    for (Pending p : records) {
      ConsumerRecord<byte[], byte[]> r = p.record();
      // records come in runs of one partition: one map entry per run, not per record
      if (run != null
          && r.partition() == run.partition()
          && r.offset() > run.offset()
          && r.topic().equals(run.topic())) {
        run = r;
        continue;
      }
      if (run != null) {
        done(run);
      }
      run = r;
    }
    if (run != null) {
      done(run);
    }
    return Map.copyOf(owed);
  }

  private void done(ConsumerRecord<byte[], byte[]> r) {
    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
    if (owned.contains(tp)) {
      owed.merge(
          tp, new OffsetAndMetadata(r.offset() + 1), (a, b) -> a.offset() >= b.offset() ? a : b);
    }
  }

  /** Records a successful commit of these offsets: they are owed no more. */
  void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach(
        (tp, o) -> owed.computeIfPresent(tp, (k, v) -> v.offset() <= o.offset() ? null : v));
  }
}
