package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.streams.aqi.UsEpaAqi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

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
   * The area means of one window, one per quantity that has a valid sensor: the mean of the valid
   * sensors' means (coverage at or above the gate, applied by the aggregate); count, expected
   * count, min and max are summed or taken over those sensors. The county is the area's ({@link
   * AreaAggregate#county}), the same for every quantity.
   */
  public static List<WindowAverage> ofArea(
      String area, AverageWindow w, Instant start, AreaAggregate agg) {
    List<WindowAverage> out = new ArrayList<>(agg.quantities().size());
    String county = agg.county();
    for (Map.Entry<Quantity, AreaStats> e : agg.quantities().entrySet()) {
      AreaStats s = e.getValue();
      double mean = s.mean();
      out.add(
          new WindowAverage(
              Scope.AREA,
              area,
              area,
              county,
              w,
              start,
              start.plus(w.size()),
              e.getKey(),
              s.count(),
              s.expected(),
              100.0 * s.count() / s.expected(),
              s.min(),
              s.max(),
              s.rawMean(),
              mean,
              s.correction(),
              aqi(w, e.getKey(), mean)));
    }
    return out;
  }
}
