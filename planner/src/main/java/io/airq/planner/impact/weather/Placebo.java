package io.airq.planner.impact.weather;

import java.util.List;

/**
 * Placebo closures: the same closure moved to other days inside the training window (refitted each
 * time without those days), where nothing was closed.
 *
 * @param count how many placebo closures
 * @param pValue share of placebo effects at least as large (in absolute log ratio) as the real one,
 *     counting the real one: {@code (1 + k) / (1 + n)}
 * @param falsePositiveRate share of placebo closures whose 95 % interval excludes 0
 * @param intervalCoverage share whose 95 % interval contains 0 ({@code 1 − falsePositiveRate})
 * @param percents the placebo effects in percent, in time order (the distribution)
 * @param space effects of each control site treated as if it had been closed (placebo in space)
 */
public record Placebo(
    int count,
    double pValue,
    double falsePositiveRate,
    double intervalCoverage,
    List<Double> percents,
    List<SpacePlacebo> space) {

  static final Placebo NONE =
      new Placebo(0, Double.NaN, Double.NaN, Double.NaN, List.of(), List.of());

  /** A control site treated as if it had been closed. */
  public record SpacePlacebo(String sensor, double percent) {}

  Placebo withSpace(List<SpacePlacebo> s) {
    return new Placebo(count, pValue, falsePositiveRate, intervalCoverage, percents, s);
  }
}
