package io.airq.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class MemoizedSerdeTest {
  private final AtomicInteger parsed = new AtomicInteger();
  private final Serde<String> counting =
      Serdes.serdeFrom(
          Serdes.String().serializer(),
          (topic, data) -> {
            parsed.incrementAndGet();
            return new String(data, StandardCharsets.UTF_8);
          });

  @Test
  void theSameBytesAreReadOnceAndEveryDifferenceIsSeen() {
    MemoizedSerde<String> serde = new MemoizedSerde<>(counting, 1000);
    Random r = new Random(11);
    for (int len : new int[] {0, 1, 7, 8, 9, 63, 64, 65, 317}) {
      byte[] a = new byte[len];
      r.nextBytes(a);
      String first = serde.deserialize("t", a);
      int before = parsed.get();
      assertThat(serde.deserialize("t", a.clone())).isSameAs(first);
      assertThat(parsed.get()).isEqualTo(before);
      for (int i = 0; i < len; i++) {
        // one byte changed anywhere (the 8-byte words or the tail) is another key, read anew
        byte[] b = a.clone();
        b[i] ^= 1;
        assertThat(MemoizedSerde.Content.hash(b))
            .as("hash, byte %d of %d", i, len)
            .isNotEqualTo(MemoizedSerde.Content.hash(a));
        int parsedBefore = parsed.get();
        serde.deserialize("t", b);
        assertThat(parsed.get()).as("byte %d of %d", i, len).isEqualTo(parsedBefore + 1);
      }
    }
    assertThat(serde.deserialize("t", null)).isNull();
  }

  @Test
  void whenFullItStartsOver() {
    MemoizedSerde<String> serde = new MemoizedSerde<>(counting, 3);
    for (int i = 0; i < 10; i++) {
      serde.deserialize("t", ("sensor-" + i).getBytes(StandardCharsets.UTF_8));
    }
    assertThat(parsed.get()).isEqualTo(10);
    serde.deserialize("t", "sensor-9".getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.get()).as("the newest is kept").isEqualTo(10);
    serde.deserialize("t", "sensor-0".getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.get()).as("the oldest was dropped").isEqualTo(11);
  }

  @Test
  void aNullValueIsNotRemembered() {
    MemoizedSerde<String> serde =
        new MemoizedSerde<>(
            Serdes.serdeFrom(Serdes.String().serializer(), (topic, data) -> null), 10);
    assertThat(serde.deserialize("t", "null".getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @Test
  void theHashSpreadsSensorJsonThatDiffersInOneDigit() {
    Set<Integer> hashes = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      // the sensor number at the start (in the 8-byte words) and at the end (in the tail)
      String json =
          "{\"id\":\"nairobi-"
              + i
              + "\",\"location\":{\"lat\":-1.28,\"lon\":36.82},\"area\":\"Kilimani\",\"n\":"
              + (i % 7)
              + "}";
      hashes.add(MemoizedSerde.Content.hash(json.getBytes(StandardCharsets.UTF_8)));
    }
    assertThat(hashes).hasSizeGreaterThan(9_990);
  }
}
