package io.airq.streams.average;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.average.AverageWindow;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SensorIndicesTest {
  private static final long H = 3_600_000L;
  private static final long T = 1_000 * H;

  /** An hour of {@code n} PM2.5 readings all of {@code value}. */
  private static WindowAccumulators hour(long n, double value) {
    Accumulator a = new Accumulator(n, n * value, n * value, value, value, Set.of("none"));
    return new WindowAccumulators(Map.of(Quantity.PM25, a), 0, false, Long.MIN_VALUE);
  }

  @Test
  void anHourBelowTheGateGetsNoIndexAndItsNowCastSkipsEarlierHoursBelowTheGate() {
    NavigableMap<Long, WindowAccumulators> store = new TreeMap<>();
    store.put(T - H, hour(30, 16)); // 100 %
    store.put(T - 2 * H, hour(20, 99)); // 67 %: below the gate, missing for the NowCast
    store.put(T - 5 * H, hour(30, 12));
    SensorIndices.HoursBefore hours = h -> store.subMap(h - 11 * H, true, h - 1, true);

    assertThat(SensorIndices.of(AverageWindow.HOUR, T, Quantity.PM25, 20, 74.9, 75, 30, hours))
        .as("the hour itself below the gate")
        .isEmpty();
    // 20, 16, -, -, 12: w = 0.6; (20 + 0.6 * 16 + 0.1296 * 12) / 1.7296 = 31.1552 / 1.7296 = 18.01
    // -> 18.0; 49 / 26.3 * (18.0 - 9.1) + 51 = 67.58 -> 68
    assertThat(SensorIndices.of(AverageWindow.HOUR, T, Quantity.PM25, 20, 75, 75, 30, hours))
        .containsExactly(
            new IndexValue(
                "aqi_us_nowcast",
                "us-epa-2024",
                68,
                "Moderate",
                Quantity.PM25,
                IndexValue.NOWCAST_12H));
  }

  @Test
  void onlyHoursAndDaysGetIndices() {
    SensorIndices.HoursBefore none = h -> new TreeMap<>();
    assertThat(SensorIndices.of(AverageWindow.MINUTE, T, Quantity.PM25, 20, 100, 75, 30, none))
        .isEmpty();
    assertThat(SensorIndices.of(AverageWindow.HOUR, T, Quantity.CO, 2, 100, 75, 30, none))
        .as("CO has only an 8-hour index, and no hours before")
        .isEmpty();
    // NO2 20 µg/m³ = 10.6 ppb -> 10: 50 / 53 × 10 = 9.4 -> 9
    assertThat(SensorIndices.of(AverageWindow.HOUR, T, Quantity.NO2, 20, 100, 75, 30, none))
        .containsExactly(new IndexValue("aqi_us_1h", "us-epa-2024", 9, "Good", Quantity.NO2, "1h"));
    assertThat(SensorIndices.of(AverageWindow.HOUR, T, Quantity.NO2, 20, 74, 75, 30, none))
        .as("an hour below the gate")
        .isEmpty();
    assertThat(SensorIndices.of(AverageWindow.HOUR, T, Quantity.PM25, 20, 100, 75, 30, none))
        .as("one valid hour of the three most recent: no NowCast")
        .isEmpty();
    assertThat(SensorIndices.of(AverageWindow.DAY_ROLLING, T, Quantity.PM10, 60, 80, 75, 30, none))
        .containsExactly(
            new IndexValue(
                "aqi_us", "us-epa-2024", 53, "Moderate", Quantity.PM10, IndexValue.ROLLING_24H));
    assertThat(SensorIndices.of(AverageWindow.DAY_ROLLING, T, Quantity.PM10, 60, 74, 75, 30, none))
        .as("a 24-hour window below the gate")
        .isEmpty();
  }
}
