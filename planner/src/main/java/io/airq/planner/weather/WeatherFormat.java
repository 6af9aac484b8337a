package io.airq.planner.weather;

import io.airq.core.reading.Quantity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The CSV layouts {@code airq weather import} takes (docs/weather.md), each a time column and the
 * columns of its quantities, by header name.
 */
public enum WeatherFormat {
  /**
   * Met Éireann's hourly airport columns as in the Cork files: {@code Timestamp} (local time with
   * offset, {@code 2023-08-06 18:00:00+01:00}), {@code rain} (mm), {@code temp} (°C), {@code rhum}
   * (%), {@code msl} (hPa at mean sea level), {@code wdsp} (knots), {@code wddir} (degrees). Other
   * columns (traffic counters, NO2, ...) are not weather and are left alone.
   */
  CORK("cork", "Timestamp", WindUnit.KNOTS, false),
  /** {@code time,wind_speed,wind_dir,temperature,humidity,rain} and optionally {@code pressure}. */
  PLAIN("plain", "time", WindUnit.METRES_PER_SECOND, true);

  private final String id;
  private final String timeColumn;
  private final WindUnit defaultWindUnit;
  private final boolean strictColumns;

  WeatherFormat(String id, String timeColumn, WindUnit wind, boolean strictColumns) {
    this.id = id;
    this.timeColumn = timeColumn;
    this.defaultWindUnit = wind;
    this.strictColumns = strictColumns;
  }

  public String id() {
    return id;
  }

  String timeColumn() {
    return timeColumn;
  }

  public WindUnit defaultWindUnit() {
    return defaultWindUnit;
  }

  /** Whether a column it does not know is an error (plain) or left alone (cork). */
  boolean strictColumns() {
    return strictColumns;
  }

  /** Column name to quantity, in the file's usual order. */
  Map<String, Quantity> columns() {
    Map<String, Quantity> m = new LinkedHashMap<>();
    if (this == CORK) {
      m.put("rain", Quantity.RAIN);
      m.put("temp", Quantity.TEMPERATURE);
      m.put("rhum", Quantity.HUMIDITY);
      m.put("msl", Quantity.PRESSURE);
      m.put("wdsp", Quantity.WIND_SPEED);
      m.put("wddir", Quantity.WIND_DIR);
    } else {
      for (Quantity q :
          List.of(
              Quantity.WIND_SPEED,
              Quantity.WIND_DIR,
              Quantity.TEMPERATURE,
              Quantity.HUMIDITY,
              Quantity.RAIN,
              Quantity.PRESSURE)) {
        m.put(q.id(), q);
      }
    }
    return m;
  }

  public static Optional<WeatherFormat> byId(String id) {
    for (WeatherFormat f : values()) {
      if (f.id.equals(id.toLowerCase(Locale.ROOT))) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The format a header names: cork when it has {@code wdsp}, plain when it has {@code time}. */
  static Optional<WeatherFormat> detect(List<String> header) {
    if (header.contains("wdsp") || header.contains("Timestamp")) {
      return Optional.of(CORK);
    }
    if (header.contains("time")) {
      return Optional.of(PLAIN);
    }
    return Optional.empty();
  }

  /** The unit of a file's wind speed. */
  public enum WindUnit {
    KNOTS("knots", 1852.0 / 3600.0),
    METRES_PER_SECOND("m/s", 1.0);

    private final String id;
    private final double toMetresPerSecond;

    WindUnit(String id, double toMetresPerSecond) {
      this.id = id;
      this.toMetresPerSecond = toMetresPerSecond;
    }

    public String id() {
      return id;
    }

    double toMetresPerSecond(double v) {
      return v * toMetresPerSecond;
    }

    public static Optional<WindUnit> byId(String id) {
      for (WindUnit u : values()) {
        if (u.id.equalsIgnoreCase(id) || u.name().equalsIgnoreCase(id)) {
          return Optional.of(u);
        }
      }
      return Optional.empty();
    }
  }
}
