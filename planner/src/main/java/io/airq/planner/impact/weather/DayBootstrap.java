package io.airq.planner.impact.weather;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The spread of {@code Σ observed / Σ predicted} over a phase when nothing happened: held-out
 * training days (only the phase's local hours of day), drawn with replacement as whole days, as
 * many days as the phase has. Its 2.5 % and 97.5 % quantiles bound the ratio error of a phase.
 *
 * @param low 2.5 % quantile of the no-effect ratio
 * @param high 97.5 % quantile of the no-effect ratio
 * @param days held-out days it drew from
 */
record DayBootstrap(double low, double high, int days) {

  static final DayBootstrap NONE = new DayBootstrap(Double.NaN, Double.NaN, 0);

  static DayBootstrap of(
      List<Bau.Row> train,
      double[] predicted,
      Set<Integer> hoursOfDay,
      int phaseDays,
      int resamples,
      long seed) {
    Map<LocalDate, double[]> byDay = new TreeMap<>();
    for (int i = 0; i < train.size(); i++) {
      Bau.Row r = train.get(i);
      if (hoursOfDay.contains(r.hour())) {
        double[] s = byDay.computeIfAbsent(r.day(), d -> new double[2]);
        s[0] += r.obs();
        s[1] += predicted[i];
      }
    }
    if (byDay.size() < 2 || phaseDays < 1) {
      return NONE;
    }
    double[][] days = byDay.values().toArray(new double[0][]);
    SplittableRandom random = new SplittableRandom(seed);
    double[] ratios = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      double o = 0;
      double p = 0;
      for (int d = 0; d < phaseDays; d++) {
        double[] s = days[random.nextInt(days.length)];
        o += s[0];
        p += s[1];
      }
      ratios[b] = o / p;
    }
    Arrays.sort(ratios);
    return new DayBootstrap(quantile(ratios, 0.025), quantile(ratios, 0.975), days.length);
  }

  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(i + 1, sorted.length - 1);
    return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
  }

  boolean defined() {
    return Double.isFinite(low) && Double.isFinite(high) && low > 0;
  }

  /** Whether an effect {@code e} (ratio − 1) is within what no effect gives. */
  boolean covers(double e) {
    return defined() && 1 + e >= low && 1 + e <= high;
  }
}
