package io.airq.sink;

import io.airq.core.alert.Alert;
import io.airq.core.average.WindowAverages;
import io.airq.core.closure.Closure;
import io.airq.core.impact.PhaseAggregate;
import io.airq.core.reading.CleanReading;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.sink.line.LineResult;
import io.airq.sink.line.PointMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Maps a record of any topic the sink reads to its line-protocol lines and retention policy, or to
 * why it cannot be written ({@code malformed-json}, {@code unmappable}, or {@link PointMapper}'s
 * reasons). A tombstone has nothing to write.
 */
final class RecordMapper {
  private final Map<String, Function<ConsumerRecord<byte[], byte[]>, Pending>> byTopic =
      new HashMap<>();

  /**
   * @param closures the registered closure of an id, or null: a closure-phase point is timed at its
   *     phase's start, which only the closure knows
   */
  RecordMapper(SinkConfig cfg, Function<String, Closure> closures) {
    String raw = cfg.rawPolicy();
    String agg = cfg.aggregatePolicy();
    String prefix = cfg.topicPrefix();
    // the bulk of the records; the topic's serde reads them with a streaming fast path
    add(Topics.CLEAN_READINGS.prefixed(prefix), raw, (CleanReading v) -> PointMapper.reading(v));
    add(Topics.AVERAGES.prefixed(prefix), agg, (WindowAverages v) -> PointMapper.averages(v));
    add(Topics.ALERTS.prefixed(prefix), agg, (Alert v) -> PointMapper.alert(v));
    add(
        Topics.CLOSURE_IMPACT.prefixed(prefix),
        agg,
        (PhaseAggregate v) -> PointMapper.closurePhase(v, closures.apply(v.closureId())));
  }

  /** The topics to subscribe to. */
  List<String> topics() {
    return List.copyOf(byTopic.keySet());
  }

  /** The record's lines or rejection; a record of another topic is refused with an exception. */
  Pending map(ConsumerRecord<byte[], byte[]> r) {
    Function<ConsumerRecord<byte[], byte[]>, Pending> f = byTopic.get(r.topic());
    if (f == null) {
      throw new IllegalArgumentException("the sink does not read topic " + r.topic());
    }
    return f.apply(r);
  }

  private <V> void add(Topic<String, V> topic, String policy, Function<V, LineResult> f) {
    byTopic.put(
        topic.name(),
        r -> {
          if (r.value() == null) {
            return Pending.skipped(r);
          }
          V v;
          try {
            v = topic.deserializeValue(r.value());
          } catch (RuntimeException e) {
            return Pending.of(
                r,
                policy,
                new LineResult.Rejected("malformed-json", String.valueOf(e.getMessage())));
          }
          if (v == null) {
            return Pending.skipped(r);
          }
          try {
            return Pending.of(r, policy, f.apply(v));
          } catch (RuntimeException e) {
            return Pending.of(
                r, policy, new LineResult.Rejected("unmappable", String.valueOf(e.getMessage())));
          }
        });
  }
}
