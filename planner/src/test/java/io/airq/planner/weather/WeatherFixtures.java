package io.airq.planner.weather;

import io.airq.core.closure.Closure;
import io.airq.core.closure.ClosureWeather;
import io.airq.core.closure.SensorSelection;
import io.airq.core.registry.Sensor;
import io.airq.core.registry.SensorKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Cork's Car-Free Day streets and weather stations around them, for the weather tests. */
final class WeatherFixtures {
  private WeatherFixtures() {}

  /** St Patrick's Street and Grand Parade, the treated sensors. */
  static final Sensor SPS = air("cork-sps", 51.8992, -8.4731);

  static final Sensor GP = air("cork-gp", 51.8975, -8.4760);

  /** Cork airport, 6.4 km south of the treated streets. */
  static final Sensor AIRPORT = station("cork-airport-wx", 51.8413, -8.4911, null);

  /** Roche's Point, 19.7 km south-east. */
  static final Sensor ROCHES_POINT = station("roches-point-wx", 51.7930, -8.2440, null);

  /** Valentia, 121 km west: never "nearest" at the default 25 km. */
  static final Sensor VALENTIA = station("valentia-wx", 51.9381, -10.2412, null);

  static Sensor air(String id, double lat, double lon) {
    return Sensor.builder(id)
        .position(lat, lon)
        .area("Centre")
        .county("Cork")
        .reportingInterval(Duration.ofHours(1))
        .build();
  }

  static Sensor station(String id, double lat, double lon, Instant retired) {
    return Sensor.builder(id)
        .position(lat, lon)
        .county("Cork")
        .reportingInterval(Duration.ofHours(1))
        .kind(SensorKind.WEATHER)
        .retired(retired)
        .build();
  }

  /** Car-Free Day 2023, 07:00–19:00 Dublin time, one day before and after. */
  static Closure carFreeDay(String station) {
    return Closure.builder("cork-car-free-day-2023")
        .treated(SensorSelection.ofSensors("cork-sps", "cork-gp"))
        .period(LocalDateTime.parse("2023-09-22T07:00"), LocalDateTime.parse("2023-09-22T19:00"))
        .baseline(Duration.ofDays(1))
        .after(Duration.ofDays(1))
        .zone(ZoneId.of("Europe/Dublin"))
        .weather(station == null ? null : new ClosureWeather(station))
        .build();
  }
}
