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

/** Turns window aggregates into core WindowAverages (one per quantity) and area means. Pure. */
public final class Averages {
  private Averages() {}

  public static List<WindowAverage> ofSensor(
      AverageWindow w, Instant start, SensorWindowAggregate agg) {
    Sensor s = agg.sensor();
    List<WindowAverage> out = new ArrayList<>();
    long expected = s.expectedCount(w.size());
    for (Map.Entry<Quantity, Accumulator> e : agg.quantities().entrySet()) {
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
              start.plus(w.size()),
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
   * The area mean of one window and quantity: the mean of the valid sensors' means (coverage at or
   * above the gate); count, expected count, min and max are summed or taken over those sensors.
   * Null when none is valid.
   */
  public static WindowAverage ofArea(
      String area, List<WindowAverage> sensorMeans, double coverageGate) {
    List<WindowAverage> valid =
        sensorMeans.stream().filter(a -> a.coverage() >= coverageGate).toList();
    if (valid.isEmpty()) {
      return null;
    }
    WindowAverage first = valid.get(0);
    long count = 0;
    long expected = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    double rawSum = 0;
    java.util.TreeSet<String> corrections = new java.util.TreeSet<>();
    for (WindowAverage a : valid) {
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
        first.county(),
        first.window(),
        first.start(),
        first.end(),
        first.quantity(),
        count,
        expected,
        100.0 * count / expected,
        min,
        max,
        rawSum / valid.size(),
        mean,
        String.join("+", corrections),
        aqi(first.window(), first.quantity(), mean));
  }
}
