package io.airq.planner.weather;

import io.airq.core.reading.Quantity;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One hour of a weather station's history: the hour's start and its values in canonical units (wind
 * in m/s, direction in degrees from north in [0, 360), rain in mm in the hour).
 */
public record WeatherHour(Instant start, Map<Quantity, Double> values) {
  public WeatherHour {
    Objects.requireNonNull(start, "start");
    values =
        values == null || values.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new EnumMap<>(values));
  }
}
