package io.airq.core.reading;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A measured quantity and its canonical unit. Every value inside airq is in the canonical unit; the
 * payload adapters convert on the way in.
 */
public enum Quantity {
  PM1("pm1", "µg/m³", true),
  PM25("pm25", "µg/m³", true),
  PM10("pm10", "µg/m³", true),
  NO2("no2", "µg/m³", false),
  O3("o3", "µg/m³", false),
  SO2("so2", "µg/m³", false),
  CO("co", "mg/m³", false),
  CO2("co2", "ppm", false),
  TEMPERATURE("temperature", "°C", false),
  HUMIDITY("humidity", "%", false),
  PRESSURE("pressure", "hPa", false),
  /** Wind speed, m/s. */
  WIND_SPEED("wind_speed", "m/s", false),
  /**
   * Wind direction, degrees clockwise from north, where the wind comes from, in [0, 360). Averaged
   * as a vector, never arithmetically ({@link #circular()}).
   */
  WIND_DIR("wind_dir", "°", false),
  /** Rain in the reading's interval (an accumulation, not a rate), mm. */
  RAIN("rain", "mm", false);

  private static final Map<String, Quantity> BY_ID =
      Arrays.stream(values()).collect(Collectors.toMap(q -> q.id, Function.identity()));

  private final String id;
  private final String unit;
  private final boolean particulate;

  Quantity(String id, String unit, boolean particulate) {
    this.id = id;
    this.unit = unit;
    this.particulate = particulate;
  }

  /** The stable name used in JSON, topics, InfluxDB fields and the API, e.g. {@code pm25}. */
  public String id() {
    return id;
  }

  public String unit() {
    return unit;
  }

  /** Particulate matter, measured by optical sensors that read high in humid air. */
  public boolean particulate() {
    return particulate;
  }

  /** An angle in degrees: its mean is the direction of the mean unit vector. */
  public boolean circular() {
    return this == WIND_DIR;
  }

  /** A quantity of the weather rather than of the air (wind, rain, pressure, temperature...). */
  public boolean weather() {
    return switch (this) {
      case TEMPERATURE, HUMIDITY, PRESSURE, WIND_SPEED, WIND_DIR, RAIN -> true;
      default -> false;
    };
  }

  public static Optional<Quantity> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  @Override
  public String toString() {
    return id;
  }
}
