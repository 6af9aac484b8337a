package io.airq.streams.average;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.WindowAverage;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A sensor hour's US gas sub-indices (1 hour; the 8 hours ending with it, 6 of 8 valid) and its
 * overall US AQI, the highest sub-index on its dominant pollutant's average.
 */
class GasHourTest {
  private static final long H = 3_600_000L;
  private static final long T = 1_000 * H;

  /** Reports every 2 minutes: 30 readings an hour. */
  private static final Sensor S =
      Sensor.builder("s1")
          .position(0, 0)
          .area("cbd")
          .county("Nairobi")
          .reportingInterval(Duration.ofMinutes(2))
          .model("x")
          .build();

  private static Accumulator acc(long n, double mean) {
    return new Accumulator(n, n * mean, n * mean, mean, mean, Set.of("none"));
  }

  private static WindowAccumulators hour(Map<Quantity, Accumulator> q) {
    return new WindowAccumulators(new EnumMap<>(q), 0, false, Long.MIN_VALUE);
  }

  /** {@code n} full hours of {@code q} at {@code mean} just before T. */
  private static NavigableMap<Long, WindowAccumulators> before(int n, Quantity q, double mean) {
    NavigableMap<Long, WindowAccumulators> m = new TreeMap<>();
    for (int i = 1; i <= n; i++) {
      m.put(T - i * H, hour(Map.of(q, acc(30, mean))));
    }
    return m;
  }

  private static List<WindowAverage> emit(
      WindowAccumulators h, NavigableMap<Long, WindowAccumulators> hours) {
    return Averages.ofSensor(AverageWindow.HOUR, Instant.ofEpochMilli(T), S, h, 75, x -> hours);
  }

  /** The US index values of {@code q}'s average (its EAQI left out). */
  private static List<IndexValue> of(List<WindowAverage> out, Quantity q) {
    return out.stream().filter(a -> a.quantity() == q).findFirst().orElseThrow().indices().stream()
        .filter(v -> v.field().startsWith("aqi_us"))
        .toList();
  }

  @Test
  void ozoneGetsBothSubIndicesAndTheHigherIsTheHoursOverallAqi() {
    // O3 300 µg/m³ = 300 × 24.45 / 48.00 = 152.8 ppb = 0.152 ppm (truncated)
    // 1 h: (150 - 101) / (0.164 - 0.125) × (0.152 - 0.125) + 101 = 134.9 -> 135
    // 8 h (8 hours of 300): (300 - 201) / (0.200 - 0.106) × (0.152 - 0.106) + 201 = 249.4 -> 249
    List<WindowAverage> out =
        emit(hour(Map.of(Quantity.O3, acc(30, 300))), before(7, Quantity.O3, 300));
    assertThat(of(out, Quantity.O3))
        .extracting(IndexValue::field, IndexValue::value, IndexValue::averaging)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("aqi_us_1h", 135, "1h"),
            org.assertj.core.groups.Tuple.tuple("aqi_us_8h", 249, "8h-running"),
            org.assertj.core.groups.Tuple.tuple("aqi_us_overall", 249, "8h-running"));
  }

  @Test
  void theEightHourMeanNeedsSixValidHoursAndTheHourItself() {
    // CO 10 mg/m³ = 8.729 ppm -> 8.7: (100 - 51) / (9.4 - 4.5) × (8.7 - 4.5) + 51 = 93
    WindowAccumulators co = hour(Map.of(Quantity.CO, acc(30, 10)));
    assertThat(of(emit(co, before(5, Quantity.CO, 10)), Quantity.CO))
        .extracting(IndexValue::field, IndexValue::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("aqi_us_8h", 93),
            org.assertj.core.groups.Tuple.tuple("aqi_us_overall", 93));
    assertThat(of(emit(co, before(4, Quantity.CO, 10)), Quantity.CO)).as("5 of 8 hours").isEmpty();
    // the hours before count only at the gate: 5 full ones and 2 thin ones are 6 of 8, not 8
    NavigableMap<Long, WindowAccumulators> mixed = before(5, Quantity.CO, 10);
    mixed.put(T - 6 * H, hour(Map.of(Quantity.CO, acc(10, 50))));
    mixed.put(T - 7 * H, hour(Map.of(Quantity.CO, acc(10, 50))));
    assertThat(of(emit(co, mixed), Quantity.CO)).extracting(IndexValue::value).containsOnly(93);
    WindowAccumulators thin = hour(Map.of(Quantity.CO, acc(20, 10)));
    assertThat(of(emit(thin, before(7, Quantity.CO, 10)), Quantity.CO))
        .as("the hour itself below the gate")
        .isEmpty();
  }

  @Test
  void theOverallAqiIsTheWorstPollutantsOnItsAverage() {
    // NO2 200 µg/m³ = 106.3 ppb -> 106: (150 - 101) / (360 - 101) × (106 - 101) + 101 = 102
    // SO2 100 µg/m³ = 38.2 ppb -> 38: (100 - 51) / (75 - 36) × (38 - 36) + 51 = 53.5 -> 54
    List<WindowAverage> out =
        emit(hour(Map.of(Quantity.NO2, acc(30, 200), Quantity.SO2, acc(30, 100))), new TreeMap<>());
    assertThat(of(out, Quantity.NO2))
        .extracting(IndexValue::field, IndexValue::value, IndexValue::category)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("aqi_us_1h", 102, "Unhealthy for Sensitive Groups"),
            org.assertj.core.groups.Tuple.tuple(
                "aqi_us_overall", 102, "Unhealthy for Sensitive Groups"));
    assertThat(of(out, Quantity.SO2))
        .extracting(IndexValue::field, IndexValue::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("aqi_us_1h", 54));
  }
}
