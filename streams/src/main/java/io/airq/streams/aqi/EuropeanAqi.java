package io.airq.streams.aqi;

import io.airq.core.reading.Quantity;
import java.util.Map;
import java.util.OptionalInt;

/**
 * European Air Quality Index (EEA, bands revised 2024): level 1 good, 2 fair, 3 moderate, 4 poor, 5
 * very poor, 6 extremely poor. Concentrations in µg/m³; a value equal to an upper bound belongs to
 * the lower level.
 */
public final class EuropeanAqi {
  public static final String ID = "eu-eaqi-2024";

  private static final Map<Quantity, double[]> UPPER =
      Map.of(
          Quantity.PM25, new double[] {5, 15, 50, 90, 140},
          Quantity.PM10, new double[] {15, 45, 120, 195, 270},
          Quantity.NO2, new double[] {10, 25, 60, 100, 150},
          Quantity.O3, new double[] {60, 100, 120, 160, 180},
          Quantity.SO2, new double[] {20, 40, 125, 190, 275});

  /** The EEA's names of levels 1 to 6. */
  private static final String[] NAMES = {
    "Good", "Fair", "Moderate", "Poor", "Very poor", "Extremely poor"
  };

  private EuropeanAqi() {}

  /** The EEA's name of a level (1 to 6). */
  public static String category(int level) {
    return NAMES[level - 1];
  }

  /** Whether the index has bands for {@code q}. */
  public static boolean covers(Quantity q) {
    return UPPER.containsKey(q);
  }

  /** PM2.5 and PM10 are rated on their 24-hour running mean, the gases on their hourly mean. */
  public static boolean onDailyMean(Quantity q) {
    return q == Quantity.PM25 || q == Quantity.PM10;
  }

  public static OptionalInt level(Quantity q, double concentration) {
    double[] up = UPPER.get(q);
    if (up == null || !Double.isFinite(concentration) || concentration < 0) {
      return OptionalInt.empty();
    }
    for (int i = 0; i < up.length; i++) {
      if (concentration <= up[i]) {
        return OptionalInt.of(i + 1);
      }
    }
    return OptionalInt.of(6);
  }
}
