package io.airq.sink;

import static io.airq.sink.Records.pending;
import static io.airq.sink.Records.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetBookTest {
  static final TopicPartition T0 = new TopicPartition("t", 0);
  static final TopicPartition T1 = new TopicPartition("t", 1);
  static final TopicPartition U0 = new TopicPartition("u", 0);

  static Map<TopicPartition, Long> offsets(Map<TopicPartition, OffsetAndMetadata> m) {
    return m.entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  @Test
  void aWrittenBatchCommitsOnePastEachPartitionsHighestRecord() {
    OffsetBook book = new OffsetBook();
    book.assigned(List.of(T0, T1, U0));
    List<Pending> batch =
        List.of(
            pending("t", 0, 10, 1),
            pending("t", 0, 11, 0),
            pending("t", 1, 3, 2),
            pending("u", 0, 7, 1),
            pending("t", 0, 12, 1),
            pending("t", 1, 4, 1));
    assertThat(offsets(book.written(batch))).isEqualTo(Map.of(T0, 13L, T1, 5L, U0, 8L));
  }

  @Test
  void aCommittedOffsetIsNotCommittedAgain() {
    OffsetBook book = new OffsetBook();
    book.assigned(List.of(T0, T1));
    var first = book.written(run("t", 0, 5));
    book.committed(first);
    assertThat(offsets(book.written(List.of(pending("t", 1, 0, 1))))).isEqualTo(Map.of(T1, 1L));
  }

  @Test
  void offsetsOfAFailedCommitGoWithTheNextCommitWhilePartitionsAreOwned() {
    OffsetBook book = new OffsetBook();
    book.assigned(List.of(T0, T1));
    book.written(List.of(pending("t", 0, 0, 1), pending("t", 1, 0, 1)));
    // the commit failed: nothing recorded as committed
    var next = book.written(List.of(pending("t", 0, 1, 1)));
    assertThat(offsets(next)).isEqualTo(Map.of(T0, 2L, T1, 1L));
    book.committed(next);
    assertThat(book.written(List.of())).isEmpty();
  }

  @Test
  void aRevokedPartitionsOffsetsAreForgottenAndItsLateRecordsNotCommitted() {
    OffsetBook book = new OffsetBook();
    book.assigned(List.of(T0, T1));
    book.written(List.of(pending("t", 1, 0, 1)));
    book.revoked(List.of(T1));
    // a batch written after the revocation: its owner moved on, only t-0 is ours to commit
    assertThat(offsets(book.written(List.of(pending("t", 0, 4, 1), pending("t", 1, 1, 1)))))
        .isEqualTo(Map.of(T0, 5L));
    book.assigned(List.of(T1));
    assertThat(offsets(book.written(List.of(pending("t", 1, 0, 1)))))
        .isEqualTo(Map.of(T0, 5L, T1, 1L));
  }

  @Test
  void aRecordReadAgainAfterARebalanceNeverMovesAnOwedOffsetBack() {
    OffsetBook book = new OffsetBook();
    book.assigned(List.of(T0));
    book.written(run("t", 0, 10));
    // the same partition read again from an older commit, in one batch with newer records
    assertThat(offsets(book.written(run("t", 3, 2)))).isEqualTo(Map.of(T0, 10L));
  }
}
