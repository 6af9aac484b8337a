package io.airq.planner.weather;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.closure.Closure;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.planner.influx.AverageReader;
import io.airq.planner.influx.SeriesPoint;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A closure's hourly weather, read from the hourly sensor means in InfluxDB (live or imported
 * alike), from the first of {@link WeatherCandidates} that has any hour in the period; a station
 * the closure names is used even when it has none (the report then has no weather, and says from
 * where); with no candidate holding an hour, the source is {@code none}. A station gives every
 * quantity of the weather it has; the treated sensors give the mean over them of their temperature
 * and humidity. Only valid hours count: count at least {@code hourGate} of expected. For the impact
 * model (issue 25); docs/weather.md.
 */
public final class WeatherSource {
  private static final List<Quantity> STATION_QUANTITIES =
      List.of(
          Quantity.WIND_SPEED,
          Quantity.WIND_DIR,
          Quantity.TEMPERATURE,
          Quantity.HUMIDITY,
          Quantity.RAIN,
          Quantity.PRESSURE);
  private static final List<Quantity> SENSOR_QUANTITIES =
      List.of(Quantity.TEMPERATURE, Quantity.HUMIDITY);

  private final AverageReader reader;
  private final Supplier<Collection<Sensor>> registry;
  private final double nearestKm;
  private final double hourGate;

  /**
   * @param registry the registered sensors (the planner's {@code Registry::sensors})
   * @param nearestKm {@code weather.nearest-km}
   * @param hourGate {@code impact.hour.gate}: share of an hour's expected readings it needs
   */
  public WeatherSource(
      AverageReader reader,
      Supplier<Collection<Sensor>> registry,
      double nearestKm,
      double hourGate) {
    this.reader = reader;
    this.registry = registry;
    this.nearestKm = nearestKm;
    this.hourGate = hourGate;
  }

  /** The weather of the closure's phases: from the start of before to the end of after. */
  public HourlyWeather hourly(Closure c) {
    return hourly(c, c.beforeStart(), c.afterEnd());
  }

  /** The weather of hours starting in [from, to) (a training window may reach further back). */
  public HourlyWeather hourly(Closure c, Instant from, Instant to) {
    for (WeatherCandidates.Candidate k :
        WeatherCandidates.of(c, registry.get(), nearestKm, from, to)) {
      SortedMap<Instant, Map<Quantity, Double>> hours = read(k, from, to);
      if (!hours.isEmpty() || k.last()) {
        return new HourlyWeather(k.source(), hours);
      }
    }
    return HourlyWeather.none();
  }

  private SortedMap<Instant, Map<Quantity, Double>> read(
      WeatherCandidates.Candidate k, Instant from, Instant to) {
    SortedMap<Instant, Map<Quantity, Double>> out = new TreeMap<>();
    for (Quantity q : k.station() ? STATION_QUANTITIES : SENSOR_QUANTITIES) {
      Map<Instant, double[]> sums = new HashMap<>(); // hour -> {sum, sensors}
      for (SeriesPoint p :
          reader.series(Scope.SENSOR, k.sensors(), AverageWindow.HOUR, q, from, to)) {
        if (p.expected() > 0 && p.count() >= hourGate * p.expected()) {
          double[] s = sums.computeIfAbsent(p.time(), t -> new double[2]);
          s[0] += p.mean();
          s[1]++;
        }
      }
      sums.forEach(
          (hour, s) ->
              out.computeIfAbsent(hour, h -> new EnumMap<>(Quantity.class)).put(q, s[0] / s[1]));
    }
    return out;
  }
}
