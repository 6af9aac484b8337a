package io.airq.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
  static String header(ProducerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Test
  void aDeadLetterKeepsTheRecordAndItsProvenanceAndSaysWhyAndWhere() {
    var headers = new RecordHeaders();
    headers.add(io.airq.core.topic.RecordHeaders.GATEWAY, "gw-1".getBytes());
    headers.add(io.airq.core.topic.RecordHeaders.REASON, "an older reason".getBytes());
    headers.add(io.airq.core.topic.RecordHeaders.ORIGIN, "streams".getBytes());
    ConsumerRecord<byte[], byte[]> r =
        new ConsumerRecord<>(
            "airq.readings.clean",
            2,
            41L,
            1_700_000_000_000L,
            TimestampType.CREATE_TIME,
            3,
            5,
            "s-1".getBytes(),
            "{...}".getBytes(),
            headers,
            java.util.Optional.empty());
    Pending p =
        Records.pending("airq.readings.clean", 2, 41L, 1)
            .reject(Bisection.REJECTED, "partial write: points beyond retention policy");
    p = new Pending(r, p.policy(), p.lines(), p.code(), p.reason());

    ProducerRecord<byte[], byte[]> d = DeadLetters.letter("airq.sink.dead-letter", p);

    assertThat(d.topic()).isEqualTo("airq.sink.dead-letter");
    assertThat(d.key()).isEqualTo("s-1".getBytes());
    assertThat(d.value()).isEqualTo("{...}".getBytes());
    assertThat(d.timestamp()).isEqualTo(1_700_000_000_000L);
    assertThat(d.partition()).isNull();
    assertThat(header(d, io.airq.core.topic.RecordHeaders.GATEWAY)).isEqualTo("gw-1");
    assertThat(header(d, io.airq.core.topic.RecordHeaders.REASON_CODE))
        .isEqualTo("influx-rejected");
    assertThat(header(d, io.airq.core.topic.RecordHeaders.REASON))
        .isEqualTo("partial write: points beyond retention policy (from airq.readings.clean)");
    assertThat(header(d, io.airq.core.topic.RecordHeaders.ORIGIN)).isEqualTo("sink");
    assertThat(d.headers().headers(io.airq.core.topic.RecordHeaders.REASON)).hasSize(1);
    assertThat(d.headers().headers(io.airq.core.topic.RecordHeaders.ORIGIN)).hasSize(1);
  }
}
