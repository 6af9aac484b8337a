package io.airq.sink;

import io.airq.sink.line.LineResult;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One consumed record waiting for its batch: its lines and the retention policy they go to, or why
 * it cannot be written.
 */
record Pending(
    ConsumerRecord<byte[], byte[]> record,
    String policy,
    List<String> lines,
    String code,
    String reason) {

  static Pending of(ConsumerRecord<byte[], byte[]> r, String policy, LineResult result) {
    if (result instanceof LineResult.Lines l) {
      return new Pending(r, policy, l.lines(), null, null);
    }
    LineResult.Rejected x = (LineResult.Rejected) result;
    return new Pending(r, policy, List.of(), x.code(), x.reason());
  }

  static Pending skipped(ConsumerRecord<byte[], byte[]> r) {
    return new Pending(r, null, List.of(), null, null);
  }

  boolean rejected() {
    return reason != null;
  }

  Pending reject(String newCode, String newReason) {
    return new Pending(record, policy, List.of(), newCode, newReason);
  }

  TopicPartition partition() {
    return new TopicPartition(record.topic(), record.partition());
  }
}
