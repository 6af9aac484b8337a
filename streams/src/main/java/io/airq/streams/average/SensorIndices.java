package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import io.airq.streams.aqi.UsGasIndices;
import io.airq.streams.aqi.UsIndices;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * The index values of one quantity of a sensor window (docs/quality.md), computed when the window
 * is emitted, never per reading: on an hour the EPA NowCast AQI (PM) from that hour and the 11
 * before it and the gas sub-indices ({@link UsGasIndices}: 1 hour, and the 8 hours ending with it),
 * on a 24-hour rolling window and a local calendar day the EPA AQI of its mean (PM, and SO2 from
 * 305 ppb), and on a calendar day the EPA daily AQI of O3 and CO from its maximum 8-hour mean (the
 * 8-hour periods starting in the day). A window (and, for the NowCast, an hour) counts only when
 * its coverage is at or above the gate; a window below it gets no index. Pure.
 */
final class SensorIndices {
  private static final long HOUR_MS = AverageWindow.HOUR.size().toMillis();

  /** The hours of a sensor before a given hour, read only when a NowCast needs them. */
  interface HoursBefore {
    /** The stored hours starting in [hour - 24 h, hour - 1 h]. */
    NavigableMap<Long, WindowAccumulators> before(long hour);
  }

  private SensorIndices() {}

  /**
   * @param coverage the window's coverage of {@code q}, percent
   * @param expectedHour readings expected in one hour of the sensor
   */
  static List<IndexValue> of(
      AverageWindow w,
      long start,
      Quantity q,
      double mean,
      double coverage,
      double gate,
      long expectedHour,
      HoursBefore hours) {
    return of(w, start, start + w.size().toMillis(), q, mean, coverage, gate, expectedHour, hours);
  }

  /**
   * As {@link #of(AverageWindow, long, Quantity, double, double, double, long, HoursBefore)}, for a
   * window ending at {@code end} (a calendar day has 23, 24 or 25 hours).
   */
  static List<IndexValue> of(
      AverageWindow w,
      long start,
      long end,
      Quantity q,
      double mean,
      double coverage,
      double gate,
      long expectedHour,
      HoursBefore hours) {
    if (w == AverageWindow.HOUR && (UsGasIndices.hasHourly(q) || UsGasIndices.hasEightHour(q))) {
      return gas(start, q, mean, coverage, gate, expectedHour, hours);
    }
    if (w == AverageWindow.MINUTE || coverage < gate) {
      return List.of();
    }
    IndexValue v;
    if (w == AverageWindow.HOUR) {
      v = UsIndices.nowCast(q, hourlyMeans(start, q, mean, gate, expectedHour, hours));
    } else if (w == AverageWindow.DAY && UsGasIndices.hasEightHour(q)) {
      int periods = (int) ((end - start) / HOUR_MS);
      v =
          UsGasIndices.dailyEightHour(
              q,
              UsGasIndices.dailyMaxEightHour(
                  q, dayHourlyMeans(start, periods, q, gate, expectedHour, hours), periods));
    } else if (q == Quantity.SO2) {
      v = UsGasIndices.twentyFourHour(q, mean, dailyAveraging(w));
    } else {
      v = UsIndices.daily(q, mean, dailyAveraging(w));
    }
    return v == null ? List.of() : List.of(v);
  }

  /**
   * The hourly means of {@code q} of a calendar day's {@code periods} hours and the 7 after it
   * (those of the 8-hour means starting in its last hours), in time order; null for an hour without
   * values or below the gate.
   */
  static List<Double> dayHourlyMeans(
      long start, int periods, Quantity q, double gate, long expectedHour, HoursBefore hours) {
    long last = start + (periods + 6) * HOUR_MS;
    NavigableMap<Long, WindowAccumulators> read =
        new java.util.TreeMap<>(hours.before(start + 24 * HOUR_MS));
    read.putAll(hours.before(last + HOUR_MS));
    List<Double> out = new ArrayList<>(periods + 7);
    for (long h = start; h <= last; h += HOUR_MS) {
      WindowAccumulators a = read.get(h);
      Accumulator acc = a == null ? null : a.quantities().get(q);
      boolean valid = acc != null && acc.count() > 0 && 100.0 * acc.count() / expectedHour >= gate;
      out.add(valid ? acc.mean() : null);
    }
    return out;
  }

  /**
   * The EPA gas sub-indices of an hour: the 1-hour one of NO2, SO2 and O3 when the hour meets the
   * gate, the 8-hour one of O3 and CO when at least 6 of the 8 hours ending with it do (the hour
   * itself included: an hour below the gate gets no index).
   */
  private static List<IndexValue> gas(
      long start,
      Quantity q,
      double mean,
      double coverage,
      double gate,
      long expectedHour,
      HoursBefore hours) {
    if (coverage < gate) {
      return List.of();
    }
    List<IndexValue> out = new ArrayList<>(2);
    IndexValue hourly = UsGasIndices.hourly(q, mean);
    if (hourly != null) {
      out.add(hourly);
    }
    if (UsGasIndices.hasEightHour(q)) {
      double eight =
          UsGasIndices.eightHourMean(hourlyMeans(start, q, mean, gate, expectedHour, hours));
      IndexValue v = UsGasIndices.eightHour(q, eight);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * How a window's daily AQI names its averaging: {@code 24h-rolling} or {@code calendar-day}; null
   * for the windows that get none.
   */
  static String dailyAveraging(AverageWindow w) {
    return switch (w) {
      case DAY_ROLLING -> IndexValue.ROLLING_24H;
      case DAY -> IndexValue.CALENDAR_DAY;
      default -> null;
    };
  }

  /**
   * The 12 hourly means of {@code q} ending with the hour at {@code start}, most recent first; null
   * for an hour without values or below the gate.
   */
  static List<Double> hourlyMeans(
      long start, Quantity q, double mean, double gate, long expectedHour, HoursBefore hours) {
    NavigableMap<Long, WindowAccumulators> before = hours.before(start);
    List<Double> out = new ArrayList<>(12);
    out.add(mean);
    for (int i = 1; i < 12; i++) {
      WindowAccumulators h = before.get(start - i * HOUR_MS);
      Accumulator a = h == null ? null : h.quantities().get(q);
      boolean valid = a != null && a.count() > 0 && 100.0 * a.count() / expectedHour >= gate;
      out.add(valid ? a.mean() : null);
    }
    return out;
  }
}
