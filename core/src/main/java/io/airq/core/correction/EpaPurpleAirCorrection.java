package io.airq.core.correction;

import java.util.Locale;

/**
 * US EPA correction for Plantower-class PM2.5 (Barkjohn et al. 2021) with the 2022 extension for
 * high concentrations (five pieces), floored at 0. Input x is the PM2.5 cf_1 (mean of channels A
 * and B when both exist), rh the sensor's relative humidity in %.
 *
 * <p>The fit describes how such sensors respond to the reference concentration, so {@link
 * #sensorReading} (its inverse) is how the simulator makes a Plantower-class sensor read.
 */
public final class EpaPurpleAirCorrection {
  /** Version id that travels with every corrected value. */
  public static final String ID = "us-epa-2021-ext2022";

  /** Above this cf_1 the fit is not used by anyone; the inverse searches below it. */
  private static final double MAX_CF1 = 5000;

  private EpaPurpleAirCorrection() {}

  /** The corrected PM2.5 (µg/m³) of a cf_1 reading {@code x} at relative humidity {@code rh} %. */
  public static double apply(double x, double rh) {
    double y;
    if (x < 30) {
      y = 0.524 * x - 0.0862 * rh + 5.75;
    } else if (x < 50) {
      double w = x / 20 - 3.0 / 2;
      y = (0.786 * w + 0.524 * (1 - w)) * x - 0.0862 * rh + 5.75;
    } else if (x < 210) {
      y = 0.786 * x - 0.0862 * rh + 5.75;
    } else if (x < 260) {
      double w = x / 50 - 21.0 / 5;
      y =
          (0.69 * w + 0.786 * (1 - w)) * x
              - 0.0862 * rh * (1 - w)
              + 2.966 * w
              + 5.75 * (1 - w)
              + 8.84e-4 * x * x * w;
    } else {
      y = 2.966 + 0.69 * x + 8.84e-4 * x * x;
    }
    return Math.max(0, y);
  }

  /**
   * The cf_1 reading that {@link #apply} maps to {@code corrected} at {@code rh}: what a
   * Plantower-class sensor that behaves as the fit says reports for a reference concentration. The
   * correction is increasing in x, so this is a bisection; a concentration below the correction of
   * a zero reading gives 0.
   */
  public static double sensorReading(double corrected, double rh) {
    if (corrected <= apply(0, rh)) {
      return 0;
    }
    double lo = 0;
    double hi = MAX_CF1;
    for (int i = 0; i < 60; i++) {
      double mid = (lo + hi) / 2;
      if (apply(mid, rh) < corrected) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /** Whether a sensor model is Plantower-class (PMS*, PurpleAir, "plantower"), case-insensitive. */
  public static boolean appliesToModel(String model) {
    if (model == null) {
      return false;
    }
    String m = model.toLowerCase(Locale.ROOT);
    return m.contains("pms") || m.contains("purpleair") || m.contains("plantower");
  }
}
