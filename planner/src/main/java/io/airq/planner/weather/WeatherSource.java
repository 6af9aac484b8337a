package io.airq.planner.weather;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.closure.Closure;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.planner.impact.HourlyMean;
import io.airq.planner.influx.AverageReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A closure's hourly weather, read from the hourly sensor means in InfluxDB (live or imported
 * alike), from the first of {@link WeatherCandidates} that has any hour in the period; a station
 * the closure names is used even when it has none (the report then has no weather, and says from
 * where); with no candidate holding an hour, the source is {@code none}. A station gives every
 * quantity of the weather it has (rain as the hour's total); the treated sensors give the mean over
 * them of their temperature and humidity. Hours are read as the pollutant's are (stored hourly
 * means, completed from raw readings), and only valid hours count: count at least {@code hourGate}
 * of expected. For the impact model (issue 25); docs/weather.md.
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

  /**
   * The candidate's valid hours per quantity: the hourly means the streams job stored, completed
   * from the raw readings where those hold more (readings the streams job found late, such as a
   * station's history published after newer readings of its partition, or an hour it never
   * averaged), as the pollutant is read. Wind direction is completed only from an hour's single raw
   * reading: InfluxQL's mean of several raw directions would be arithmetic, not the vector mean the
   * streams job stores. A station's rain is the hour's total (mean × readings).
   */
  private SortedMap<Instant, Map<Quantity, Double>> read(
      WeatherCandidates.Candidate k, Instant from, Instant to) {
    Map<String, Sensor> byId = new HashMap<>();
    registry.get().forEach(x -> byId.put(x.id(), x));
    SortedMap<Instant, Map<Quantity, Double>> out = new TreeMap<>();
    for (Quantity q : k.station() ? STATION_QUANTITIES : SENSOR_QUANTITIES) {
      Set<String> stored = new HashSet<>();
      if (q == Quantity.WIND_DIR) {
        reader
            .series(Scope.SENSOR, k.sensors(), AverageWindow.HOUR, q, from, to)
            .forEach(p -> stored.add(p.key() + "@" + p.time() + "#" + p.count()));
      }
      Map<Instant, double[]> sums = new HashMap<>(); // hour -> {sum, sensors}
      for (HourlyMean h :
          reader.hourlySensorMeans(
              k.sensors(),
              q,
              from,
              to,
              id -> byId.containsKey(id) ? byId.get(id).expectedCount(Duration.ofHours(1)) : 0)) {
        boolean vector =
            q != Quantity.WIND_DIR
                || h.count() == 1
                || stored.contains(h.sensor() + "@" + h.hourStart() + "#" + h.count());
        if (vector && h.valid(hourGate)) {
          double v = q == Quantity.RAIN && k.station() ? h.mean() * h.count() : h.mean();
          double[] s = sums.computeIfAbsent(h.hourStart(), t -> new double[2]);
          s[0] += v;
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
