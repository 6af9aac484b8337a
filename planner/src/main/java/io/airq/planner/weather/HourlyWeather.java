package io.airq.planner.weather;

import io.airq.core.reading.Quantity;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A closure's hourly weather and where it came from.
 *
 * @param source {@code station:ID} (the closure's named station), {@code nearest:ID (x.x km)},
 *     {@code treated-sensors} (their own temperature and humidity) or {@code none}
 * @param hours hour start to the hour's values in canonical units, in time order; only the
 *     quantities the source has (a treated sensor has no wind); empty for {@code none}
 */
public record HourlyWeather(String source, SortedMap<Instant, Map<Quantity, Double>> hours) {
  public static final String NONE = "none";
  public static final String TREATED_SENSORS = "treated-sensors";

  public HourlyWeather {
    hours = Collections.unmodifiableSortedMap(new TreeMap<>(hours));
  }

  static HourlyWeather none() {
    return new HourlyWeather(NONE, new TreeMap<>());
  }
}
