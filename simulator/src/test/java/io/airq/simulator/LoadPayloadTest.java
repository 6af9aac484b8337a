package io.airq.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.reading.Quantity;
import io.airq.simulator.load.LoadGenerator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
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

  @Test
  void thePayloadHoldsTheExactDecimalValuesAndTheTimeInMilliseconds() {
    Instant t = Instant.parse("2026-03-02T10:00:00Z");
    for (long n = 0; n < 50_000; n++) {
      Instant time = t.plusNanos(n * 7_654_321L);
      String sensor = "load-" + (n % 1000);
      assertThat(new String(LoadGenerator.payload(sensor, time, n), StandardCharsets.UTF_8))
          .as("payload %d", n)
          .isEqualTo(reference(sensor, time, n));
    }
  }

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The payload with decimal arithmetic and {@code String.format}: PM1 = 0.7 PM2.5, PM10 = 1.6. */
  private static String reference(String sensor, Instant time, long n) {
    BigDecimal pm25 = BigDecimal.valueOf(5).add(BigDecimal.valueOf(n * 7919 % 400, 1));
    return String.format(
        Locale.ROOT,
        "{\"sensor\":\"%s\",\"time\":\"%s\",\"values\":{\"pm1\":%s,\"pm25\":%s,"
            + "\"pm10\":%s,\"no2\":%d.0,\"o3\":%d.0,\"so2\":%d.0,\"co\":%s,"
            + "\"co2\":%d,\"humidity\":%d.0,"
            + "\"temperature\":%d.0,\"pressure\":%d.0}}",
        sensor,
        TIME.format(time),
        tenths(pm25.multiply(new BigDecimal("0.7"))),
        tenths(pm25),
        tenths(pm25.multiply(new BigDecimal("1.6"))),
        20 + n % 30,
        40 + n % 40,
        2 + n % 5,
        new BigDecimal("0.3").add(BigDecimal.valueOf(n % 20, 2)).setScale(2),
        420 + n % 80,
        40 + n % 50,
        15 + n % 15,
        840 + n % 10);
  }

  private static BigDecimal tenths(BigDecimal v) {
    return v.setScale(1, RoundingMode.HALF_UP);
  }
}
