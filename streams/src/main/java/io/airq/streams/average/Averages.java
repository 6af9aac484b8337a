package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.streams.aqi.UsGasIndices;
import io.airq.streams.aqi.UsIndices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/** Turns window accumulators into core WindowAverages (one per quantity) and area means. Pure. */
public final class Averages {
  private Averages() {}

  /**
   * A sensor window's averages, one per quantity (a wind direction's mean is the direction of the
   * mean unit vector of its values, left out when they cancel out), with their index values ({@link
   * SensorIndices}: {@code gate} is the coverage gate in percent, {@code hours} gives the hours
   * before an hour for its NowCast, read at most once).
   */
  public static List<WindowAverage> ofSensor(
      AverageWindow w,
      Instant start,
      Sensor s,
      WindowAccumulators acc,
      double gate,
      SensorIndices.HoursBefore hours) {
    return ofSensor(w, start, start.plus(w.size()), s, acc, gate, hours);
  }

  /**
   * As {@link #ofSensor(AverageWindow, Instant, Sensor, WindowAccumulators, double,
   * SensorIndices.HoursBefore)} for a window ending at {@code end}: a calendar day ({@link
   * AverageWindow#DAY}) has 23, 24 or 25 hours, and its expected count follows.
   */
  public static List<WindowAverage> ofSensor(
      AverageWindow w,
      Instant start,
      Instant end,
      Sensor s,
      WindowAccumulators acc,
      double gate,
      SensorIndices.HoursBefore hours) {
    List<WindowAverage> out = new ArrayList<>();
    long expected = s.expectedCount(java.time.Duration.between(start, end));
    long expectedHour = s.expectedCount(AverageWindow.HOUR.size());
    SensorIndices.HoursBefore once = once(hours);
    for (Map.Entry<Quantity, Accumulator> e : acc.quantities().entrySet()) {
      Accumulator a = e.getValue();
      if (a.count() == 0) {
        continue;
      }
      boolean circular = e.getKey().circular();
      double mean = circular ? a.meanAngle() : a.mean();
      if (Double.isNaN(mean)) {
        continue; // directions that cancel out have no mean direction
      }
      double coverage = 100.0 * a.count() / expected;
      out.add(
          new WindowAverage(
              Scope.SENSOR,
              s.id(),
              s.area(),
              s.county(),
              w,
              start,
              end,
              e.getKey(),
              a.count(),
              expected,
              coverage,
              a.min(),
              a.max(),
              circular ? mean : a.rawMean(),
              mean,
              a.correction(),
              SensorIndices.of(
                  w,
                  start.toEpochMilli(),
                  end.toEpochMilli(),
                  e.getKey(),
                  mean,
                  coverage,
                  gate,
                  expectedHour,
                  once)));
    }
    if (w == AverageWindow.HOUR) {
      IndexValue eaqi =
          HourEaqi.of(
              start.toEpochMilli(),
              acc,
              gate,
              expectedHour,
              s.expectedCount(AverageWindow.DAY_ROLLING.size()),
              once);
      if (eaqi != null) {
        withIndex(out, eaqi);
      }
      IndexValue overall = UsOverall.of(out);
      if (overall != null) {
        withIndex(out, overall);
      }
    } else if (w == AverageWindow.DAY_ROLLING || w == AverageWindow.DAY) {
      IndexValue naqi =
          DayNaqi.of(
              start.toEpochMilli(),
              end.toEpochMilli(),
              SensorIndices.dailyAveraging(w),
              acc,
              gate,
              expected,
              once);
      if (naqi != null) {
        withIndex(out, naqi);
      }
    }
    return out;
  }

  /** Adds {@code v} to the average of its pollutant (which is in {@code out}). */
  private static void withIndex(List<WindowAverage> out, IndexValue v) {
    for (int i = 0; i < out.size(); i++) {
      WindowAverage a = out.get(i);
      if (a.quantity() == v.pollutant()) {
        out.set(i, a.withIndex(v));
        return;
      }
    }
  }

  private static List<IndexValue> withHourIndices(List<IndexValue> own, List<IndexValue> more) {
    if (more == null || more.isEmpty()) {
      return own;
    }
    List<IndexValue> all = new ArrayList<>(own);
    all.addAll(more);
    return all;
  }

  /** {@code hours}, asked at most once per hour. */
  private static SensorIndices.HoursBefore once(SensorIndices.HoursBefore hours) {
    return new SensorIndices.HoursBefore() {
      private long hour = Long.MIN_VALUE;
      private NavigableMap<Long, WindowAccumulators> read;

      @Override
      public NavigableMap<Long, WindowAccumulators> before(long h) {
        if (read == null || hour != h) {
          read = hours.before(h);
          hour = h;
        }
        return read;
      }
    };
  }

  /**
   * The index values of an area mean of its own: on a 24-hour rolling window and a calendar day the
   * EPA AQI of the mean of its valid sensors' means (an area hour's come from its earlier hours
   * too: {@link AreaHourIndices}).
   */
  static List<IndexValue> areaIndices(AverageWindow w, Quantity q, double mean) {
    String averaging = SensorIndices.dailyAveraging(w);
    if (averaging == null) {
      return List.of();
    }
    IndexValue v =
        q == Quantity.SO2
            ? UsGasIndices.twentyFourHour(q, mean, averaging)
            : UsIndices.daily(q, mean, averaging);
    return v == null ? List.of() : List.of(v);
  }

  /**
   * The area means of one window, one per quantity that has a valid sensor: the mean of the valid
   * sensors' means (for a wind direction, the direction of the mean of their unit vectors)
   * (coverage at or above the gate, applied by the aggregate); count, expected count, min and max
   * are summed or taken over those sensors. The county is the area's ({@link
   * AreaAggregate#county}), the same for every quantity.
   */
  public static List<WindowAverage> ofArea(
      String area, AverageWindow w, Instant start, AreaAggregate agg) {
    return ofArea(area, w, start, start.plus(w.size()), agg);
  }

  /** As {@link #ofArea(String, AverageWindow, Instant, AreaAggregate)}, ending at {@code end}. */
  public static List<WindowAverage> ofArea(
      String area, AverageWindow w, Instant start, Instant end, AreaAggregate agg) {
    return ofArea(area, w, start, end, agg, Map.of());
  }

  /**
   * As {@link #ofArea(String, AverageWindow, Instant, Instant, AreaAggregate)}, with index values
   * computed from the area's earlier hours ({@link AreaHourIndices}) added per quantity.
   */
  public static List<WindowAverage> ofArea(
      String area,
      AverageWindow w,
      Instant start,
      Instant end,
      AreaAggregate agg,
      Map<Quantity, List<IndexValue>> hourIndices) {
    List<WindowAverage> out = new ArrayList<>(agg.quantities().size());
    String county = agg.county();
    for (Map.Entry<Quantity, AreaStats> e : agg.quantities().entrySet()) {
      AreaStats s = e.getValue();
      boolean circular = e.getKey().circular();
      double mean = circular ? s.meanAngle() : s.mean();
      if (Double.isNaN(mean)) {
        continue; // the sensors' directions cancel out
      }
      out.add(
          new WindowAverage(
              Scope.AREA,
              area,
              area,
              county,
              w,
              start,
              end,
              e.getKey(),
              s.count(),
              s.expected(),
              100.0 * s.count() / s.expected(),
              s.min(),
              s.max(),
              circular ? mean : s.rawMean(),
              mean,
              s.correction(),
              withHourIndices(areaIndices(w, e.getKey(), mean), hourIndices.get(e.getKey()))));
    }
    return out;
  }
}
