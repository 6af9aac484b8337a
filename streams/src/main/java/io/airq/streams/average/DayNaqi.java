package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import io.airq.streams.aqi.IndiaNaqi;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalInt;

/**
 * India's National AQI of a sensor's 24-hour window (docs/quality.md): the sub-indices of PM2.5,
 * PM10, NO2 and SO2 on the 24-hour mean, each only when the window meets the coverage gate for it
 * and CPCB's minimum data rule (values in at least 16 of the 24 hours); the index, the worst
 * sub-index, only when at least three pollutants have one and one of them is PM2.5 or PM10. (O3 and
 * CO, on 8 hours, are not computed: CPCB's O3 and CO tables are not in airq.) Pure.
 */
final class DayNaqi {
  static final String FIELD = "naqi";
  private static final long HOUR_MS = AverageWindow.HOUR.size().toMillis();
  private static final long DAY_MS = AverageWindow.DAY_ROLLING.size().toMillis();

  private DayNaqi() {}

  /**
   * The window's NAQI, or null.
   *
   * @param hours gives the window's hours ({@code before(start + 24 h)})
   */
  static IndexValue of(
      long start,
      WindowAccumulators day,
      double gate,
      long expectedDay,
      SensorIndices.HoursBefore hours) {
    int candidates = 0;
    for (Map.Entry<Quantity, Accumulator> e : day.quantities().entrySet()) {
      if (IndiaNaqi.covers(e.getKey()) && 100.0 * e.getValue().count() / expectedDay >= gate) {
        candidates++;
      }
    }
    if (candidates < 3) {
      return null;
    }
    NavigableMap<Long, WindowAccumulators> inDay =
        hours.before(start + DAY_MS).subMap(start, true, start + DAY_MS - HOUR_MS, true);
    int counted = 0;
    boolean pm = false;
    int worst = -1;
    Quantity dominant = null;
    for (Map.Entry<Quantity, Accumulator> e : day.quantities().entrySet()) {
      Quantity q = e.getKey();
      Accumulator a = e.getValue();
      if (!IndiaNaqi.covers(q)
          || 100.0 * a.count() / expectedDay < gate
          || hoursWith(q, inDay) < IndiaNaqi.MIN_HOURS) {
        continue;
      }
      OptionalInt sub = IndiaNaqi.subIndex(q, a.mean());
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
        FIELD, IndiaNaqi.ID, worst, IndiaNaqi.category(worst), dominant, IndexValue.ROLLING_24H);
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
