package io.airq.streams.average;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.average.WindowAverage;
import io.airq.core.correction.EpaPurpleAirCorrection;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.QaFlag;
import io.airq.core.reading.QaRule;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.LinearCalibration;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HourRecomputeTest {
  private static final Instant H0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final LinearCalibration V1 =
      new LinearCalibration(0.5, 2, "v1", H0.plus(Duration.ofHours(1)));

  private static Sensor sensor(String model) {
    return new Sensor(
            "s1", "gw", 1, 2, "a", "", "", false, null, Duration.ofMinutes(1), model, Map.of())
        .withCalibration(Quantity.PM25, V1);
  }

  private static HourRecompute.Stored stored(Instant t, double raw, double value, String flag) {
    return new HourRecompute.Stored(
        t,
        Map.of(Quantity.PM25, raw, Quantity.HUMIDITY, 50.0),
        Map.of(Quantity.PM25, value, Quantity.HUMIDITY, 50.0),
        flag == null ? List.of() : List.of(new QaFlag(QaRule.STUCK, Quantity.PM25, "")));
  }

  @Test
  void aValueWithAVersionAtItsTimeGetsItAndAnyOtherKeepsItsStoredCorrectedValue() {
    CleanReading before = HourRecompute.clean(sensor("PMS5003"), stored(H0, 20, 13.7, null));
    assertThat(before.values().get(Quantity.PM25).value()).isEqualTo(13.7);
    assertThat(before.values().get(Quantity.PM25).correction())
        .isEqualTo(EpaPurpleAirCorrection.ID);
    CleanReading after =
        HourRecompute.clean(
            sensor("PMS5003"), stored(H0.plus(Duration.ofMinutes(90)), 20, 13.7, null));
    assertThat(after.values().get(Quantity.PM25).value()).isEqualTo(12.0);
    assertThat(after.values().get(Quantity.PM25).raw()).isEqualTo(20.0);
    assertThat(after.values().get(Quantity.PM25).correction()).isEqualTo("v1");
  }

  @Test
  void hoursOfThePeriodLeaveOutFlaggedValuesAndReadTheLookbackOnlyForIndices() {
    List<HourRecompute.Stored> readings = new ArrayList<>();
    for (int i = 0; i < 180; i++) { // three hours, the first only as look-back
      double raw = 10 + i % 7;
      readings.add(stored(H0.plus(Duration.ofMinutes(i)), raw, raw, i % 10 == 0 ? "stuck" : null));
    }
    List<List<WindowAverage>> hours =
        HourRecompute.hours(
            sensor("SDS011"),
            readings,
            H0.plus(Duration.ofHours(1)),
            H0.plus(Duration.ofHours(3)),
            75);
    assertThat(hours).hasSize(2);
    for (int h = 1; h <= 2; h++) {
      double sum = 0;
      int n = 0;
      for (int i = h * 60; i < h * 60 + 60; i++) {
        if (i % 10 != 0) {
          sum += 10 + i % 7;
          n++;
        }
      }
      WindowAverage pm =
          hours.get(h - 1).stream()
              .filter(a -> a.quantity() == Quantity.PM25)
              .findFirst()
              .orElseThrow();
      assertThat(pm.start()).isEqualTo(H0.plus(Duration.ofHours(h)));
      assertThat(pm.count()).isEqualTo(n);
      assertThat(pm.rawMean()).isCloseTo(sum / n, within(1e-9));
      assertThat(pm.mean()).isCloseTo(0.5 * sum / n + 2, within(1e-9));
      assertThat(pm.correction()).isEqualTo("v1");
      assertThat(pm.coverage()).isCloseTo(100.0 * n / 60, within(1e-9));
    }
    // the second hour's NowCast reads the first two (the look-back hour included)
    assertThat(
            hours.get(1).stream()
                .filter(a -> a.quantity() == Quantity.PM25)
                .findFirst()
                .orElseThrow()
                .indices())
        .isNotEmpty();
  }
}
