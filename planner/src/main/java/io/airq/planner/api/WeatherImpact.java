package io.airq.planner.api;

import io.airq.core.closure.Closure;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.planner.impact.HourlyMean;
import io.airq.planner.impact.ImpactAnalysis;
import io.airq.planner.impact.ImpactReport;
import io.airq.planner.impact.PhaseAggregator;
import io.airq.planner.impact.weather.BauSettings;
import io.airq.planner.impact.weather.ClosureAdjustment;
import io.airq.planner.impact.weather.WeatherHour;
import io.airq.planner.influx.AverageReader;
import io.airq.planner.weather.HourlyWeather;
import io.airq.planner.weather.WeatherSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds airq-impact-2 (the weather-adjusted result) to a stored-path report: reads the groups'
 * hourly means over the training window and the closure's weather from InfluxDB, then runs the pure
 * {@link ClosureAdjustment}. The weather comes from {@link WeatherSource}: the closure's named
 * station ({@code weather.station}), else the nearest station, else the treated sensors' own
 * temperature and humidity; the report names which. Without a source (tests), the named station or
 * the treated sensors.
 */
final class WeatherImpact {
  private static final List<Quantity> STATION =
      List.of(
          Quantity.WIND_SPEED,
          Quantity.WIND_DIR,
          Quantity.TEMPERATURE,
          Quantity.HUMIDITY,
          Quantity.RAIN,
          Quantity.PRESSURE);

  private final AverageReader reader;
  private final WeatherSource source;

  /**
   * @param source the closure's weather (null: only a named station, else the treated sensors)
   */
  WeatherImpact(AverageReader reader, WeatherSource source) {
    this.reader = reader;
    this.source = source;
  }

  ImpactReport add(
      ImpactReport report,
      Closure closure,
      Quantity quantity,
      Collection<Sensor> registry,
      Collection<Closure> closures,
      ImpactAnalysis.Options o,
      Duration training) {
    List<Sensor> inService = PhaseAggregator.inService(closure, registry);
    List<Sensor> treated = inService.stream().filter(s -> closure.treated().selects(s)).toList();
    List<Sensor> control =
        inService.stream()
            .filter(s -> closure.control().selects(s) && !closure.treated().selects(s))
            .toList();
    Instant from = ClosureAdjustment.trainStart(closure, training);
    Instant to = closure.afterEnd();
    Map<String, Sensor> byId = new HashMap<>();
    registry.forEach(s -> byId.put(s.id(), s));
    List<String> ids =
        java.util.stream.Stream.concat(treated.stream(), control.stream()).map(Sensor::id).toList();
    List<HourlyMean> hours = means(ids, quantity, from, to, byId);
    String src;
    Map<Instant, WeatherHour> w;
    String station = closure.weather() == null ? null : closure.weather().station();
    if (source == null) {
      src = station != null ? "station:" + station : HourlyWeather.TREATED_SENSORS;
      w = weather(station, treated.stream().map(Sensor::id).toList(), from, to, byId);
    } else {
      HourlyWeather hw = source.hourly(closure, from, to);
      src = hw.source();
      w = ClosureAdjustment.weatherHours(hw.hours());
    }
    ClosureAdjustment.Result r =
        ClosureAdjustment.analyse(
            closure,
            treated,
            control,
            hours,
            o.hourGate(),
            w,
            src,
            closures,
            training,
            BauSettings.DEFAULT);
    return report.withWeather(r.treated(), r.control());
  }

  /** A station's hourly weather, or the given sensors' temperature and humidity without one. */
  Map<Instant, WeatherHour> weather(
      String station, List<String> own, Instant from, Instant to, Map<String, Sensor> byId) {
    Map<Quantity, List<HourlyMean>> weather = new EnumMap<>(Quantity.class);
    if (station != null) {
      for (Quantity q : STATION) {
        weather.put(q, means(List.of(station), q, from, to, byId));
      }
    } else {
      for (Quantity q : List.of(Quantity.TEMPERATURE, Quantity.HUMIDITY)) {
        weather.put(q, meanOverSensors(means(own, q, from, to, byId)));
      }
    }
    return ClosureAdjustment.weather(weather);
  }

  List<HourlyMean> means(
      List<String> ids, Quantity q, Instant from, Instant to, Map<String, Sensor> byId) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return reader.hourlySensorMeans(
        ids,
        q,
        from,
        to,
        id -> byId.containsKey(id) ? byId.get(id).expectedCount(Duration.ofHours(1)) : 0);
  }

  /** Several sensors' hourly means as one series (their mean per hour). */
  private static List<HourlyMean> meanOverSensors(List<HourlyMean> hours) {
    Map<Instant, double[]> sums = new java.util.TreeMap<>();
    for (HourlyMean h : hours) {
      if (Double.isFinite(h.mean()) && h.count() > 0) {
        double[] a = sums.computeIfAbsent(h.hourStart(), k -> new double[2]);
        a[0] += h.mean();
        a[1]++;
      }
    }
    return sums.entrySet().stream()
        .map(e -> new HourlyMean("treated", e.getKey(), e.getValue()[0] / e.getValue()[1], 1, 1))
        .toList();
  }
}
