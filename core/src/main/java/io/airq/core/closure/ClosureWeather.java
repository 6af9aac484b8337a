package io.airq.core.closure;

import java.util.Objects;

/**
 * Where a closure's weather comes from: a registered sensor of kind {@code weather}. Optional on a
 * closure; without it the planner uses the nearest registered weather station within {@code
 * weather.nearest-km}, else the treated sensors' own temperature and humidity.
 *
 * @param station the weather station's sensor id
 */
public record ClosureWeather(String station) {
  public ClosureWeather {
    Objects.requireNonNull(station, "weather.station");
    if (station.isBlank()) {
      throw new IllegalArgumentException("weather.station must not be blank");
    }
  }
}
