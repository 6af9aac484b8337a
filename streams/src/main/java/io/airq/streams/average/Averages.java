package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.streams.aqi.UsEpaAqi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;

/** Turns window accumulators into core WindowAverages (one per quantity) and area means. Pure. */
public final class Averages {
  private Averages() {}

  public static List<WindowAverage> ofSensor(
      AverageWindow w, Instant start, Sensor s, WindowAccumulators acc) {
    List<WindowAverage> out = new ArrayList<>();
    long expected = s.expectedCount(w.size());
    Instant end = start.plus(w.size());
    for (Map.Entry<Quantity, Accumulator> e : acc.quantities().entrySet()) {
      Accumulator a = e.getValue();
      if (a.count() == 0) {
        continue;
      }
      double mean = a.mean();
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
              100.0 * a.count() / expected,
              a.min(),
              a.max(),
              a.rawMean(),
              mean,
              a.correction(),
              aqi(w, e.getKey(), mean)));
    }
    return out;
  }

  /** EPA AQI (May 2024) of an hourly or 24-hour PM mean; null for other windows and quantities. */
  public static Integer aqi(AverageWindow w, Quantity q, double mean) {
    if (w == AverageWindow.MINUTE) {
      return null;
    }
    OptionalInt i =
        switch (q) {
          case PM25 -> UsEpaAqi.index(UsEpaAqi.Pollutant.PM25_24H, mean);
          case PM10 -> UsEpaAqi.index(UsEpaAqi.Pollutant.PM10_24H, mean);
          default -> OptionalInt.empty();
        };
    return i.isPresent() ? i.getAsInt() : null;
  }

  /**
   * The area means of one window, one per quantity: the mean of the valid sensors' means (coverage
   * at or above the gate); count, expected count, min and max are summed or taken over those
   * sensors. A quantity without a valid sensor has no area mean.
   */
  public static List<WindowAverage> ofArea(
      String area, AverageWindow w, Instant start, AreaWindow agg, double coverageGate) {
    List<WindowAverage> out = new ArrayList<>();
    for (Quantity q : Quantity.values()) {
      String county = null;
      List<SensorMean> valid = new ArrayList<>();
      for (AreaInput in : agg.sensors().values()) {
        for (SensorMean m : in.means()) {
          if (m.quantity() == q && m.coverage() >= coverageGate) {
            valid.add(m);
            county = county == null ? in.county() : county;
          }
        }
      }
      if (!valid.isEmpty()) {
        out.add(ofArea(area, county, w, start, q, valid));
      }
    }
    return out;
  }

  private static WindowAverage ofArea(
      String area,
      String county,
      AverageWindow w,
      Instant start,
      Quantity q,
      Collection<SensorMean> valid) {
    long count = 0;
    long expected = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    double rawSum = 0;
    TreeSet<String> corrections = new TreeSet<>();
    for (SensorMean a : valid) {
      count += a.count();
      expected += a.expectedCount();
      min = Math.min(min, a.min());
      max = Math.max(max, a.max());
      sum += a.mean();
      rawSum += a.rawMean();
      corrections.add(a.correction());
    }
    double mean = sum / valid.size();
    return new WindowAverage(
        Scope.AREA,
        area,
        area,
        county,
        w,
        start,
        start.plus(w.size()),
        q,
        count,
        expected,
        100.0 * count / expected,
        min,
        max,
        rawSum / valid.size(),
        mean,
        String.join("+", corrections),
        aqi(w, q, mean));
  }
}
