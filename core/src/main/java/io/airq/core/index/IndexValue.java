package io.airq.core.index;

import io.airq.core.reading.Quantity;
import java.util.Objects;

/**
 * One air-quality index value of one window (docs/quality.md gives each index's table, averaging
 * time and source).
 *
 * @param field the InfluxDB field it is stored as ({@code aqi_us_nowcast}, {@code aqi_us}); its
 *     category and pollutant go to {@code <field>_category} and {@code <field>_pollutant}
 * @param id the index and the version of its table, e.g. {@code us-epa-2024}
 * @param value the index value
 * @param category the name of the index's category the value falls in, e.g. {@code Moderate}
 * @param pollutant the dominant pollutant: the one whose sub-index is the value
 * @param averaging the averaging the value was computed on: {@code nowcast-12h} (EPA NowCast of the
 *     12 hours ending with the window), {@code 24h-rolling} (the 24 hours ending with the window's
 *     end, advancing hourly), {@code calendar-day} (the local calendar day, window {@code day}),
 *     {@code 8h-daily-max} (EPA's daily O3 and CO value: the day's highest 8-hour mean)
 */
public record IndexValue(
    String field, String id, int value, String category, Quantity pollutant, String averaging) {
  public static final String NOWCAST_12H = "nowcast-12h";
  public static final String ROLLING_24H = "24h-rolling";
  public static final String CALENDAR_DAY = "calendar-day";

  public IndexValue {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(pollutant, "pollutant");
    Objects.requireNonNull(averaging, "averaging");
  }
}
