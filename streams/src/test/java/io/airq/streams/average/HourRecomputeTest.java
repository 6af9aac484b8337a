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
    return Sensor.builder("s1")
        .position(1, 2)
        .gatewayId("gw")
        .area("a")
        .reportingInterval(Duration.ofMinutes(1))
        .model(model)
        .build()
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

  /** One reading a minute in [from, to), raw value 10 + minute % 7, none flagged. */
  private static List<HourRecompute.Stored> everyMinute(Instant from, Instant to) {
    List<HourRecompute.Stored> out = new ArrayList<>();
    for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(1))) {
      double raw = 10 + (t.getEpochSecond() / 60) % 7;
      out.add(stored(t, raw, raw, null));
    }
    return out;
  }

  /** The test's own mean of the calibrated values of {@code readings} in [from, to). */
  private static double calibratedMean(
      List<HourRecompute.Stored> readings, Instant from, Instant to) {
    return readings.stream()
        .filter(r -> !r.time().isBefore(from) && r.time().isBefore(to))
        .mapToDouble(r -> 0.5 * r.raw().get(Quantity.PM25) + 2)
        .average()
        .orElseThrow();
  }

  private static WindowAverage pm25(List<WindowAverage> window) {
    return window.stream().filter(a -> a.quantity() == Quantity.PM25).findFirst().orElseThrow();
  }

  @Test
  void rollingWindowsEndWithEachHourOfThePeriodAndSumTheTwentyFourHoursBefore() {
    Instant from = H0.plus(Duration.ofHours(24));
    List<HourRecompute.Stored> readings = everyMinute(H0, from.plus(Duration.ofHours(2)));
    List<List<WindowAverage>> windows =
        HourRecompute.rollingDays(
            sensor("SDS011"), readings, from, from.plus(Duration.ofHours(2)), 75);
    assertThat(windows).hasSize(2);
    for (int i = 0; i < 2; i++) {
      Instant start = H0.plus(Duration.ofHours(1 + i));
      WindowAverage pm = pm25(windows.get(i));
      assertThat(pm.window()).isEqualTo(io.airq.core.average.AverageWindow.DAY_ROLLING);
      assertThat(pm.start()).isEqualTo(start);
      assertThat(pm.end()).isEqualTo(start.plus(Duration.ofHours(24)));
      assertThat(pm.count()).isEqualTo(24 * 60);
      assertThat(pm.expectedCount()).isEqualTo(24 * 60);
      assertThat(pm.mean())
          .isCloseTo(
              calibratedMean(readings, start, start.plus(Duration.ofHours(24))), within(1e-9));
      assertThat(pm.indices()).as("a full day has its daily index").isNotEmpty();
    }
    assertThat(
            HourRecompute.rollingDays(
                sensor("SDS011"),
                readings,
                from.plus(Duration.ofDays(3)),
                from.plus(Duration.ofDays(3).plusHours(2)),
                75))
        .as("a window without readings is not recomputed")
        .isEmpty();
  }

  @Test
  void noRollingWindowEndsAfterTheSensorsLatestHourAsTheStreamsJobEmitsNone() {
    // readings for 3 hours, then silence: the period runs 10 hours past the last one
    List<HourRecompute.Stored> readings = everyMinute(H0, H0.plus(Duration.ofHours(3)));
    List<List<WindowAverage>> windows =
        HourRecompute.rollingDays(
            sensor("SDS011"), readings, H0, H0.plus(Duration.ofHours(13)), 75);
    assertThat(windows.stream().map(w -> pm25(w).end()))
        .as("the windows ending with the three hours that have readings, none after")
        .containsExactly(
            H0.plus(Duration.ofHours(1)),
            H0.plus(Duration.ofHours(2)),
            H0.plus(Duration.ofHours(3)));
  }

  @Test
  void aCalendarDayStartingInThePeriodHasItsLocalHoursAcrossAClockChange() {
    // Dublin's clocks go forward at 01:00 UTC on 29 March 2026: that day has 23 hours
    Instant day = Instant.parse("2026-03-29T00:00:00Z");
    Instant end = Instant.parse("2026-03-29T23:00:00Z");
    List<HourRecompute.Stored> readings =
        everyMinute(day.minus(Duration.ofHours(2)), end.plus(Duration.ofHours(3)));
    List<List<WindowAverage>> days =
        HourRecompute.calendarDays(
            sensor("SDS011"),
            readings,
            day.minus(Duration.ofHours(2)),
            day.plus(Duration.ofHours(1)),
            75,
            java.time.ZoneId.of("Europe/Dublin"));
    assertThat(days.stream().map(d -> pm25(d).start()))
        .as("the two days the period overlaps")
        .containsExactly(Instant.parse("2026-03-28T00:00:00Z"), day);
    WindowAverage pm = pm25(days.get(1));
    assertThat(pm.window()).isEqualTo(io.airq.core.average.AverageWindow.DAY);
    assertThat(pm.start()).isEqualTo(day);
    assertThat(pm.end()).isEqualTo(end);
    assertThat(pm.count()).isEqualTo(23 * 60);
    assertThat(pm.expectedCount()).isEqualTo(23 * 60);
    assertThat(pm.mean()).isCloseTo(calibratedMean(readings, day, end), within(1e-9));
  }

  @Test
  void theLocalDayHoldingThePeriodsFirstHourIsRecomputedAndNoDayAfterThePeriod() {
    // midnight UTC is 03:00 in Nairobi: local 1 March starts at 28 February 21:00 UTC
    java.time.ZoneId nairobi = java.time.ZoneId.of("Africa/Nairobi");
    Instant from = Instant.parse("2026-03-01T00:00:00Z");
    Instant to = Instant.parse("2026-03-02T00:00:00Z");
    List<HourRecompute.Stored> readings =
        everyMinute(from.minus(HourRecompute.LOOKBACK), to.plus(HourRecompute.DAY_LOOKAHEAD));
    List<List<WindowAverage>> days =
        HourRecompute.calendarDays(sensor("SDS011"), readings, from, to, 75, nairobi);
    Instant first = Instant.parse("2026-02-28T21:00:00Z");
    Instant second = Instant.parse("2026-03-01T21:00:00Z");
    assertThat(days.stream().map(d -> pm25(d).start()))
        .as("1 and 2 March local time, both overlapping the period; not 3 March")
        .containsExactly(first, second);
    assertThat(pm25(days.get(0)).count()).isEqualTo(24 * 60);
    // the second day, all of it calibrated (the version applies from 01:00 UTC on 1 March), is
    // summed from its hours after the period too
    assertThat(pm25(days.get(1)).count()).isEqualTo(24 * 60);
    assertThat(pm25(days.get(1)).mean())
        .isCloseTo(calibratedMean(readings, second, second.plus(Duration.ofDays(1))), within(1e-9));
  }
}
