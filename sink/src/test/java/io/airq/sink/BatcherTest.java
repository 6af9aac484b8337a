package io.airq.sink;

import static io.airq.sink.Records.pending;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BatcherTest {
  static final long MS = 1_000_000;
  static final long T0 = 5_000 * MS;

  @Test
  void aPartialBatchIsDueOnceItsOldestRecordWaitedTheLinger() {
    Batcher b = new Batcher(100, Duration.ofMillis(300));
    assertThat(b.due(T0, false)).isFalse();
    b.add(pending("t", 0, 0, 1), T0);
    b.add(pending("t", 0, 1, 1), T0 + 200 * MS);
    assertThat(b.due(T0 + 299 * MS, false)).isFalse();
    assertThat(b.due(T0 + 300 * MS, false)).isTrue();
  }

  @Test
  void aFullBatchIsDueAtOnceAndAFailedOneWithoutLinger() {
    Batcher b = new Batcher(3, Duration.ofHours(1));
    b.add(pending("t", 0, 0, 2), T0);
    assertThat(b.due(T0, false)).isFalse();
    assertThat(b.due(T0, true)).isTrue();
    b.add(pending("t", 0, 1, 1), T0);
    assertThat(b.full()).isTrue();
    assertThat(b.due(T0, false)).isTrue();
  }

  @Test
  void aBatchTakesAtMostBatchPointsOrOneRecordThatAloneHasMore() {
    Batcher b = new Batcher(10, Duration.ZERO);
    b.add(pending("t", 0, 0, 4), T0);
    b.add(pending("t", 0, 1, 4), T0);
    b.add(pending("t", 0, 2, 4), T0);
    b.add(pending("t", 0, 3, 25), T0);
    b.add(pending("t", 0, 4, 1), T0);
    assertThat(b.points()).isEqualTo(38);

    Batcher.Batch first = b.take();
    assertThat(first.points()).isEqualTo(8);
    assertThat(first.records()).extracting(p -> p.record().offset()).containsExactly(0L, 1L);
    assertThat(b.take().records()).extracting(p -> p.record().offset()).containsExactly(2L);
    Batcher.Batch big = b.take();
    assertThat(big.points()).isEqualTo(25);
    assertThat(big.records()).extracting(p -> p.record().offset()).containsExactly(3L);
    assertThat(b.take().points()).isEqualTo(1);
    assertThat(b.isEmpty()).isTrue();
    assertThat(b.points()).isZero();
  }

  @Test
  void aFailedBatchGoesBackBeforeWhatWasReadSince() {
    Batcher b = new Batcher(2, Duration.ZERO);
    b.add(pending("t", 0, 0, 1), T0);
    b.add(pending("t", 0, 1, 1), T0);
    Batcher.Batch failed = b.take();
    b.add(pending("t", 0, 2, 1), T0);
    b.putBack(failed);
    assertThat(b.points()).isEqualTo(3);
    assertThat(b.take().records()).extracting(p -> p.record().offset()).containsExactly(0L, 1L);
    assertThat(b.take().records()).extracting(p -> p.record().offset()).containsExactly(2L);
  }

  @Test
  void revokedPartitionsRecordsAreDroppedOthersKeptInOrder() {
    Batcher b = new Batcher(100, Duration.ZERO);
    b.add(pending("t", 0, 0, 2), T0);
    b.add(pending("t", 1, 0, 3), T0);
    b.add(pending("t", 0, 1, 2), T0);
    b.add(pending("u", 1, 0, 1), T0);
    assertThat(b.drop(List.of(new TopicPartition("t", 1)))).isTrue();
    assertThat(b.drop(List.of(new TopicPartition("t", 7)))).isFalse();
    assertThat(b.points()).isEqualTo(5);
    assertThat(b.take().records())
        .extracting(p -> p.partition().toString() + "@" + p.record().offset())
        .containsExactly("t-0@0", "t-0@1", "u-1@0");
  }

  @Test
  void readingPausesWhileRetryingOrWhileFullWithTheWriterBusy() {
    Batcher b = new Batcher(2, Duration.ZERO);
    assertThat(b.pauseReading(true, false)).isTrue();
    assertThat(b.pauseReading(false, true)).isFalse();
    b.add(pending("t", 0, 0, 2), T0);
    assertThat(b.pauseReading(false, false)).isFalse();
    assertThat(b.pauseReading(false, true)).isTrue();
  }

  @Test
  void pollsWaitBrieflyWhileWritingAndLongWhenIdleOrBackingOff() {
    Batcher b = new Batcher(2, Duration.ZERO);
    assertThat(b.pollWait(false, true)).isEqualTo(Duration.ofMillis(2));
    assertThat(b.pollWait(false, false)).isEqualTo(Duration.ofMillis(200));
    assertThat(b.pollWait(true, false)).isEqualTo(Duration.ofMillis(200));
    b.add(pending("t", 0, 0, 1), T0);
    assertThat(b.pollWait(false, false)).isEqualTo(Duration.ofMillis(20));
  }
}
