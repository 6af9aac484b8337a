package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import io.airq.streams.aqi.IndiaNaqi;
import io.airq.streams.aqi.UsGasIndices;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalInt;

/**
 * India's National AQI of a sensor's 24-hour window (docs/quality.md): CPCB's local calendar day
 * (window {@code day}, averaging {@code calendar-day}), and the rolling 24 hours as CPCB's
 * real-time system computes it (window {@code 24h}, {@code 24h-rolling}). The sub-indices of PM2.5,
 * PM10, NO2 and SO2 on the window's mean, each only when the window meets the coverage gate for it
 * and CPCB's minimum data rule (values in at least 16 of its hours); the index, the worst
 * sub-index, only when at least three pollutants have one and one of them is PM2.5 or PM10. O3 and
 * CO are rated on their highest 8-hour running mean ending within the window (each mean of at least
 * 6 valid hours of the 8), when the window meets the gate for them. Pure.
 */
final class DayNaqi {
  static final String FIELD = "naqi";

  /** The averaging of an index whose dominant pollutant is O3 or CO. */
  static final String EIGHT_HOUR_MAX = "8h-running-max";

  private static final long HOUR_MS = AverageWindow.HOUR.size().toMillis();
  private static final long DAY_MS = AverageWindow.DAY_ROLLING.size().toMillis();

  private DayNaqi() {}

  /**
   * The NAQI of a 24-hour rolling window, or null.
   *
   * @param hours gives the window's hours ({@code before(start + 24 h)})
   */
  static IndexValue of(
      long start,
      WindowAccumulators day,
      double gate,
      long expectedDay,
      SensorIndices.HoursBefore hours) {
    return of(start, start + DAY_MS, IndexValue.ROLLING_24H, day, gate, expectedDay, hours);
  }

  /**
   * The NAQI of a window from {@code start} to {@code end} (a 24-hour rolling window, or a local
   * calendar day of 23, 24 or 25 hours), or null.
   *
   * @param averaging how its hours were chosen: {@code 24h-rolling} or {@code calendar-day}
   * @param hours gives the window's hours ({@code before(start + 24 h)} and {@code before(end)})
   */
  static IndexValue of(
      long start,
      long end,
      String averaging,
      WindowAccumulators day,
      double gate,
      long expectedDay,
      SensorIndices.HoursBefore hours) {
    int candidates = 0;
    for (Map.Entry<Quantity, Accumulator> e : day.quantities().entrySet()) {
      if ((IndiaNaqi.covers(e.getKey()) || IndiaNaqi.coversEightHour(e.getKey()))
          && 100.0 * e.getValue().count() / expectedDay >= gate) {
        candidates++;
      }
    }
    if (candidates < 3) {
      return null;
    }
    int n = (int) ((end - start) / HOUR_MS);
    NavigableMap<Long, WindowAccumulators> inDay = new java.util.TreeMap<>();
    inDay.putAll(hours.before(start + DAY_MS));
    if (end != start + DAY_MS) {
      inDay.putAll(hours.before(end));
    }
    inDay = inDay.subMap(start, true, end, false);
    int counted = 0;
    boolean pm = false;
    int worst = -1;
    Quantity dominant = null;
    for (Map.Entry<Quantity, Accumulator> e : day.quantities().entrySet()) {
      Quantity q = e.getKey();
      Accumulator a = e.getValue();
      OptionalInt sub;
      if (IndiaNaqi.coversEightHour(q) && 100.0 * a.count() / expectedDay >= gate) {
        sub =
            IndiaNaqi.eightHourSubIndex(q, maxEightHour(q, start, n, inDay, gate, expectedDay / n));
      } else if (!IndiaNaqi.covers(q)
          || 100.0 * a.count() / expectedDay < gate
          || hoursWith(q, inDay) < IndiaNaqi.MIN_HOURS) {
        continue;
      } else {
        sub = IndiaNaqi.subIndex(q, a.mean());
      }
      if (sub.isEmpty()) {
        continue;
      }
      counted++;
      pm |= q == Quantity.PM25 || q == Quantity.PM10;
      if (sub.getAsInt() > worst) {
        worst = sub.getAsInt();
        dominant = q;
      }
    }
    if (counted < 3 || !pm) {
      return null;
    }
    return new IndexValue(
        FIELD,
        IndiaNaqi.ID,
        worst,
        IndiaNaqi.category(worst),
        dominant,
        IndiaNaqi.coversEightHour(dominant) ? EIGHT_HOUR_MAX : averaging);
  }

  /**
   * The highest 8-hour running mean of {@code q} ending within the window of {@code n} hours (the
   * {@code n - 7} means of 8 hours inside it), each of at least 6 hours at the gate; NaN when there
   * is none.
   */
  private static double maxEightHour(
      Quantity q,
      long start,
      int n,
      NavigableMap<Long, WindowAccumulators> inDay,
      double gate,
      long expectedHour) {
    double max = Double.NaN;
    for (int end = 7; end < n; end++) {
      java.util.List<Double> recent = new java.util.ArrayList<>(8);
      for (int i = 0; i < 8; i++) {
        WindowAccumulators h = inDay.get(start + (end - i) * HOUR_MS);
        Accumulator a = h == null ? null : h.quantities().get(q);
        boolean valid =
            a != null && a.count() > 0 && 100.0 * a.count() / Math.max(1, expectedHour) >= gate;
        recent.add(valid ? a.mean() : null);
      }
      double m = UsGasIndices.eightHourMean(recent);
      if (!Double.isNaN(m) && !(m <= max)) {
        max = m;
      }
    }
    return max;
  }

  private static int hoursWith(Quantity q, NavigableMap<Long, WindowAccumulators> hours) {
    int n = 0;
    for (WindowAccumulators h : hours.values()) {
      Accumulator a = h.quantities().get(q);
      n += a != null && a.count() > 0 ? 1 : 0;
    }
    return n;
  }
}
