package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.WindowAverage;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import io.airq.streams.aqi.IndiaNaqi;
import io.airq.streams.aqi.UsGasIndices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalInt;

/**
 * India's NAQI of an area's 24-hour window (the local calendar day, {@code calendar-day}, or the
 * rolling 24 hours, {@code 24h-rolling}), as a sensor's ({@link DayNaqi}) but from the area's
 * means: PM2.5, PM10, NO2 and SO2 on the area's window mean when it meets the coverage gate and the
 * area has a mean in at least 16 of the window's hours (CPCB's minimum data rule); O3 and CO on the
 * highest 8-hour running mean of the area's hourly means ending within the window (6 of 8 hours).
 * The index, the worst sub-index, only with at least three pollutants, one of them PM, on the
 * dominant pollutant's average. Pure.
 */
final class AreaDayNaqi {
  private static final long HOUR_MS = RollingDay.HOUR_MS;

  private AreaDayNaqi() {}

  /**
   * The area's window means with the NAQI added to its dominant pollutant's, or as they are.
   *
   * @param means the area's means of the window, after the coverage gate ({@link AreaExpectation})
   * @param hours the area's hourly means, per quantity, by hour start (at least the window's)
   * @param gate the coverage gate, percent
   */
  static List<WindowAverage> with(
      List<WindowAverage> means,
      NavigableMap<Long, Map<Quantity, Double>> hours,
      AverageWindow w,
      long start,
      long end,
      double gate) {
    NavigableMap<Long, Map<Quantity, Double>> inWindow = hours.subMap(start, true, end, false);
    int counted = 0;
    boolean pm = false;
    int worst = -1;
    WindowAverage dominant = null;
    for (WindowAverage a : means) {
      Quantity q = a.quantity();
      if (Math.min(a.coverage(), 100.0) < gate) {
        continue;
      }
      OptionalInt sub;
      if (IndiaNaqi.coversEightHour(q)) {
        sub = IndiaNaqi.eightHourSubIndex(q, maxEightHour(q, start, end, inWindow));
      } else if (IndiaNaqi.covers(q) && hoursWith(q, inWindow) >= IndiaNaqi.MIN_HOURS) {
        sub = IndiaNaqi.subIndex(q, a.mean());
      } else {
        continue;
      }
      if (sub.isEmpty()) {
        continue;
      }
      counted++;
      pm |= q == Quantity.PM25 || q == Quantity.PM10;
      if (sub.getAsInt() > worst) {
        worst = sub.getAsInt();
        dominant = a;
      }
    }
    if (counted < 3 || !pm) {
      return means;
    }
    Quantity q = dominant.quantity();
    IndexValue naqi =
        new IndexValue(
            DayNaqi.FIELD,
            IndiaNaqi.ID,
            worst,
            IndiaNaqi.category(worst),
            q,
            IndiaNaqi.coversEightHour(q)
                ? DayNaqi.EIGHT_HOUR_MAX
                : SensorIndices.dailyAveraging(w));
    List<WindowAverage> out = new ArrayList<>(means.size());
    for (WindowAverage a : means) {
      if (a != dominant) {
        out.add(a);
        continue;
      }
      out.add(a.withIndex(naqi));
    }
    return out;
  }

  /** The highest 8-hour mean of {@code q} ending within the window; NaN when there is none. */
  private static double maxEightHour(
      Quantity q, long start, long end, NavigableMap<Long, Map<Quantity, Double>> hours) {
    double max = Double.NaN;
    for (long last = start + 7 * HOUR_MS; last < end; last += HOUR_MS) {
      List<Double> recent = new ArrayList<>(UsGasIndices.EIGHT_HOURS);
      for (int i = 0; i < UsGasIndices.EIGHT_HOURS; i++) {
        Map<Quantity, Double> h = hours.get(last - i * HOUR_MS);
        recent.add(h == null ? null : h.get(q));
      }
      double m = UsGasIndices.eightHourMean(recent);
      if (!Double.isNaN(m) && !(m <= max)) {
        max = m;
      }
    }
    return max;
  }

  private static int hoursWith(Quantity q, NavigableMap<Long, Map<Quantity, Double>> hours) {
    int n = 0;
    for (Map<Quantity, Double> h : hours.values()) {
      n += h.containsKey(q) ? 1 : 0;
    }
    return n;
  }
}
