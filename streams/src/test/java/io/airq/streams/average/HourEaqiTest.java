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

class HourEaqiTest {
  private static final long H = 3_600_000L;
  private static final long T = 1_000 * H;

  /** Reports every 2 minutes: 30 readings an hour, 720 a day. */
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

  /** 23 full hours of PM2.5 at {@code mean} before T. */
  private static SensorIndices.HoursBefore pmDay(double mean) {
    NavigableMap<Long, WindowAccumulators> m = new TreeMap<>();
    for (int i = 1; i <= 23; i++) {
      m.put(T - i * H, hour(Map.of(Quantity.PM25, acc(30, mean))));
    }
    return h -> m;
  }

  @Test
  void pmIsRatedOnIts24HourRunningMeanAndTheGasesOnTheHourTheWorstWins() {
    // PM2.5: 23 hours of 20 and this hour of 44 -> 24-hour mean 21 -> level 3 (15-50)
    WindowAccumulators h = hour(Map.of(Quantity.PM25, acc(30, 44)));
    assertThat(HourEaqi.of(T, h, 75, 30, 720, pmDay(20)))
        .isEqualTo(
            new IndexValue(
                "eaqi", "eu-eaqi-2024", 3, "Moderate", Quantity.PM25, "24h-running-mean"));
    // NO2 70 on the hour: level 4 (60-100), worse than PM2.5's 3
    WindowAccumulators withNo2 =
        hour(Map.of(Quantity.PM25, acc(30, 44), Quantity.NO2, acc(30, 70)));
    assertThat(HourEaqi.of(T, withNo2, 75, 30, 720, pmDay(20)))
        .isEqualTo(new IndexValue("eaqi", "eu-eaqi-2024", 4, "Poor", Quantity.NO2, "1h"));
  }

  @Test
  void aPollutantBelowTheGateOnItsAveragingTimeDoesNotCount() {
    WindowAccumulators h = hour(Map.of(Quantity.PM25, acc(30, 44)));
    // only this hour of PM2.5: 30 of 720 readings in the 24 hours
    assertThat(HourEaqi.of(T, h, 75, 30, 720, x -> new TreeMap<>())).isNull();
    // the hour itself below the gate
    WindowAccumulators thin = hour(Map.of(Quantity.NO2, acc(22, 70)));
    assertThat(HourEaqi.of(T, thin, 75, 30, 720, x -> new TreeMap<>())).isNull();
    assertThat(HourEaqi.of(T, hour(Map.of(Quantity.CO, acc(30, 9))), 75, 30, 720, pmDay(1)))
        .as("CO has no EAQI band")
        .isNull();
  }

  @Test
  void theHoursEaqiIsOnItsDominantPollutantsAverage() {
    WindowAccumulators h = hour(Map.of(Quantity.PM25, acc(30, 44), Quantity.NO2, acc(30, 70)));
    List<WindowAverage> out =
        Averages.ofSensor(AverageWindow.HOUR, Instant.ofEpochMilli(T), S, h, 75, pmDay(20));
    WindowAverage no2 = out.stream().filter(a -> a.quantity() == Quantity.NO2).findFirst().get();
    WindowAverage pm = out.stream().filter(a -> a.quantity() == Quantity.PM25).findFirst().get();
    assertThat(no2.indices()).extracting(IndexValue::field).containsExactly("aqi_us_1h", "eaqi");
    assertThat(pm.indices())
        .extracting(IndexValue::field)
        .containsExactly("aqi_us_nowcast", "aqi_us_overall");
  }
}
