package io.airq.streams.average;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import io.airq.streams.aqi.IndiaNaqi;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class DayNaqiTest {
  private static final long H = 3_600_000L;
  private static final long T = 1_000 * H;

  private static Accumulator acc(long n, double mean) {
    return new Accumulator(n, n * mean, n * mean, mean, mean, Set.of("none"));
  }

  private static WindowAccumulators window(Map<Quantity, Accumulator> q) {
    return new WindowAccumulators(new EnumMap<>(q), 0, false, Long.MIN_VALUE);
  }

  /** The day's 24 hours, each with 30 readings of the quantities, NO2 only in the first n. */
  private static SensorIndices.HoursBefore hours(int no2Hours) {
    NavigableMap<Long, WindowAccumulators> m = new TreeMap<>();
    for (int i = 0; i < 24; i++) {
      Map<Quantity, Accumulator> q = new EnumMap<>(Quantity.class);
      q.put(Quantity.PM25, acc(30, 45));
      q.put(Quantity.PM10, acc(30, 175));
      if (i < no2Hours) {
        q.put(Quantity.NO2, acc(30, 100));
      }
      m.put(T + i * H, window(q));
    }
    return before(m);
  }

  /** {@code count} hours from T, each with 30 readings of PM2.5 45, PM10 175 and O3 as given. */
  private static SensorIndices.HoursBefore o3Hours(int count, IntFunction<Accumulator> o3) {
    NavigableMap<Long, WindowAccumulators> m = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      m.put(T + i * H, pmAnd(30, Quantity.O3, o3.apply(i)));
    }
    return before(m);
  }

  private static SensorIndices.HoursBefore before(NavigableMap<Long, WindowAccumulators> m) {
    return h -> m.subMap(h - 24 * H, true, h - 1, true);
  }

  /** A window with {@code n} readings each of PM2.5 45 and PM10 175, and a third pollutant. */
  private static WindowAccumulators pmAnd(long n, Quantity q, Accumulator third) {
    return window(Map.of(Quantity.PM25, acc(n, 45), Quantity.PM10, acc(n, 175), q, third));
  }

  @Test
  void ozoneIsRatedOnItsHighest8HourRunningMeanInTheWindow() {
    // O3 80 in the first 12 hours, 150 in the last 12: the highest 8-hour mean is 150
    // -> (200 - 100) / (168 - 100) × (150 - 100) + 100 = 173.5 -> 174, above PM10's 150
    WindowAccumulators day = pmAnd(720, Quantity.O3, acc(720, 115));
    assertThat(DayNaqi.of(T, day, 75, 720, o3Hours(24, i -> acc(30, i < 12 ? 80 : 150))))
        .isEqualTo(
            new IndexValue("naqi", "in-naqi-2014", 174, "Moderate", Quantity.O3, "8h-running-max"));
    // with only 5 valid hours in every 8 (3 of each 8 thin), O3 has no 8-hour mean: PM10 leads
    // but only two pollutants count, so no index
    assertThat(DayNaqi.of(T, day, 75, 720, o3Hours(24, i -> acc(i % 8 < 5 ? 30 : 10, 150))))
        .isNull();
  }

  @Test
  void threePollutantsWithAPmGiveTheWorstSubIndex() {
    // PM2.5 45 -> 75; PM10 175 -> 150; NO2 100 -> (200 - 100) / (180 - 80) * (100 - 80) + 100 = 120
    WindowAccumulators day = pmAnd(720, Quantity.NO2, acc(720, 100));
    assertThat(DayNaqi.of(T, day, 75, 720, hours(24)))
        .isEqualTo(
            new IndexValue(
                "naqi", "in-naqi-2014", 150, "Moderate", Quantity.PM10, IndexValue.ROLLING_24H));
  }

  @Test
  void onACalendarDayTheIndexSaysCalendarDay() {
    WindowAccumulators day = pmAnd(720, Quantity.NO2, acc(720, 100));
    assertThat(DayNaqi.of(T, T + 24 * H, IndexValue.CALENDAR_DAY, day, 75, 720, hours(24)))
        .isEqualTo(
            new IndexValue(
                "naqi", "in-naqi-2014", 150, "Moderate", Quantity.PM10, IndexValue.CALENDAR_DAY));
    // NO2 in 15 of the day's hours misses CPCB's 16, on a calendar day too
    WindowAccumulators no2In15 = pmAnd(720, Quantity.NO2, acc(450, 100));
    assertThat(DayNaqi.of(T, T + 24 * H, IndexValue.CALENDAR_DAY, no2In15, 50, 720, hours(15)))
        .isNull();
  }

  @Test
  void aTwentyFiveHourDayRatesOzoneOnTheEightHoursEndingWithItsLastHour() {
    // the day the clocks go back: hours 0-24; O3 80 until hour 16, then 200 in hours 17-24
    WindowAccumulators day = pmAnd(750, Quantity.O3, acc(750, 120));
    // hours 17-24: 200 -> (300 - 200) / (208 - 168) × (200 - 168) + 200 = 280; the 24 hours
    // without the last would give 242 (hours 16-23: 185)
    assertThat(
            DayNaqi.of(
                T,
                T + 25 * H,
                IndexValue.CALENDAR_DAY,
                day,
                75,
                750,
                o3Hours(25, i -> acc(30, i < 17 ? 80 : 200))))
        .isEqualTo(
            new IndexValue("naqi", "in-naqi-2014", 280, "Poor", Quantity.O3, "8h-running-max"));
  }

  @Test
  void fewerThanThreePollutantsOrFewerThan16HoursGiveNoIndex() {
    WindowAccumulators pmOnly =
        window(Map.of(Quantity.PM25, acc(720, 45), Quantity.PM10, acc(720, 175)));
    assertThat(DayNaqi.of(T, pmOnly, 75, 720, hours(0))).isNull();
    // NO2 in 15 of the 24 hours (450 readings, 62.5 %: above a 50 % gate) misses CPCB's 16 hours
    WindowAccumulators no2In15 = pmAnd(720, Quantity.NO2, acc(450, 100));
    assertThat(DayNaqi.of(T, no2In15, 50, 720, hours(15))).isNull();
    WindowAccumulators no2In16 = pmAnd(720, Quantity.NO2, acc(480, 100));
    assertThat(DayNaqi.of(T, no2In16, 50, 720, hours(16)).value()).isEqualTo(150);
    assertThat(DayNaqi.of(T, no2In16, 75, 720, hours(16)))
        .as("NO2 below the coverage gate")
        .isNull();
  }

  @Test
  void cpcbBandEdgesAndNames() {
    assertThat(IndiaNaqi.subIndex(Quantity.SO2, 40).getAsInt()).isEqualTo(50);
    assertThat(IndiaNaqi.subIndex(Quantity.SO2, 80).getAsInt()).isEqualTo(100);
    assertThat(IndiaNaqi.subIndex(Quantity.SO2, 380).getAsInt()).isEqualTo(200);
    assertThat(IndiaNaqi.subIndex(Quantity.SO2, 800).getAsInt()).isEqualTo(300);
    assertThat(IndiaNaqi.subIndex(Quantity.SO2, 1600).getAsInt()).isEqualTo(400);
    assertThat(IndiaNaqi.subIndex(Quantity.PM25, 30).getAsInt()).isEqualTo(50);
    assertThat(IndiaNaqi.subIndex(Quantity.PM25, 60).getAsInt()).isEqualTo(100);
    assertThat(IndiaNaqi.subIndex(Quantity.PM10, 250).getAsInt()).isEqualTo(200);
    assertThat(IndiaNaqi.subIndex(Quantity.NO2, 280).getAsInt()).isEqualTo(300);
    assertThat(IndiaNaqi.category(50)).isEqualTo("Good");
    assertThat(IndiaNaqi.category(51)).isEqualTo("Satisfactory");
    assertThat(IndiaNaqi.category(200)).isEqualTo("Moderate");
    assertThat(IndiaNaqi.category(300)).isEqualTo("Poor");
    assertThat(IndiaNaqi.category(400)).isEqualTo("Very Poor");
    assertThat(IndiaNaqi.category(401)).isEqualTo("Severe");
  }
}
