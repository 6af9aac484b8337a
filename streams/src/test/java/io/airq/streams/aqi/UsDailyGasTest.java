package io.airq.streams.aqi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EPA's daily values of the gases on 24-hour windows (docs/quality.md): the SO2 24-hour table above
 * 304 ppb (AQI 201 to 500), and the daily maximum 8-hour mean of O3 and CO on a calendar day (the
 * 8-hour periods starting in the day, each of at least 6 valid hours; 75 % of them, or an O3 day
 * above the standard).
 */
class UsDailyGasTest {
  /** SO2 in airq's unit (µg/m³) from ppb at 25 °C, 1 atm. */
  private static double so2(double ppb) {
    return ppb * 64.07 / 24.45;
  }

  /** O3 in µg/m³ from ppm. */
  private static double o3(double ppm) {
    return ppm * 1000 * 48.00 / 24.45;
  }

  private static Integer so2Day(double ppb) {
    IndexValue v = UsGasIndices.twentyFourHour(Quantity.SO2, so2(ppb), IndexValue.CALENDAR_DAY);
    return v == null ? null : v.value();
  }

  @Test
  void so2OnItsTwentyFourHourMeanIsRatedFrom305PpbOnAtEveryEdge() {
    assertThat(so2Day(304)).as("below 305 ppb the 1-hour values rate SO2").isNull();
    assertThat(so2Day(305)).isEqualTo(201);
    assertThat(so2Day(604)).isEqualTo(300);
    assertThat(so2Day(605)).isEqualTo(301);
    assertThat(so2Day(1004)).isEqualTo(500);
    assertThat(so2Day(1005)).as("above the table").isNull();
    // 450 ppb: (300 - 201) / (604 - 305) * (450 - 305) + 201 = 249.0
    IndexValue v = UsGasIndices.twentyFourHour(Quantity.SO2, so2(450), IndexValue.ROLLING_24H);
    assertThat(v)
        .isEqualTo(
            new IndexValue(
                "aqi_us", "us-epa-2024", 249, "Very Unhealthy", Quantity.SO2, "24h-rolling"));
    assertThat(UsGasIndices.twentyFourHour(Quantity.NO2, 1000, IndexValue.CALENDAR_DAY)).isNull();
  }

  /** {@code n} hours of {@code v}. */
  private static List<Double> hours(int n, double v) {
    return new ArrayList<>(Collections.nCopies(n, v));
  }

  @Test
  void theDailyMaximumIsTheHighestEightHourMeanStartingInTheDayReachingIntoTheNext() {
    // 24 hours + 7 of the next day; the highest 8 hours start at 22:00 and end at 05:00
    List<Double> h = hours(31, o3(0.040));
    for (int i = 22; i < 30; i++) {
      h.set(i, o3(0.080));
    }
    double max = UsGasIndices.dailyMaxEightHour(Quantity.O3, h, 24);
    assertThat(UsGasIndices.toTableUnit(Quantity.O3, max)).isCloseTo(0.080, within(1e-9));
    // 0.080 ppm: (150 - 101) / (0.085 - 0.071) * (0.080 - 0.071) + 101 = 132.5 -> 133
    assertThat(UsGasIndices.dailyEightHour(Quantity.O3, max))
        .isEqualTo(
            new IndexValue(
                "aqi_us",
                "us-epa-2024",
                133,
                "Unhealthy for Sensitive Groups",
                Quantity.O3,
                "8h-daily-max"));
    // an 8-hour period ending at 05:00 of the day does not start in it: not counted
    List<Double> early = hours(31, o3(0.040));
    for (int i = 0; i < 5; i++) {
      early.set(i, o3(0.080));
    }
    assertThat(
            UsGasIndices.toTableUnit(
                Quantity.O3, UsGasIndices.dailyMaxEightHour(Quantity.O3, early, 24)))
        .isCloseTo((5 * 0.080 + 3 * 0.040) / 8, within(1e-9));
  }

  @Test
  void aPeriodNeedsSixValidHoursAndTheDay75PercentOfItsPeriods() {
    // CO 5 mg/m³; hours 0-5 missing: the periods starting at 0-3 have 2 to 5 valid hours
    List<Double> h = hours(31, 5.0);
    for (int i = 0; i < 6; i++) {
      h.set(i, null);
    }
    // periods 0..3 hold 2..5 valid hours -> 20 of 24 valid (83 %): counts
    assertThat(UsGasIndices.dailyMaxEightHour(Quantity.CO, h, 24)).isCloseTo(5.0, within(1e-9));
    // hours 0-9 missing: periods 0..7 hold fewer than 6 -> 16 of 24 (67 %): no daily value
    for (int i = 6; i < 10; i++) {
      h.set(i, null);
    }
    assertThat(UsGasIndices.dailyMaxEightHour(Quantity.CO, h, 24)).isNaN();
    // 18 of 24 periods is enough: hours 0-7 missing leaves periods 6..23 (18)
    List<Double> e = hours(31, 5.0);
    for (int i = 0; i < 8; i++) {
      e.set(i, null);
    }
    assertThat(UsGasIndices.dailyMaxEightHour(Quantity.CO, e, 24)).isCloseTo(5.0, within(1e-9));
    e.set(8, null); // periods 7..23 (17): not enough
    assertThat(UsGasIndices.dailyMaxEightHour(Quantity.CO, e, 24)).isNaN();
    // a 25-hour day needs 19 of its 25 periods (18.75 rounded up)
    List<Double> f = hours(32, 5.0);
    for (int i = 0; i < 8; i++) {
      f.set(i, null);
    }
    assertThat(UsGasIndices.dailyMaxEightHour(Quantity.CO, f, 25)).as("19 of 25").isNotNaN();
    f.set(8, null);
    assertThat(UsGasIndices.dailyMaxEightHour(Quantity.CO, f, 25)).as("18 of 25").isNaN();
  }

  @Test
  void anIncompleteOzoneDayAboveTheStandardStillCounts() {
    List<Double> h = new ArrayList<>(Collections.nCopies(31, (Double) null));
    for (int i = 12; i < 20; i++) {
      h.set(i, o3(0.075)); // 8 valid hours: 5 periods of at least 6 of them
    }
    double max = UsGasIndices.dailyMaxEightHour(Quantity.O3, h, 24);
    assertThat(UsGasIndices.toTableUnit(Quantity.O3, max)).isCloseTo(0.075, within(1e-9));
    for (int i = 12; i < 20; i++) {
      h.set(i, o3(0.070)); // at the standard, not above it
    }
    assertThat(UsGasIndices.dailyMaxEightHour(Quantity.O3, h, 24)).isNaN();
    for (int i = 12; i < 20; i++) {
      h.set(i, 20.0); // CO has no such exception
    }
    assertThat(UsGasIndices.dailyMaxEightHour(Quantity.CO, h, 24)).isNaN();
  }
}
