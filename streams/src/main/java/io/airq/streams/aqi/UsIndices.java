package io.airq.streams.aqi;

import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import io.airq.streams.aqi.UsEpaAqi.Pollutant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The US EPA index values airq stores (docs/quality.md): the NowCast AQI of an hour ({@code
 * aqi_us_nowcast}) and the AQI of a 24-hour mean ({@code aqi_us}), both for PM2.5 and PM10 on the
 * 24-hour breakpoints of May 2024. Pure.
 */
public final class UsIndices {
  public static final String NOWCAST_FIELD = "aqi_us_nowcast";
  public static final String DAILY_FIELD = "aqi_us";

  /** EPA's category names, by the upper index of each category. */
  private static final int[] UPPER = {50, 100, 150, 200, 300, 500};

  private static final String[] NAMES = {
    "Good", "Moderate", "Unhealthy for Sensitive Groups", "Unhealthy", "Very Unhealthy", "Hazardous"
  };

  private UsIndices() {}

  /** EPA's category name of an AQI value (0 to 500). */
  public static String category(int aqi) {
    for (int i = 0; i < UPPER.length; i++) {
      if (aqi <= UPPER[i]) {
        return NAMES[i];
      }
    }
    throw new IllegalArgumentException("AQI above 500: " + aqi);
  }

  /** The 24-hour table of a PM quantity, or null for other quantities. */
  static Pollutant table(Quantity q) {
    return switch (q) {
      case PM25 -> Pollutant.PM25_24H;
      case PM10 -> Pollutant.PM10_24H;
      default -> null;
    };
  }

  /** Whether airq computes US indices of {@code q}. */
  public static boolean covers(Quantity q) {
    return table(q) != null;
  }

  /**
   * The AQI of a 24-hour mean ({@code averaging}: how the 24 hours were chosen), or null when the
   * quantity has no 24-hour table or the mean is outside it.
   */
  public static IndexValue daily(Quantity q, double mean, String averaging) {
    Pollutant p = table(q);
    return p == null ? null : value(DAILY_FIELD, q, UsEpaAqi.index(p, mean), averaging);
  }

  /**
   * The NowCast AQI of the hour that is the first of {@code hourlyMostRecentFirst} (null = an hour
   * that is missing or below the coverage gate), or null when the NowCast is not defined (fewer
   * than 2 of the 3 most recent hours valid) or outside the table.
   */
  public static IndexValue nowCast(Quantity q, List<Double> hourlyMostRecentFirst) {
    Pollutant p = table(q);
    if (p == null) {
      return null;
    }
    OptionalDouble c = NowCast.of(hourlyMostRecentFirst);
    if (c.isEmpty()) {
      return null;
    }
    return value(NOWCAST_FIELD, q, UsEpaAqi.index(p, c.getAsDouble()), IndexValue.NOWCAST_12H);
  }

  private static IndexValue value(String field, Quantity q, OptionalInt aqi, String averaging) {
    if (aqi.isEmpty()) {
      return null;
    }
    int v = aqi.getAsInt();
    return new IndexValue(field, UsEpaAqi.ID, v, category(v), q, averaging);
  }
}
