package io.airq.planner.calibration;

import io.airq.planner.calibration.ColocationFit.Agreement;
import io.airq.planner.calibration.ColocationFit.HumidityResult;
import io.airq.planner.calibration.ColocationFit.Result;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;

/**
 * The lines {@code airq calibrate} prints for a fit: the linear fit, the test hours before and
 * after it, and the humidity-aware fit when there is one (tab-separated {@code name=value}s, 4
 * decimals).
 */
public final class FitReport {
  private FitReport() {}

  /**
   * @param hasHumidity whether any pair has the sensor's humidity: without a humidity-aware fit,
   *     says why
   */
  public static void print(
      PrintWriter out, Result fit, Optional<HumidityResult> rh, boolean hasHumidity) {
    out.printf(
        Locale.ROOT,
        "fit\tcorrected = %.4f × raw + %.4f\tn=%d\tr2=%.4f%n",
        fit.slope(),
        fit.intercept(),
        fit.train().n(),
        fit.train().r2());
    agreement(out, "before", fit.before());
    agreement(out, "after", fit.after());
    rh.ifPresent(
        h -> {
          out.printf(
              Locale.ROOT,
              "fit-rh\tcorrected = %.4f × raw + %.4f × RH + %.4f\tn=%d\tr2=%.4f%n",
              h.slope(),
              h.humidity(),
              h.intercept(),
              h.train().n(),
              h.train().r2());
          agreement(out, "before-rh", h.before());
          agreement(out, "after-rh", h.after());
        });
    if (rh.isEmpty() && hasHumidity) {
      out.println(
          "fit-rh\tnone: the sensor's humidity does not vary independently of its raw means (a"
              + " saturated humidity sensor reads 99.9 % all day), or fewer than 4 training hours"
              + " have it");
    }
  }

  private static void agreement(PrintWriter out, String label, Agreement g) {
    out.printf(
        Locale.ROOT,
        "%s\tn=%d\trmse=%.4f\tmae=%.4f\tbias=%.4f\tr2=%.4f%n",
        label,
        g.n(),
        g.rmse(),
        g.mae(),
        g.bias(),
        g.r2());
  }
}
