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
  PRESSURE("pressure", "hPa", false);

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

  public static Optional<Quantity> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  @Override
  public String toString() {
    return id;
  }
}
