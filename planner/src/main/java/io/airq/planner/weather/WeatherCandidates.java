package io.airq.planner.weather;

import io.airq.core.closure.Closure;
import io.airq.core.registry.Sensor;
import io.airq.core.registry.SensorKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where a closure's weather may come from, in the order tried (docs/weather.md): the station the
 * closure names; else each registered weather station in service during the period within {@code
 * maxKm} of the centre of the treated sensors, nearest first; then the treated sensors themselves.
 * Pure.
 */
public final class WeatherCandidates {
  private static final double EARTH_RADIUS_KM = 6371.0088;

  private WeatherCandidates() {}

  /**
   * One place to read weather from.
   *
   * @param source the source as reports name it ({@code station:ID}, {@code nearest:ID (x.x km)},
   *     {@code treated-sensors})
   * @param sensors the sensors to read
   * @param station whether they are a weather station (all its quantities) or treated air sensors
   *     (temperature and humidity only)
   * @param last whether no later candidate may be tried even when this one has no hours (a station
   *     the closure names is the planner's choice to respect)
   */
  public record Candidate(String source, List<String> sensors, boolean station, boolean last) {}

  public static List<Candidate> of(
      Closure c, Collection<Sensor> registry, double maxKm, Instant from, Instant to) {
    List<Candidate> out = new ArrayList<>();
    if (c.weather() != null) {
      out.add(
          new Candidate(
              "station:" + c.weather().station(), List.of(c.weather().station()), true, true));
      return out;
    }
    List<Sensor> treated =
        registry.stream()
            .filter(s -> s.kind() != SensorKind.WEATHER && c.treated().selects(s))
            .toList();
    if (!treated.isEmpty() && maxKm > 0) {
      double lat = treated.stream().mapToDouble(Sensor::lat).average().orElseThrow();
      double lon = treated.stream().mapToDouble(Sensor::lon).average().orElseThrow();
      record Near(Sensor s, double km) {}
      registry.stream()
          .filter(s -> s.kind() == SensorKind.WEATHER && !s.activeWithin(from, to).isZero())
          .map(s -> new Near(s, km(lat, lon, s.lat(), s.lon())))
          .filter(n -> n.km() <= maxKm)
          .sorted(Comparator.comparingDouble(Near::km).thenComparing(n -> n.s().id()))
          .forEach(
              n ->
                  out.add(
                      new Candidate(
                          String.format(Locale.ROOT, "nearest:%s (%.1f km)", n.s().id(), n.km()),
                          List.of(n.s().id()),
                          true,
                          false)));
    }
    if (!treated.isEmpty()) {
      out.add(
          new Candidate(
              HourlyWeather.TREATED_SENSORS,
              treated.stream().map(Sensor::id).sorted().toList(),
              false,
              false));
    }
    return out;
  }

  /** Great-circle distance in km (haversine). */
  static double km(double lat1, double lon1, double lat2, double lon2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lon2 - lon1);
    double a =
        Math.sin(dp / 2) * Math.sin(dp / 2)
            + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }
}
