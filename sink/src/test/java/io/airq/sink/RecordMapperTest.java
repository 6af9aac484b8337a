package io.airq.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airq.core.closure.Closure;
import io.airq.core.closure.Group;
import io.airq.core.closure.Phase;
import io.airq.core.impact.Moments;
import io.airq.core.impact.PhaseAggregate;
import io.airq.core.reading.Quantity;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordMapperTest {
  static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
  static final SinkConfig CFG = SinkConfig.of("http://127.0.0.1:8086", "airq", "k:9092", "p.");

  final Map<String, Closure> closures = new HashMap<>();
  final RecordMapper mapper = new RecordMapper(CFG, closures::get);

  static <V> ConsumerRecord<byte[], byte[]> record(Topic<String, V> t, String key, V v) {
    return new ConsumerRecord<>(t.name(), 0, 0L, t.serializeKey(key), t.serializeValue(v));
  }

  static PhaseAggregate during() {
    return new PhaseAggregate(
        "moi-ave",
        Group.TREATED,
        Phase.DURING,
        Quantity.PM25,
        Map.of(LocalDate.of(2026, 3, 1), new Moments(3, 45, 700)),
        0,
        T);
  }

  @Test
  void readsThePrefixedTopicsOfReadingsAveragesAlertsAndClosureImpact() {
    assertThat(mapper.topics())
        .containsExactlyInAnyOrder(
            "p.airq.readings.clean", "p.airq.averages", "p.airq.alerts", "p.airq.closure-impact");
  }

  @Test
  void aCleanReadingBecomesOnePointInTheRawPolicy() {
    var topic = Topics.CLEAN_READINGS.prefixed("p.");
    Pending p = mapper.map(record(topic, "s1", SinkTestKit.reading("s1", T, 12.5, 20, List.of())));
    assertThat(p.rejected()).isFalse();
    assertThat(p.policy()).isEqualTo("raw_90d");
    assertThat(p.lines()).hasSize(1);
    assertThat(p.lines().get(0)).startsWith("reading,").contains("sensor=s1").contains("pm25=12.5");
  }

  @Test
  void unreadableJsonIsRejectedAndATombstoneHasNothingToWrite() {
    String topic = Topics.AVERAGES.prefixed("p.").name();
    Pending bad =
        mapper.map(
            new ConsumerRecord<>(
                topic, 0, 3L, "k".getBytes(StandardCharsets.UTF_8), "{not json".getBytes()));
    assertThat(bad.rejected()).isTrue();
    assertThat(bad.code()).isEqualTo("malformed-json");
    Pending tombstone = mapper.map(new ConsumerRecord<>(topic, 0, 4L, new byte[] {'k'}, null));
    assertThat(tombstone.rejected()).isFalse();
    assertThat(tombstone.lines()).isEmpty();
  }

  @Test
  void aClosurePhaseIsTimedAtItsClosuresStartAndAnUnknownClosureIsRejected() {
    var topic = Topics.CLOSURE_IMPACT.prefixed("p.");
    Pending unknown = mapper.map(record(topic, "moi-ave/treated/during/pm25", during()));
    assertThat(unknown.code()).isEqualTo("unknown-closure");

    ZoneId nairobi = ZoneId.of("Africa/Nairobi");
    Closure c =
        Closure.builder("moi-ave")
            .name("Moi Avenue")
            .period(LocalDateTime.of(2026, 3, 1, 6, 0), LocalDateTime.of(2026, 3, 3, 6, 0))
            .zone(nairobi)
            .build();
    closures.put("moi-ave", c);
    Pending known = mapper.map(record(topic, "moi-ave/treated/during/pm25", during()));
    assertThat(known.rejected()).isFalse();
    assertThat(known.lines().get(0))
        .startsWith("closure_phase,")
        .endsWith(" " + c.startInstant().toEpochMilli() * 1_000_000);
  }

  @Test
  void aRecordOfATopicTheSinkDoesNotReadIsAnError() {
    assertThatThrownBy(
            () -> mapper.map(new ConsumerRecord<>("other", 0, 0L, new byte[0], new byte[0])))
        .hasMessageContaining("other");
  }
}
