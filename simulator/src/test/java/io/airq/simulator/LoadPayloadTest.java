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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  /**
   * The payload with decimal arithmetic and {@code String.format} from the same per-message hash:
   * PM1 = 0.7 PM2.5 and PM10 = 1.6 PM2.5, rounded half up.
   */
  private static String reference(String sensor, Instant time, long n) {
    long h = LoadGenerator.mix(n);
    BigDecimal pm25 = BigDecimal.valueOf(50 + Long.remainderUnsigned(h, 400), 1);
    return String.format(
        Locale.ROOT,
        "{\"sensor\":\"%s\",\"time\":\"%s\",\"values\":{\"pm1\":%s,\"pm25\":%s,"
            + "\"pm10\":%s,\"no2\":%s,\"o3\":%s,\"so2\":%s,\"co\":%s,"
            + "\"co2\":%d,\"humidity\":%s,"
            + "\"temperature\":%s,\"pressure\":%s}}",
        sensor,
        TIME.format(time),
        tenths(pm25.multiply(new BigDecimal("0.7"))),
        tenths(pm25),
        tenths(pm25.multiply(new BigDecimal("1.6"))),
        BigDecimal.valueOf(200 + LoadGenerator.bits(h, 9, 300), 1),
        BigDecimal.valueOf(400 + LoadGenerator.bits(h, 18, 400), 1),
        BigDecimal.valueOf(20 + LoadGenerator.bits(h, 27, 50), 1),
        BigDecimal.valueOf(30 + LoadGenerator.bits(h, 33, 20), 2),
        420 + LoadGenerator.bits(h, 38, 80),
        BigDecimal.valueOf(400 + LoadGenerator.bits(h, 44, 500), 1),
        BigDecimal.valueOf(150 + LoadGenerator.bits(h, 14, 150), 1),
        BigDecimal.valueOf(8400 + LoadGenerator.bits(h, 51, 100), 1));
  }

  /**
   * 1,000 sensors taking turns, as in the benchmark: no quantity of a sensor has the same value in
   * 10 consecutive readings (the stuck rule's N) over 200 readings each.
   */
  @Test
  void consecutiveReadingsOfASensorDifferInEveryQuantity() {
    Instant t = Instant.parse("2026-03-02T10:00:00Z");
    int sensors = 1000;
    Map<String, String> last = new HashMap<>();
    Map<String, Integer> run = new HashMap<>();
    int longest = 0;
    for (long n = 0; n < 200L * sensors; n++) {
      String sensor = "load-" + (n % sensors);
      DecodedReading r =
          DecodedReading.decode(
                  "airq/v1/load-gw-0/" + sensor + "/airq",
                  LoadGenerator.payload(sensor, t.plusSeconds(n / sensors), n))
              .orElseThrow()
              .get(0);
      for (var e : r.values().entrySet()) {
        String key = sensor + "/" + e.getKey();
        String value = String.valueOf(e.getValue());
        int length = value.equals(last.put(key, value)) ? run.merge(key, 1, Integer::sum) : 1;
        run.put(key, length);
        longest = Math.max(longest, length);
      }
    }
    assertThat(longest).as("longest run of one value").isLessThan(10);
  }

  private static BigDecimal tenths(BigDecimal v) {
    return v.setScale(1, RoundingMode.HALF_UP);
  }
}
