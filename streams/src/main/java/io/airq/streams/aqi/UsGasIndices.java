package io.airq.streams.aqi;

import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import io.airq.streams.aqi.UsEpaAqi.Pollutant;
import java.util.List;
import java.util.OptionalInt;

/**
 * The US EPA sub-indices of the gases (May 2024 tables, docs/quality.md): NO2, SO2 and O3 on the
 * hour ({@code aqi_us_1h}), O3 and CO on the 8-hour running mean ending with the hour ({@code
 * aqi_us_8h}). airq keeps the gases in µg/m³ (CO in mg/m³); EPA's tables are in ppb (NO2, SO2) and
 * ppm (O3, CO), converted at 25 °C and 1 atm: ppb = µg/m³ × 24.45 / M. Pure.
 */
public final class UsGasIndices {
  public static final String HOUR_FIELD = "aqi_us_1h";
  public static final String EIGHT_HOUR_FIELD = "aqi_us_8h";

  /** The averaging of the 8-hour sub-indices: the 8 hours ending with the window's hour. */
  public static final String RUNNING_8H = "8h-running";

  /**
   * The averaging of the daily AQI of O3 and CO on a local calendar day: the highest of the 8-hour
   * means starting in the day.
   */
  public static final String DAILY_MAX_8H = "8h-daily-max";

  /** EPA's level of the 8-hour O3 standard, ppm: a day above it counts even if incomplete. */
  static final double O3_STANDARD_PPM = 0.070;

  /** The averaging of the 1-hour sub-indices. */
  public static final String ONE_HOUR = "1h";

  /** Molar volume of an ideal gas at 25 °C and 1 atm, litres per mole. */
  public static final double MOLAR_VOLUME = 24.45;

  /** Hours of an 8-hour mean, and how many must be valid (EPA: 6 of 8, 75 %). */
  public static final int EIGHT_HOURS = 8;

  public static final int EIGHT_HOURS_NEEDED = 6;

  private UsGasIndices() {}

  /** Molar mass, g/mol, of the gases EPA indexes; NaN for others. */
  static double molarMass(Quantity q) {
    return switch (q) {
      case NO2 -> 46.01;
      case O3 -> 48.00;
      case SO2 -> 64.07;
      case CO -> 28.01;
      default -> Double.NaN;
    };
  }

  /**
   * A concentration in airq's unit (µg/m³; CO mg/m³) in the unit of EPA's table: ppb for NO2 and
   * SO2, ppm for O3 and CO.
   */
  public static double toTableUnit(Quantity q, double value) {
    double ppbOrPpm = value * MOLAR_VOLUME / molarMass(q); // µg/m³ -> ppb, mg/m³ -> ppm
    double out = q == Quantity.O3 ? ppbOrPpm / 1000 : ppbOrPpm;
    // rounded to 10⁻⁹ of the unit first, so that the table's truncation does not turn a value
    // converted exactly onto a breakpoint (53 ppb) into the one below (52.99999999 -> 52)
    return Math.round(out * 1e9) / 1e9;
  }

  /** Whether {@code q} has a 1-hour sub-index. */
  public static boolean hasHourly(Quantity q) {
    return q == Quantity.NO2 || q == Quantity.SO2 || q == Quantity.O3;
  }

  /** Whether {@code q} has an 8-hour sub-index. */
  public static boolean hasEightHour(Quantity q) {
    return q == Quantity.O3 || q == Quantity.CO;
  }

  /**
   * The 1-hour sub-index of an hourly mean (airq's unit), or null: outside the table (O3 below
   * 0.125 ppm, where EPA uses the 8-hour value; SO2 above 304 ppb, where EPA uses the 24-hour mean;
   * NO2 above 2049 ppb), or not a gas with a 1-hour table.
   */
  public static IndexValue hourly(Quantity q, double mean) {
    Pollutant p =
        switch (q) {
          case NO2 -> Pollutant.NO2_1H;
          case SO2 -> Pollutant.SO2_1H;
          case O3 -> Pollutant.O3_1H;
          default -> null;
        };
    return p == null ? null : value(HOUR_FIELD, q, p, mean, ONE_HOUR);
  }

  /**
   * The 8-hour sub-index of an 8-hour mean (airq's unit), or null: outside the table (O3 above
   * 0.200 ppm, where EPA uses the 1-hour value), or not O3 or CO.
   */
  public static IndexValue eightHour(Quantity q, double mean) {
    Pollutant p = eightHourTable(q);
    return p == null ? null : value(EIGHT_HOUR_FIELD, q, p, mean, RUNNING_8H);
  }

  /** EPA's 8-hour table of O3 or CO; null for the others. */
  private static Pollutant eightHourTable(Quantity q) {
    return switch (q) {
      case O3 -> Pollutant.O3_8H;
      case CO -> Pollutant.CO_8H;
      default -> null;
    };
  }

  /**
   * The daily AQI of an SO2 24-hour mean (airq's unit) on a 24-hour window ({@code averaging}: how
   * its hours were chosen), or null: EPA rates SO2 from 305 ppb up on the 24-hour mean (below it
   * the 1-hour values rate it, {@link #hourly}), so a mean below 305 ppb or above 1004 ppb has
   * none.
   */
  public static IndexValue twentyFourHour(Quantity q, double mean, String averaging) {
    return q == Quantity.SO2
        ? value(UsIndices.DAILY_FIELD, q, Pollutant.SO2_24H, mean, averaging)
        : null;
  }

  /**
   * EPA's daily value of O3 or CO on a local calendar day: the highest 8-hour mean of the periods
   * starting at each hour of the day (the last ones reach into the next day), each of at least
   * {@link #EIGHT_HOURS_NEEDED} valid hours; the day counts when at least 75 % of its periods have
   * a mean (18 of 24; 18 of 23 and 19 of 25 on a clock change) or, for O3, when its highest mean is
   * above the 8-hour standard (0.070 ppm) anyway. NaN when it does not count.
   *
   * @param hours the hourly means (airq's unit) from the day's first hour on, {@code periods + 7}
   *     of them (null = missing or below the coverage gate)
   * @param periods the hours of the day: 24, or 23 or 25 on a clock change
   */
  public static double dailyMaxEightHour(Quantity q, List<Double> hours, int periods) {
    double max = Double.NaN;
    int valid = 0;
    for (int i = 0; i < periods; i++) {
      double m = eightHourMean(hours.subList(i, Math.min(hours.size(), i + EIGHT_HOURS)));
      if (!Double.isNaN(m)) {
        valid++;
        max = Double.isNaN(max) ? m : Math.max(max, m);
      }
    }
    boolean complete = 4 * valid >= 3 * periods;
    boolean exceeds =
        q == Quantity.O3 && !Double.isNaN(max) && toTableUnit(q, max) > O3_STANDARD_PPM;
    return complete || exceeds ? max : Double.NaN;
  }

  /** The daily AQI of a {@link #dailyMaxEightHour} value, or null. */
  public static IndexValue dailyEightHour(Quantity q, double dailyMax) {
    Pollutant p = eightHourTable(q);
    return p == null ? null : value(UsIndices.DAILY_FIELD, q, p, dailyMax, DAILY_MAX_8H);
  }

  /**
   * The mean of the valid hours among the 8 most recent (most recent first, null = missing or below
   * the coverage gate), when at least {@link #EIGHT_HOURS_NEEDED} are valid; NaN otherwise.
   */
  public static double eightHourMean(List<Double> hoursMostRecentFirst) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < Math.min(EIGHT_HOURS, hoursMostRecentFirst.size()); i++) {
      Double c = hoursMostRecentFirst.get(i);
      if (c != null) {
        sum += c;
        n++;
      }
    }
    return n >= EIGHT_HOURS_NEEDED ? sum / n : Double.NaN;
  }

  private static IndexValue value(
      String field, Quantity q, Pollutant p, double mean, String averaging) {
    if (!Double.isFinite(mean)) {
      return null;
    }
    OptionalInt aqi = UsEpaAqi.index(p, toTableUnit(q, mean));
    if (aqi.isEmpty()) {
      return null;
    }
    int v = aqi.getAsInt();
    return new IndexValue(field, UsEpaAqi.ID, v, UsIndices.category(v), q, averaging);
  }
}
