package io.airq.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.reading.Quantity;
import io.airq.simulator.load.LoadGenerator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadPayloadTest {

  @Test
  void everyLoadPayloadIsAirqJsonOf190To210BytesWithKnownQuantities() {
    Instant t = Instant.parse("2026-03-02T10:00:00Z");
    for (long n = 0; n < 20_000; n++) {
      String sensor = "load-" + (n % 1000);
      // a whole second, and a time with nanoseconds: the time is written in milliseconds
      byte[] p = LoadGenerator.payload(sensor, t.plusNanos(n * 123_456_789L), n);
      assertThat(p.length).as("payload %d", n).isBetween(190, 210);
      DecodedReading r =
          DecodedReading.decode("airq/v1/load-gw-0/" + sensor + "/airq", p).orElseThrow().get(0);
      assertThat(r.values().keySet()).allSatisfy(id -> assertThat(Quantity.byId(id)).isPresent());
      assertThat(r.values()).containsKeys("pm25", "no2");
    }
    assertThat(
            List.of(
                LoadGenerator.payload("load-0", t, 0).length,
                LoadGenerator.payload("load-999", t, 999).length))
        .allSatisfy(len -> assertThat(len).isBetween(195, 205));
  }
}
